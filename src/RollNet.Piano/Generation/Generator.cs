using RollNet.Compute;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Model;

namespace RollNet.Piano.Generation;

/// <summary>A model of its own, with its backend and samplers.</summary>
internal sealed class Generator : IGenerator
{
    private readonly Backend _backend;
    private readonly RollModel _model;
    private readonly Sampler _sampler;
    private readonly ConditionalSampler _conditional;

    public Generator(Checkpoint checkpoint, Backend backend)
    {
        _backend = backend;
        try
        {
            _model = checkpoint.CreateModel(backend);
            _sampler = new Sampler(_model);
            _conditional = new ConditionalSampler(_model);
        }
        catch
        {
            _sampler?.Dispose();
            _model?.Dispose();
            backend.Dispose();
            throw;
        }
    }

    public string Device => _backend.Name;

    public bool RunsConcurrently => _backend.InstancesRunConcurrently;

    public PianoRoll Generate(PianoRoll primer, int steps, SamplingOptions options, CancellationToken cancellationToken) =>
        _sampler.Generate(primer, steps, options, cancellationToken);

    public ConditionalPiece Generate(HeldKeys held, ConditionalSamplingOptions options, CancellationToken cancellationToken) =>
        _conditional.Generate(held, options, cancellationToken);

    public void Dispose()
    {
        _conditional.Dispose();
        _sampler.Dispose();
        _model.Dispose();
        _backend.Dispose();
    }
}
