namespace RollNet.Piano.Api;

/// <summary>The answer of <c>GET /api/model</c>: the loaded model and the limits of the requests it serves.</summary>
/// <param name="Name">A file name, or "the bundled model".</param>
/// <param name="Head">The output head: "sigmoid" (keys drawn independently) or "nade" (keys of a frame drawn jointly).</param>
/// <param name="NadeHidden">The NADE head's hidden units, or null for the sigmoid head.</param>
/// <param name="TrainedOn">The dataset's title (such as "JSB Chorales") or name, or null when the checkpoint does not say.</param>
/// <param name="StepsPerQuarter">The grid of the music the model learnt, and so of the page's roll.</param>
/// <param name="Epochs">Epochs of training, or null when the checkpoint does not say.</param>
/// <param name="ValidationLoss">The best validation loss (nats per frame), or null.</param>
/// <param name="MaxParticles">The most particles a harmonize or fill request may ask for.</param>
/// <param name="MaxParticleSteps">The most particles × steps of the roll a harmonize or fill request may ask for.</param>
internal sealed record ModelDescription(
    string Name,
    int Layers,
    int HiddenSize,
    float Dropout,
    string Head,
    int? NadeHidden,
    int Parameters,
    string? TrainedOn,
    int StepsPerQuarter,
    int? Epochs,
    double? ValidationLoss,
    string Device,
    int MaxSteps,
    int MaxFrames,
    int MaxBodyBytes,
    int MaxParticles,
    int MaxParticleSteps);
