namespace RollNet.Heads;

/// <summary>
/// What drawing a frame with some keys held cost, at the draw's temperature: the log-probability the head gave the
/// held keys (each given the keys before it in the head's order) and that of the whole frame, held and drawn keys
/// together (nats).
/// </summary>
internal readonly record struct HeldDraw(double HeldLogProbability, double FrameLogProbability);
