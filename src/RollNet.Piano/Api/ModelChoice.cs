namespace RollNet.Piano.Api;

/// <summary>One of the models a server offers, as the page's model list shows it.</summary>
/// <param name="Id">What a request's <c>model</c> member and <c>GET /api/model?id=</c> call it.</param>
/// <param name="Name">A file name, or such as "the bundled chorale model".</param>
/// <param name="TrainedOn">
/// The dataset's title (such as "JSB Chorales") or name, after those the model learnt before it was trained further
/// ("JSB Chorales, then mine"), or null when the checkpoint does not say.
/// </param>
/// <param name="StepsPerQuarter">The grid of the music it learnt.</param>
internal sealed record ModelChoice(string Id, string Name, string? TrainedOn, int StepsPerQuarter);
