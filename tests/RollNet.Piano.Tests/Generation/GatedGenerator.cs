using RollNet.Data;
using RollNet.Generation;
using RollNet.Piano.Generation;

namespace RollNet.Piano.Tests.Generation;

/// <summary>A generator whose every generation waits at its <see cref="GeneratorGate"/>, then answers silence.</summary>
internal sealed class GatedGenerator(GeneratorGate gate) : IGenerator
{
    public string Device => "gated";

    public bool RunsConcurrently => true;

    public PianoRoll Generate(PianoRoll primer, int steps, SamplingOptions options, CancellationToken cancellationToken)
    {
        gate.Pass(cancellationToken);
        return new PianoRoll(steps);
    }

    public ConditionalPiece Generate(HeldKeys held, ConditionalSamplingOptions options, CancellationToken cancellationToken)
    {
        gate.Pass(cancellationToken);
        return new ConditionalPiece(new PianoRoll(held.Steps), 0, 0, 0, 0);
    }

    public void Dispose()
    {
    }
}
