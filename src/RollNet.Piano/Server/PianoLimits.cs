using RollNet.Generation;

namespace RollNet.Piano.Server;

/// <summary>The most a request may ask of the server; anything beyond gets a 400 that says which limit it passed.</summary>
public sealed record PianoLimits
{
    /// <summary>Bytes of a request body: a roll as JSON or a MIDI file.</summary>
    public int MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>Steps of a roll sent to the server or imported from MIDI.</summary>
    public int MaxFrames { get; init; } = 4096;

    /// <summary>Steps one generate request may ask for.</summary>
    public int MaxSteps { get; init; } = 1024;

    /// <summary>Particles one harmonize or fill request may ask for.</summary>
    public int MaxParticles { get; init; } = 256;

    /// <summary>
    /// Particles × steps of one harmonize or fill request: its work grows with both (every particle goes through every
    /// step of the roll), and 16,384 take about a second on one core of a small machine.
    /// </summary>
    public int MaxParticleSteps { get; init; } = 16_384;

    /// <summary>The same limits, checked: every one at least 1, and the particles within what the sampler takes.</summary>
    public PianoLimits Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParticles, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxParticles, ConditionalSampler.MaxParticles);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParticleSteps, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxParticleSteps, ConditionalSampler.MaxParticleSteps);
        return this;
    }
}
