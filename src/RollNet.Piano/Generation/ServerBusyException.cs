namespace RollNet.Piano.Generation;

/// <summary>
/// As many requests compute and wait as may: the server answers 503 with Retry-After rather than let the queue, and
/// the wait of every request in it, grow without bound.
/// </summary>
internal sealed class ServerBusyException(int running, int waiting)
    : Exception($"the server is busy (requests computing: {running}, waiting: {waiting}); try again shortly");
