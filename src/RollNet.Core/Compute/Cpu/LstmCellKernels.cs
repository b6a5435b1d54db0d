using System.Numerics.Tensors;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RollNet.Compute;

/// <summary>
/// The LSTM gate arithmetic of one batch row, forward and backward side by side. A row of gates is [i | f | g | o],
/// each H wide.
/// </summary>
internal static class LstmCellKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(Span<float> gates, ReadOnlySpan<float> cellPrevious, Span<float> cell,
        Span<float> tanhCell, Span<float> output)
    {
        int h = cell.Length;
        Span<float> inputForget = gates[..(2 * h)];
        Span<float> candidate = gates.Slice(2 * h, h);
        Span<float> outputGate = gates.Slice(3 * h, h);
        TensorPrimitives.Sigmoid(inputForget, inputForget);
        TensorPrimitives.Tanh(candidate, candidate);
        TensorPrimitives.Sigmoid(outputGate, outputGate);

        // C_t = i⊙g + f⊙C_{t-1}; h_t = o⊙tanh(C_t)
        TensorPrimitives.Multiply(gates.Slice(h, h), cellPrevious, cell);
        TensorPrimitives.MultiplyAdd(gates[..h], candidate, cell, cell);
        TensorPrimitives.Tanh(cell, tanhCell);
        TensorPrimitives.Multiply(outputGate, tanhCell, output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<float> gates, ReadOnlySpan<float> cellPrevious,
        ReadOnlySpan<float> tanhCell, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> dRecurrent, Span<float> dCell,
        Span<float> dGates)
    {
        int h = dCell.Length;
        ReadOnlySpan<float> i = gates[..h], f = gates.Slice(h, h), g = gates.Slice(2 * h, h), o = gates.Slice(3 * h, h);
        Span<float> di = dGates[..h], df = dGates.Slice(h, h), dg = dGates.Slice(2 * h, h), dO = dGates.Slice(3 * h, h);

        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<float>.One;
            for (; j <= h - Vector<float>.Count; j += Vector<float>.Count)
            {
                var vi = new Vector<float>(i[j..]);
                var vf = new Vector<float>(f[j..]);
                var vg = new Vector<float>(g[j..]);
                var vo = new Vector<float>(o[j..]);
                var tc = new Vector<float>(tanhCell[j..]);
                var dh = new Vector<float>(dOutput[j..]) + new Vector<float>(dRecurrent[j..]);
                var dc = new Vector<float>(dCell[j..]) + dh * vo * (one - tc * tc);
                (dc * vg * vi * (one - vi)).CopyTo(di[j..]);
                (dc * new Vector<float>(cellPrevious[j..]) * vf * (one - vf)).CopyTo(df[j..]);
                (dc * vi * (one - vg * vg)).CopyTo(dg[j..]);
                (dh * tc * vo * (one - vo)).CopyTo(dO[j..]);
                (dc * vf).CopyTo(dCell[j..]);
            }
        }

        for (; j < h; j++)
        {
            float tc = tanhCell[j];
            float dh = dOutput[j] + dRecurrent[j];
            float dc = dCell[j] + dh * o[j] * (1 - tc * tc);
            di[j] = dc * g[j] * i[j] * (1 - i[j]);
            df[j] = dc * cellPrevious[j] * f[j] * (1 - f[j]);
            dg[j] = dc * i[j] * (1 - g[j] * g[j]);
            dO[j] = dh * tc * o[j] * (1 - o[j]);
            dCell[j] = dc * f[j];
        }
    }
}
