namespace RollNet.Heads;

/// <summary>
/// What an <see cref="OutputHead"/> pass produces and its loss and backward read, held by the caller; each head makes
/// its own kind with <see cref="OutputHead.CreateActivations"/>.
/// </summary>
internal abstract class HeadActivations : IDisposable
{
    /// <summary>Rows (frames) of the last pass.</summary>
    public int Rows { get; protected set; }

    public abstract void Dispose();
}
