namespace RollNet.Piano.Generation;

/// <summary>
/// Every generator is busy and as many requests wait for one as may: the server answers 503 with Retry-After
/// rather than let the queue, and the wait of every request in it, grow without bound.
/// </summary>
internal sealed class GeneratorsBusyException(int running, int waiting)
    : Exception($"the server is busy: {running} generations run and {waiting} wait; try again shortly");
