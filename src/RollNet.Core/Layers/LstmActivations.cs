using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>
/// What <see cref="LstmLayer.Forward"/> writes and <see cref="LstmLayer.Backward"/> reads, held by the caller rather
/// than by the layer, so one layer can serve any number of passes and inference keeps no gradient state.
/// </summary>
/// <remarks>
/// Shapes for a pass of T steps over B sequences (time-major, row-major): gates T×B×G (the activations i, f, g, o),
/// hidden and cell (T+1)×B×H with slot 0 holding the initial state, tanhCell T×B×H. Sized for the largest pass seen.
/// </remarks>
internal sealed class LstmActivations : IDisposable
{
    private readonly Backend _backend;
    private DeviceBuffer? _gates, _hidden, _cell, _tanhCell;
    private int _capacity, _batchCapacity;

    public LstmActivations(Backend backend, int hiddenSize)
    {
        _backend = backend;
        HiddenSize = hiddenSize;
    }

    public int HiddenSize { get; }

    /// <summary>Steps of the last pass.</summary>
    public int Steps { get; private set; }

    /// <summary>Sequences of the last pass.</summary>
    public int Batch { get; private set; }

    /// <summary>Gate activations i, f, g, o of every step (T×B×G).</summary>
    public BufferSlice Gates => _gates!.Slice(0, Steps * Batch * 4 * HiddenSize);

    /// <summary>h_1 … h_T (T×B×H).</summary>
    public BufferSlice Output => _hidden!.Slice(Batch * HiddenSize, Steps * Batch * HiddenSize);

    /// <summary>h_0 … h_{T-1}, the recurrent inputs of the T steps (T×B×H).</summary>
    public BufferSlice PreviousHidden => _hidden!.Slice(0, Steps * Batch * HiddenSize);

    /// <summary>h_T (B×H).</summary>
    public BufferSlice FinalHidden => Hidden(Steps);

    /// <summary>C_T (B×H).</summary>
    public BufferSlice FinalCell => Cell(Steps);

    /// <summary>h_t for slot t in 0…T (B×H).</summary>
    public BufferSlice Hidden(int slot) => _hidden!.Slice(slot * Batch * HiddenSize, Batch * HiddenSize);

    /// <summary>C_t for slot t in 0…T (B×H).</summary>
    public BufferSlice Cell(int slot) => _cell!.Slice(slot * Batch * HiddenSize, Batch * HiddenSize);

    /// <summary>tanh(C_{t+1}) of step t in 0…T−1 (B×H).</summary>
    public BufferSlice TanhCell(int step) => _tanhCell!.Slice(step * Batch * HiddenSize, Batch * HiddenSize);

    /// <summary>Gate activations of step t (B×G).</summary>
    public BufferSlice GatesAt(int step) => _gates!.Slice(step * Batch * 4 * HiddenSize, Batch * 4 * HiddenSize);

    /// <summary>Makes room for a pass of <paramref name="steps"/> × <paramref name="batch"/> and sets its shape.</summary>
    public void Prepare(int steps, int batch)
    {
        int rows = steps * batch;
        if (rows > _capacity || batch > _batchCapacity)
        {
            Dispose();
            _capacity = Math.Max(rows, _capacity);
            _batchCapacity = Math.Max(batch, _batchCapacity);
            int h = HiddenSize;
            _gates = _backend.Allocate(_capacity * 4 * h);
            _hidden = _backend.Allocate((_capacity + _batchCapacity) * h);
            _cell = _backend.Allocate((_capacity + _batchCapacity) * h);
            _tanhCell = _backend.Allocate(_capacity * h);
        }

        (Steps, Batch) = (steps, batch);
    }

    public void Dispose()
    {
        _gates?.Dispose();
        _hidden?.Dispose();
        _cell?.Dispose();
        _tanhCell?.Dispose();
    }
}
