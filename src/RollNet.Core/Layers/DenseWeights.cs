using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>The tensors of a dense layer, as slices of a flat buffer: W (O×I) and b (O); parameters or gradients.</summary>
internal readonly record struct DenseWeights(BufferSlice W, BufferSlice B);
