using System.Numerics.Tensors;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RollNet.Compute.Cpu;

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

    /// <summary>
    /// The gate pre-activation gradients of one row and dL/dC_{t-1}; <paramref name="dCell"/> holds dL/dC_t from step
    /// t+1 on entry and dL/dC_{t-1} on return, by <see cref="Gradients"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<float> gates, ReadOnlySpan<float> cellPrevious,
        ReadOnlySpan<float> tanhCell, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> dRecurrent, Span<float> dCell,
        Span<float> dGates)
    {
        int h = dCell.Length, w = Vector<float>.Count;
        ReadOnlySpan<float> i = gates[..h], f = gates.Slice(h, h), g = gates.Slice(2 * h, h), o = gates.Slice(3 * h, h);
        Span<float> di = dGates[..h], df = dGates.Slice(h, h), dg = dGates.Slice(2 * h, h), dO = dGates.Slice(3 * h, h);

        int j = 0;
        for (; j <= h - w; j += w)
        {
            var d = Gradients(new Vector<float>(i[j..]), new Vector<float>(f[j..]), new Vector<float>(g[j..]),
                new Vector<float>(o[j..]), new Vector<float>(tanhCell[j..]), new Vector<float>(cellPrevious[j..]),
                new Vector<float>(dOutput[j..]) + new Vector<float>(dRecurrent[j..]), new Vector<float>(dCell[j..]));
            d.I.CopyTo(di[j..]);
            d.F.CopyTo(df[j..]);
            d.G.CopyTo(dg[j..]);
            d.O.CopyTo(dO[j..]);
            d.CellPrevious.CopyTo(dCell[j..]);
        }

        if (j < h)
        {
            // The tail runs the same formulas on zero-padded copies, so they are written once; lane-wise float
            // arithmetic gives the same bits as scalar code would.
            Span<float> lane = stackalloc float[w];
            var d = Gradients(Padded(i[j..], lane), Padded(f[j..], lane), Padded(g[j..], lane), Padded(o[j..], lane),
                Padded(tanhCell[j..], lane), Padded(cellPrevious[j..], lane),
                Padded(dOutput[j..], lane) + Padded(dRecurrent[j..], lane), Padded(dCell[j..], lane));
            Store(d.I, di[j..], lane);
            Store(d.F, df[j..], lane);
            Store(d.G, dg[j..], lane);
            Store(d.O, dO[j..], lane);
            Store(d.CellPrevious, dCell[j..], lane);
        }
    }

    /// <summary>
    /// The LSTM cell backward of <see cref="Vector{T}.Count"/> units: the formulas derived on
    /// <see cref="Backend.LstmGatesBackward"/>, products in the order written there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<float> I, Vector<float> F, Vector<float> G, Vector<float> O, Vector<float> CellPrevious)
        Gradients(Vector<float> i, Vector<float> f, Vector<float> g, Vector<float> o, Vector<float> tanhCell,
            Vector<float> cellPrevious, Vector<float> dh, Vector<float> dCellNext)
    {
        Vector<float> one = Vector<float>.One;
        Vector<float> dc = dCellNext + (dh * o * (one - (tanhCell * tanhCell)));
        return (dc * g * i * (one - i), dc * cellPrevious * f * (one - f), dc * i * (one - (g * g)),
            dh * tanhCell * o * (one - o), dc * f);
    }

    /// <summary>The first values (fewer than a vector) of <paramref name="tail"/>, then zeros.</summary>
    private static Vector<float> Padded(ReadOnlySpan<float> tail, Span<float> lane)
    {
        lane.Clear();
        tail.CopyTo(lane);
        return new Vector<float>(lane);
    }

    /// <summary>Writes the lanes of <paramref name="value"/> that <paramref name="tail"/> has room for.</summary>
    private static void Store(Vector<float> value, Span<float> tail, Span<float> lane)
    {
        value.CopyTo(lane);
        lane[..tail.Length].CopyTo(tail);
    }
}
