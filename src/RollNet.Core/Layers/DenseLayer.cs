using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>A fully connected layer, y = x·Wᵀ + b, with x N×I and W O×I. It holds only its weights.</summary>
internal sealed class DenseLayer
{
    private readonly Backend _backend;
    private readonly DenseWeights _weights;

    public DenseLayer(Backend backend, int inputSize, int outputSize, DenseWeights weights)
    {
        _backend = backend;
        InputSize = inputSize;
        OutputSize = outputSize;
        _weights = weights;
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>
    /// y = x·Wᵀ + b for the N×I input into <paramref name="output"/> (N×O); a packed copy of W (op(B) = Wᵀ), such as a
    /// bfloat16 one, is multiplied by instead when given.
    /// </summary>
    public void Forward(BufferSlice input, int rows, BufferSlice output, PackedMatrix? weights = null)
    {
        if (weights is null)
        {
            _backend.Gemm(false, true, rows, OutputSize, InputSize, 1, input, InputSize, _weights.W, InputSize, 0,
                output, OutputSize);
        }
        else
        {
            _backend.Gemm(false, rows, 1, input, InputSize, weights, 0, output, OutputSize);
        }

        _backend.AddRowVector(output, rows, OutputSize, _weights.B);
    }

    /// <summary>
    /// From dL/dy (N×O) of a pass over <paramref name="input"/>: dW += dyᵀ·x and db += Σ_n dy_n (y is linear in W and
    /// b), and dL/dx = dy·W into <paramref name="dInput"/> when given, added to what it holds when
    /// <paramref name="accumulateInput"/> is set (x feeding two layers).
    /// </summary>
    public void Backward(BufferSlice input, int rows, BufferSlice dOutput, DenseWeights gradients, BufferSlice? dInput,
        bool accumulateInput = false)
    {
        _backend.Gemm(true, false, OutputSize, InputSize, rows, 1, dOutput, OutputSize, input, InputSize, 1,
            gradients.W, InputSize);
        _backend.AccumulateColumnSums(dOutput, rows, OutputSize, gradients.B);
        if (dInput is { } dx)
        {
            _backend.Gemm(false, false, rows, InputSize, OutputSize, 1, dOutput, OutputSize, _weights.W, InputSize,
                accumulateInput ? 1 : 0, dx, InputSize);
        }
    }
}
