using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>
/// Scratch space of <see cref="LstmLayer.Backward"/>, which only training allocates: the gate gradients of every step
/// (T×B×G), the gradients carried back across steps, dL/dh and dL/dC (B×H each), and U packed for dGates·U.
/// </summary>
internal sealed class LstmBackwardBuffers : IDisposable
{
    private readonly Backend _backend;
    private DeviceBuffer? _dGates, _dHidden, _dCell;
    private int _capacity, _batchCapacity, _batch;

    public LstmBackwardBuffers(Backend backend, int hiddenSize)
    {
        _backend = backend;
        HiddenSize = hiddenSize;
        Recurrent = backend.AllocatePacked(4 * hiddenSize, hiddenSize);
    }

    public int HiddenSize { get; }

    /// <summary>U as op(B) of dGates·U (G×H).</summary>
    public PackedMatrix Recurrent { get; }

    /// <summary>dL/dh_{t-1} while stepping back; dL/dh_0 once the pass is done (B×H).</summary>
    public BufferSlice DHidden => _dHidden!.Slice(0, _batch * HiddenSize);

    /// <summary>dL/dC_{t-1} while stepping back; dL/dC_0 once the pass is done (B×H).</summary>
    public BufferSlice DCell => _dCell!.Slice(0, _batch * HiddenSize);

    /// <summary>Gate pre-activation gradients of a pass of the given rows (T·B×G).</summary>
    public BufferSlice DGates(int rows) => _dGates!.Slice(0, rows * 4 * HiddenSize);

    public void Prepare(int steps, int batch)
    {
        int rows = steps * batch;
        if (rows > _capacity || batch > _batchCapacity)
        {
            DisposeBuffers();
            _capacity = Math.Max(rows, _capacity);
            _batchCapacity = Math.Max(batch, _batchCapacity);
            _dGates = _backend.Allocate(_capacity * 4 * HiddenSize);
            _dHidden = _backend.Allocate(_batchCapacity * HiddenSize);
            _dCell = _backend.Allocate(_batchCapacity * HiddenSize);
        }

        _batch = batch;
    }

    public void Dispose()
    {
        DisposeBuffers();
        Recurrent.Dispose();
    }

    private void DisposeBuffers()
    {
        _dGates?.Dispose();
        _dHidden?.Dispose();
        _dCell?.Dispose();
    }
}
