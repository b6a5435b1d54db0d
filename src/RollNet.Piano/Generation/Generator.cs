using RollNet.Compute;
using RollNet.Generation;
using RollNet.Model;

namespace RollNet.Piano.Generation;

/// <summary>A model of its own, with its backend and sampler: the recurrent state one request generates with.</summary>
internal sealed class Generator : IDisposable
{
    public Generator(Checkpoint checkpoint, Backend backend)
    {
        Backend = backend;
        try
        {
            Model = checkpoint.CreateModel(backend);
            Sampler = new Sampler(Model);
        }
        catch
        {
            Model?.Dispose();
            backend.Dispose();
            throw;
        }
    }

    public Backend Backend { get; }

    public RollModel Model { get; }

    public Sampler Sampler { get; }

    public void Dispose()
    {
        Sampler.Dispose();
        Model.Dispose();
        Backend.Dispose();
    }
}
