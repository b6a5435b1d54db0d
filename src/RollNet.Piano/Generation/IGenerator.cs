using RollNet.Data;
using RollNet.Generation;

namespace RollNet.Piano.Generation;

/// <summary>The recurrent state one request generates, harmonizes or fills with, lent by a <see cref="GeneratorPool"/>.</summary>
internal interface IGenerator : IDisposable
{
    /// <summary>The name of the device it computes on.</summary>
    string Device { get; }

    /// <summary>Whether generators of its kind, each on its own thread, compute at the same time.</summary>
    bool RunsConcurrently { get; }

    /// <summary>Continues <paramref name="primer"/> by <paramref name="steps"/> frames (see <see cref="Sampler.Generate"/>).</summary>
    PianoRoll Generate(PianoRoll primer, int steps, SamplingOptions options, CancellationToken cancellationToken);

    /// <summary>Draws a piece that keeps <paramref name="held"/> (see <see cref="ConditionalSampler.Generate"/>).</summary>
    ConditionalPiece Generate(HeldKeys held, ConditionalSamplingOptions options, CancellationToken cancellationToken);
}
