namespace RollNet.Piano.Api;

/// <summary>
/// The answer of <c>GET /api/model</c> (the model the page opens with) and <c>GET /api/model?id=…</c>: a model, the
/// limits of the requests it serves, and every model the server offers.
/// </summary>
/// <param name="Id">What requests call it (their <c>model</c> member).</param>
/// <param name="Name">A file name, or such as "the bundled chorale model".</param>
/// <param name="Head">The output head's kind, such as "sigmoid" or "nade".</param>
/// <param name="HeadDescription">The output head in a sentence: what it is and how it draws a frame.</param>
/// <param name="TrainedOn">
/// The dataset's title (such as "JSB Chorales") or name, after those the model learnt before it was trained further
/// ("JSB Chorales, then mine"), or null when the checkpoint does not say.
/// </param>
/// <param name="StepsPerQuarter">The grid of the music the model learnt, and so of the page's roll.</param>
/// <param name="Epochs">Epochs of training, or null when the checkpoint does not say.</param>
/// <param name="ValidationLoss">The best validation loss (nats per frame), or null.</param>
/// <param name="MaxParticles">The most particles a harmonize or fill request may ask for.</param>
/// <param name="MaxParticleSteps">The most particles × steps of the roll a harmonize or fill request may ask for.</param>
/// <param name="Models">Every model the server offers, the one the page opens with first.</param>
internal sealed record ModelDescription(
    string Id,
    string Name,
    int Layers,
    int HiddenSize,
    float Dropout,
    string Head,
    string HeadDescription,
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
    int MaxParticleSteps,
    IReadOnlyList<ModelChoice> Models);
