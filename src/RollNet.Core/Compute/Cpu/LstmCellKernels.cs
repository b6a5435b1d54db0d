using System.Numerics.Tensors;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute.Cpu;

/// <summary>
/// The LSTM gate arithmetic of one batch row, forward and backward side by side. A row of gates is [i | f | g | o],
/// each H wide.
/// </summary>
internal static class LstmCellKernels
{
    /// <summary>
    /// Turns one row of gate pre-activations into i, f, o = σ(z), C~ = tanh(z) in place, then C_t = i⊙C~ + f⊙C_{t-1}
    /// and h_t = o⊙tanh(C_t). Each value is TensorPrimitives' own: σ(z) = 1 / (1 + e^(−z)) and tanh(z) through
    /// e^(−2|z|) − 1 as its operators compute them, both products rounded before they are added (no fused multiply-add).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(Span<float> gates, ReadOnlySpan<float> cellPrevious, Span<float> cell,
        Span<float> tanhCell, Span<float> output)
    {
        int h = cell.Length, w = Vector256<float>.Count;
        if (!Vector256.IsHardwareAccelerated || h % w != 0)
        {
            ForwardByPasses(gates, cellPrevious, cell, tanhCell, output);
            return;
        }

        // One pass over the units rather than seven over the row: the same arithmetic on the same values, each read and
        // written once (a quarter less time for the gates of the paper's shape on one core).
        ref float z = ref MemoryMarshal.GetReference(gates);
        ref float previous = ref MemoryMarshal.GetReference(cellPrevious);
        ref float c = ref MemoryMarshal.GetReference(cell);
        ref float tc = ref MemoryMarshal.GetReference(tanhCell);
        ref float hidden = ref MemoryMarshal.GetReference(output);
        for (int j = 0; j < h; j += w)
        {
            nuint at = (nuint)j;
            Vector256<float> i = Sigmoid(Vector256.LoadUnsafe(ref z, at));
            Vector256<float> f = Sigmoid(Vector256.LoadUnsafe(ref z, at + (nuint)h));
            Vector256<float> g = Tanh(Vector256.LoadUnsafe(ref z, at + (nuint)(2 * h)));
            Vector256<float> o = Sigmoid(Vector256.LoadUnsafe(ref z, at + (nuint)(3 * h)));
            i.StoreUnsafe(ref z, at);
            f.StoreUnsafe(ref z, at + (nuint)h);
            g.StoreUnsafe(ref z, at + (nuint)(2 * h));
            o.StoreUnsafe(ref z, at + (nuint)(3 * h));
            Vector256<float> next = (i * g) + (f * Vector256.LoadUnsafe(ref previous, at));
            Vector256<float> squashed = Tanh(next);
            next.StoreUnsafe(ref c, at);
            squashed.StoreUnsafe(ref tc, at);
            (o * squashed).StoreUnsafe(ref hidden, at);
        }
    }

    /// <summary>
    /// The forward pass as TensorPrimitives calls over the row: the specification of <see cref="Forward"/>, and its
    /// path where vectors of eight are not accelerated or H is not a multiple of eight (TensorPrimitives then takes
    /// scalar or narrower paths whose values the fused loop would not reproduce).
    /// </summary>
    internal static void ForwardByPasses(Span<float> gates, ReadOnlySpan<float> cellPrevious, Span<float> cell,
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

    /// <summary>σ(x) = 1 / (1 + e⁻ˣ), as TensorPrimitives.Sigmoid computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Sigmoid(Vector256<float> x) =>
        Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));

    /// <summary>
    /// tanh(x) = −z / (z + 2) with z = e^(−2|x|) − 1, given x's sign, as TensorPrimitives.Tanh computes it (exact
    /// where e^(−2|x|) underflows: z = −1 gives 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> z = Vector256.Exp(Vector256.Create(-2f) * Vector256.Abs(x)) - Vector256<float>.One;
        Vector256<uint> sign = x.AsUInt32() & Vector256.Create(0x8000_0000u);
        return (sign ^ (-z / (z + Vector256.Create(2f))).AsUInt32()).AsSingle();
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
