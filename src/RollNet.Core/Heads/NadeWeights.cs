using RollNet.Compute;
using RollNet.Layers;

namespace RollNet.Heads;

/// <summary>
/// The tensors of a <see cref="NadeHead"/> as slices of its region of a flat buffer, parameters or gradients: the map
/// to the visible biases (Wc K×H, bc K), the map to the hidden biases (Wd M×H, bd M), W and V (K×M each), then, when
/// the biases depend on the input frame, the maps from it (Uc K×I, Ud M×I), then, when they learn from the motion
/// of the outer voices, its weights (P, one per interval class), in the order of <see cref="NadeHead.TensorsOf"/>.
/// </summary>
internal readonly record struct NadeWeights(DenseWeights Visible, DenseWeights Hidden, BufferSlice W, BufferSlice V,
    NadeInputMaps? Input, BufferSlice? Parallel)
{
    public static NadeWeights Split(BufferSlice region, int hiddenSize, int keys, int nadeHidden, int? inputSize,
        bool parallel)
    {
        int h = hiddenSize, k = keys, m = nadeHidden, hiddenMap = k * (h + 1), nade = hiddenMap + (m * (h + 1));
        int inputMaps = nade + (2 * k * m), parallelAt = inputMaps + (inputSize is { } width ? (k + m) * width : 0);
        NadeInputMaps? input = inputSize is { } i
            ? new NadeInputMaps(region.Slice(inputMaps, k * i), region.Slice(inputMaps + (k * i), m * i), i)
            : null;
        return new(new DenseWeights(region.Slice(0, k * h), region.Slice(k * h, k)),
            new DenseWeights(region.Slice(hiddenMap, m * h), region.Slice(hiddenMap + (m * h), m)),
            region.Slice(nade, k * m), region.Slice(nade + (k * m), k * m), input,
            parallel ? region.Slice(parallelAt, ParallelMotion.Classes) : null);
    }
}
