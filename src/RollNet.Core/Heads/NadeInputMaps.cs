using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// The maps from a NADE head's input frame x (the frame before the one predicted) to its biases, as slices of a flat
/// buffer, parameters or gradients: Uc (K×I) adds x·Ucᵀ to the visible biases and Ud (M×I) adds x·Udᵀ to the hidden
/// biases, I being <paramref name="Width"/>. They have no bias of their own: the maps from the top state have one.
/// </summary>
internal readonly record struct NadeInputMaps(BufferSlice Visible, BufferSlice Hidden, int Width);
