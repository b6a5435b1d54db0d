using RollNet.Compute;
using RollNet.Layers;

namespace RollNet.Heads;

/// <summary>
/// The tensors of a <see cref="NadeHead"/> as slices of its region of a flat buffer, parameters or gradients: the map
/// to the visible biases (Wc K×H, bc K), the map to the hidden biases (Wd M×H, bd M), then W and V (K×M each), in the
/// order of <see cref="NadeHead.TensorsOf"/>.
/// </summary>
internal readonly record struct NadeWeights(DenseWeights Visible, DenseWeights Hidden, BufferSlice W, BufferSlice V)
{
    public static NadeWeights Split(BufferSlice region, int hiddenSize, int keys, int nadeHidden)
    {
        int h = hiddenSize, k = keys, m = nadeHidden, hiddenMap = k * (h + 1), nade = hiddenMap + (m * (h + 1));
        return new(new DenseWeights(region.Slice(0, k * h), region.Slice(k * h, k)),
            new DenseWeights(region.Slice(hiddenMap, m * h), region.Slice(hiddenMap + (m * h), m)),
            region.Slice(nade, k * m), region.Slice(nade + (k * m), k * m));
    }
}
