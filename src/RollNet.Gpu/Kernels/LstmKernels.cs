using ILGPU;
using RollNet.Compute;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// The LSTM gate arithmetic of a whole batch step, one thread per (row b, unit j) of B×H, all four gates of a unit
/// in the same thread. A row of gates is [i | f | g | o], each H wide.
/// </summary>
internal static class LstmKernels
{
    [Kernel]
    public static void Forward(Index1D index, ArrayView<float> gates, ArrayView<float> cellPrevious,
        ArrayView<float> cell, ArrayView<float> tanhCell, ArrayView<float> output, int hidden)
    {
        long b = index / hidden, j = index % hidden, row = b * 4 * hidden;
        float i = DeviceMath.Sigmoid(gates[row + j]);
        float f = DeviceMath.Sigmoid(gates[row + hidden + j]);
        float g = DeviceMath.Tanh(gates[row + (2 * hidden) + j]);
        float o = DeviceMath.Sigmoid(gates[row + (3 * hidden) + j]);
        gates[row + j] = i;
        gates[row + hidden + j] = f;
        gates[row + (2 * hidden) + j] = g;
        gates[row + (3 * hidden) + j] = o;

        // C_t = i⊙g + f⊙C_{t-1}; h_t = o⊙tanh(C_t)
        float c = (i * g) + (f * cellPrevious[index]);
        float tc = DeviceMath.Tanh(c);
        cell[index] = c;
        tanhCell[index] = tc;
        output[index] = o * tc;
    }

    /// <summary>
    /// The backward of <see cref="Forward"/> for unit (b, j): the four gate pre-activation gradients, and dC_{t-1} in
    /// place of dC_t.
    /// </summary>
    /// <remarks>
    /// The formulas derived on <see cref="Backend.LstmGatesBackward"/>, products in the order written there, as the
    /// CPU kernel takes them, so the two agree to the rounding of the activations.
    /// </remarks>
    [Kernel]
    public static void Backward(Index1D index, ArrayView<float> gates, ArrayView<float> cellPrevious,
        ArrayView<float> tanhCell, ArrayView<float> dOutput, ArrayView<float> dRecurrent, ArrayView<float> dCell,
        ArrayView<float> dGates, int hidden)
    {
        long b = index / hidden, j = index % hidden, row = b * 4 * hidden;
        float i = gates[row + j], f = gates[row + hidden + j];
        float g = gates[row + (2 * hidden) + j], o = gates[row + (3 * hidden) + j];
        float tc = tanhCell[index];
        float dh = dOutput[index] + dRecurrent[index];
        float dc = dCell[index] + (dh * o * (1 - (tc * tc)));
        dGates[row + j] = dc * g * i * (1 - i);
        dGates[row + hidden + j] = dc * cellPrevious[index] * f * (1 - f);
        dGates[row + (2 * hidden) + j] = dc * i * (1 - (g * g));
        dGates[row + (3 * hidden) + j] = dh * tc * o * (1 - o);
        dCell[index] = dc * f;
    }
}
