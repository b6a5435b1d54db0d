using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>
/// One LSTM layer over a whole sequence (the paper's equation 1):
/// i, f, o = σ(W·x_t + U·h_{t-1} + b), C~ = tanh(…), C_t = i⊙C~ + f⊙C_{t-1}, h_t = o⊙tanh(C_t).
/// </summary>
/// <remarks>
/// Shapes (time-major, row-major): x T×B×I, gates T×B×G with G = 4H, h and C (T+1)×B×H where slot 0 holds the
/// initial state. The input products of all T steps are one large multiply; only h_{t-1}·Uᵀ runs per step. Backward
/// likewise batches dW, dU and dx over all steps after the per-step recurrence.
/// </remarks>
public sealed class LstmLayer : IDisposable
{
    private readonly Backend _backend;
    private readonly BufferSlice _w, _u, _b, _dW, _dU, _dB;

    // A pass of at least this many steps packs U once and reuses it at every step; shorter ones (a generation
    // step) multiply U as it is.
    private const int PackingSteps = 4;

    // U packed as op(B) of h·Uᵀ (forward) and of dGates·U (backward).
    private PackedMatrix? _packedForward, _packedBackward;

    // Activation cache, sized for the largest T×B seen; see the shape comment above.
    private DeviceBuffer? _gates, _hidden, _cell, _tanhCell, _dGates, _dRecurrent, _dCell;
    private int _capacity, _batchCapacity;
    private int _steps, _batch;
    private BufferSlice _input;

    public LstmLayer(Backend backend, int inputSize, int hiddenSize, BufferSlice w, BufferSlice u, BufferSlice b,
        BufferSlice dW, BufferSlice dU, BufferSlice dB)
    {
        _backend = backend;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        (_w, _u, _b, _dW, _dU, _dB) = (w, u, b, dW, dU, dB);
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    private int Gates => 4 * HiddenSize;

    /// <summary>h_1 … h_T of the last forward pass (T×B×H).</summary>
    public BufferSlice Output => _hidden!.Slice(_batch * HiddenSize, _steps * _batch * HiddenSize);

    /// <summary>h_T of the last forward pass (B×H).</summary>
    public BufferSlice FinalHidden => StateSlice(_hidden!, _steps);

    /// <summary>C_T of the last forward pass (B×H).</summary>
    public BufferSlice FinalCell => StateSlice(_cell!, _steps);

    /// <summary>dL/dh_0 after the last backward pass (B×H).</summary>
    public BufferSlice InitialHiddenGradient => _dRecurrent!.Slice(0, _batch * HiddenSize);

    /// <summary>dL/dC_0 after the last backward pass (B×H).</summary>
    public BufferSlice InitialCellGradient => _dCell!.Slice(0, _batch * HiddenSize);

    /// <summary>
    /// Runs the layer over <paramref name="input"/> (T×B×I) from the given state, or from zeros. The input must stay
    /// unchanged until <see cref="Backward"/>, which reads it for dW. Inference may pass packed copies of W and U
    /// (op(B) = Wᵀ, Uᵀ), such as narrow ones, to multiply by instead.
    /// </summary>
    public void Forward(BufferSlice input, int steps, int batch, BufferSlice? initialHidden = null,
        BufferSlice? initialCell = null, PackedMatrix? inputWeights = null, PackedMatrix? recurrentWeights = null)
    {
        if (steps < 1 || batch < 1)
        {
            throw new ArgumentException($"a sequence batch needs at least one step and one row, not T={steps}, B={batch}");
        }

        EnsureCapacity(steps, batch);
        _steps = steps;
        _batch = batch;
        _input = input;
        int h = HiddenSize, g = Gates, rows = steps * batch;
        SetState(StateSlice(_hidden!, 0), initialHidden);
        SetState(StateSlice(_cell!, 0), initialCell);

        BufferSlice gates = _gates!.Slice(0, rows * g);
        if (inputWeights is null)
        {
            _backend.Gemm(false, true, rows, g, InputSize, 1, input, InputSize, _w, InputSize, 0, gates, g);
        }
        else
        {
            _backend.Gemm(false, rows, 1, input, InputSize, inputWeights, 0, gates, g);
        }

        _backend.AddRowVector(gates, rows, g, _b);
        PackedMatrix? recurrent = recurrentWeights;
        if (recurrent is null && steps >= PackingSteps)
        {
            _packedForward ??= _backend.AllocatePacked(h, g);
            _backend.Pack(true, _u, h, _packedForward);
            recurrent = _packedForward;
        }

        for (int t = 0; t < steps; t++)
        {
            BufferSlice gatesT = gates.Slice(t * batch * g, batch * g);
            if (recurrent is not null)
            {
                _backend.Gemm(false, batch, 1, StateSlice(_hidden!, t), h, recurrent, 1, gatesT, g);
            }
            else
            {
                _backend.Gemm(false, true, batch, g, h, 1, StateSlice(_hidden!, t), h, _u, h, 1, gatesT, g);
            }

            _backend.LstmGatesForward(batch, h, gatesT, StateSlice(_cell!, t), StateSlice(_cell!, t + 1),
                StateSlice(_tanhCell!, t), StateSlice(_hidden!, t + 1));
        }
    }

    /// <summary>
    /// Backpropagation through time over the last forward pass. <paramref name="dOutput"/> is dL/dh_t for every
    /// step (T×B×H); <paramref name="dFinalHidden"/> and <paramref name="dFinalCell"/> are gradients arriving at
    /// h_T and C_T from beyond the sequence (zero when omitted). Parameter gradients accumulate; dL/dx is written
    /// to <paramref name="dInput"/> when given.
    /// </summary>
    public void Backward(BufferSlice dOutput, BufferSlice? dInput = null, BufferSlice? dFinalHidden = null,
        BufferSlice? dFinalCell = null)
    {
        int h = HiddenSize, g = Gates, batch = _batch, steps = _steps, rows = steps * batch;
        BufferSlice dRecurrent = _dRecurrent!.Slice(0, batch * h);
        BufferSlice dCell = _dCell!.Slice(0, batch * h);
        SetState(dRecurrent, dFinalHidden);
        SetState(dCell, dFinalCell);

        BufferSlice gates = _gates!.Slice(0, rows * g);
        BufferSlice dGates = _dGates!.Slice(0, rows * g);
        bool packed = steps >= PackingSteps;
        if (packed)
        {
            _packedBackward ??= _backend.AllocatePacked(g, h);
            _backend.Pack(false, _u, h, _packedBackward);
        }

        for (int t = steps - 1; t >= 0; t--)
        {
            BufferSlice dGatesT = dGates.Slice(t * batch * g, batch * g);
            _backend.LstmGatesBackward(batch, h, gates.Slice(t * batch * g, batch * g), StateSlice(_cell!, t),
                StateSlice(_tanhCell!, t), dOutput.Slice(t * batch * h, batch * h), dRecurrent, dCell, dGatesT);

            // dL/dh_{t-1} through the recurrent weights
            if (packed)
            {
                _backend.Gemm(false, batch, 1, dGatesT, g, _packedBackward!, 0, dRecurrent, h);
            }
            else
            {
                _backend.Gemm(false, false, batch, h, g, 1, dGatesT, g, _u, h, 0, dRecurrent, h);
            }
        }

        BufferSlice previousHidden = _hidden!.Slice(0, rows * h);
        _backend.Gemm(true, false, g, h, rows, 1, dGates, g, previousHidden, h, 1, _dU, h);
        _backend.Gemm(true, false, g, InputSize, rows, 1, dGates, g, _input, InputSize, 1, _dW, InputSize);
        _backend.AccumulateColumnSums(dGates, rows, g, _dB);
        if (dInput is { } dx)
        {
            _backend.Gemm(false, false, rows, InputSize, g, 1, dGates, g, _w, InputSize, 0, dx, InputSize);
        }
    }

    public void Dispose()
    {
        ReleaseCache();
        _packedForward?.Dispose();
        _packedBackward?.Dispose();
    }

    private void ReleaseCache()
    {
        foreach (DeviceBuffer? buffer in new[] { _gates, _hidden, _cell, _tanhCell, _dGates, _dRecurrent, _dCell })
        {
            buffer?.Dispose();
        }
    }

    private BufferSlice StateSlice(DeviceBuffer buffer, int slot) =>
        buffer.Slice(slot * _batch * HiddenSize, _batch * HiddenSize);

    private void SetState(BufferSlice destination, BufferSlice? source)
    {
        if (source is { } s)
        {
            _backend.Copy(s, destination);
        }
        else
        {
            _backend.Fill(destination, 0);
        }
    }

    private void EnsureCapacity(int steps, int batch)
    {
        int rows = steps * batch;
        if (rows <= _capacity && batch <= _batchCapacity)
        {
            return;
        }

        ReleaseCache();
        _capacity = Math.Max(rows, _capacity);
        _batchCapacity = Math.Max(batch, _batchCapacity);
        int h = HiddenSize, g = Gates;
        _gates = _backend.Allocate(_capacity * g);
        _dGates = _backend.Allocate(_capacity * g);
        _hidden = _backend.Allocate((_capacity + _batchCapacity) * h);
        _cell = _backend.Allocate((_capacity + _batchCapacity) * h);
        _tanhCell = _backend.Allocate(_capacity * h);
        _dRecurrent = _backend.Allocate(_batchCapacity * h);
        _dCell = _backend.Allocate(_batchCapacity * h);
    }
}
