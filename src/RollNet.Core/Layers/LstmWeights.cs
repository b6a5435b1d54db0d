using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>
/// The three tensors of one LSTM layer, as slices of a flat buffer: W (G×I), U (G×H), b (G) with G = 4H and the gates
/// in the order i, f, g (C~), o. The same shape names a layer's parameters and their gradients.
/// </summary>
internal readonly record struct LstmWeights(BufferSlice W, BufferSlice U, BufferSlice B)
{
    /// <summary>The same three tensors in <paramref name="buffer"/>, laid out as the buffer these slices are of.</summary>
    public LstmWeights In(DeviceBuffer buffer) =>
        new(buffer.Slice(W.Offset, W.Length), buffer.Slice(U.Offset, U.Length), buffer.Slice(B.Offset, B.Length));
}
