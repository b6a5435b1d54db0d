using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>A fully connected layer, y = x·Wᵀ + b, with x N×I and W O×I. The sigmoid lives in the loss.</summary>
public sealed class DenseLayer : IDisposable
{
    private readonly Backend _backend;
    private readonly BufferSlice _w, _b, _dW, _dB;
    private DeviceBuffer? _output;
    private BufferSlice _input;
    private int _rows;

    public DenseLayer(Backend backend, int inputSize, int outputSize, BufferSlice w, BufferSlice b, BufferSlice dW,
        BufferSlice dB)
    {
        _backend = backend;
        InputSize = inputSize;
        OutputSize = outputSize;
        (_w, _b, _dW, _dB) = (w, b, dW, dB);
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>y of the last forward pass (N×O).</summary>
    public BufferSlice Output => _output!.Slice(0, _rows * OutputSize);

    /// <summary>
    /// y = x·Wᵀ + b for the N×I input, which must stay unchanged until <see cref="Backward"/>; inference may pass a
    /// packed copy of W (op(B) = Wᵀ), such as a narrow one, to multiply by instead.
    /// </summary>
    public BufferSlice Forward(BufferSlice input, int rows, PackedMatrix? weights = null)
    {
        if (_output is null || _output.Length < rows * OutputSize)
        {
            _output?.Dispose();
            _output = _backend.Allocate(rows * OutputSize);
        }

        _input = input;
        _rows = rows;
        BufferSlice y = Output;
        if (weights is null)
        {
            _backend.Gemm(false, true, rows, OutputSize, InputSize, 1, input, InputSize, _w, InputSize, 0, y, OutputSize);
        }
        else
        {
            _backend.Gemm(false, rows, 1, input, InputSize, weights, 0, y, OutputSize);
        }

        _backend.AddRowVector(y, rows, OutputSize, _b);
        return y;
    }

    /// <summary>Accumulates dW and db from dL/dy (N×O) and writes dL/dx (N×I) when asked.</summary>
    public void Backward(BufferSlice dOutput, BufferSlice? dInput)
    {
        _backend.Gemm(true, false, OutputSize, InputSize, _rows, 1, dOutput, OutputSize, _input, InputSize, 1, _dW,
            InputSize);
        _backend.AccumulateColumnSums(dOutput, _rows, OutputSize, _dB);
        if (dInput is { } dx)
        {
            _backend.Gemm(false, false, _rows, InputSize, OutputSize, 1, dOutput, OutputSize, _w, InputSize, 0, dx,
                InputSize);
        }
    }

    public void Dispose() => _output?.Dispose();
}
