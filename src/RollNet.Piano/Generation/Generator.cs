using RollNet.Compute;
using RollNet.Generation;
using RollNet.Model;

namespace RollNet.Piano.Generation;

/// <summary>
/// A model of its own, with its backend and samplers: the recurrent state one request generates, harmonizes or fills
/// with.
/// </summary>
internal sealed class Generator : IDisposable
{
    public Generator(Checkpoint checkpoint, Backend backend)
    {
        Backend = backend;
        try
        {
            Model = checkpoint.CreateModel(backend);
            Sampler = new Sampler(Model);
            Conditional = new ConditionalSampler(Model);
        }
        catch
        {
            Sampler?.Dispose();
            Model?.Dispose();
            backend.Dispose();
            throw;
        }
    }

    public Backend Backend { get; }

    public RollModel Model { get; }

    public Sampler Sampler { get; }

    /// <summary>Draws the free keys of a roll given its held ones (harmonize, fill).</summary>
    public ConditionalSampler Conditional { get; }

    public void Dispose()
    {
        Conditional.Dispose();
        Sampler.Dispose();
        Model.Dispose();
        Backend.Dispose();
    }
}
