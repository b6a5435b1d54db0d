using RollNet.Compute;

namespace RollNet.Model;

/// <summary>
/// The h and C of every LSTM layer for B sequences (B×H each), carried from one forward pass to the next so that a
/// sequence can be run in chunks (truncated BPTT, generation step by step).
/// </summary>
internal sealed class RecurrentState : IDisposable
{
    private readonly Backend _backend;
    private readonly DeviceBuffer?[] _hidden, _cell;
    private readonly int _hiddenSize;
    private DeviceBuffer? _scratch;

    public RecurrentState(Backend backend, int layers, int hiddenSize)
    {
        _backend = backend;
        _hiddenSize = hiddenSize;
        _hidden = new DeviceBuffer?[layers];
        _cell = new DeviceBuffer?[layers];
    }

    /// <summary>Sequences the state is for; 0 before the first <see cref="Reset"/>.</summary>
    public int Batch { get; private set; }

    public BufferSlice Hidden(int layer) => _hidden[layer]!.All;

    public BufferSlice Cell(int layer) => _cell[layer]!.All;

    /// <summary>Zeroes the state of <paramref name="batch"/> sequences.</summary>
    public void Reset(int batch)
    {
        int length = batch * _hiddenSize;
        for (int l = 0; l < _hidden.Length; l++)
        {
            if (_hidden[l] is not { } h || h.Length != length)
            {
                _hidden[l]?.Dispose();
                _cell[l]?.Dispose();
                _hidden[l] = _backend.Allocate(length);
                _cell[l] = _backend.Allocate(length);
            }
            else
            {
                _backend.Fill(h.All, 0);
                _backend.Fill(_cell[l]!.All, 0);
            }
        }

        Batch = batch;
    }

    /// <summary>
    /// Makes the state of sequence j a copy of what sequence <paramref name="sources"/>[j] held (a source may be copied
    /// to several sequences, as resampling particles does), through a scratch buffer allocated once.
    /// </summary>
    public void Reorder(ReadOnlySpan<int> sources)
    {
        if (sources.Length != Batch)
        {
            throw new ArgumentException($"{sources.Length} sources for {Batch} sequences", nameof(sources));
        }

        int length = Batch * _hiddenSize;
        if (_scratch is not { } scratch || scratch.Length != length)
        {
            _scratch?.Dispose();
            _scratch = scratch = _backend.Allocate(length);
        }

        for (int l = 0; l < _hidden.Length; l++)
        {
            foreach (BufferSlice state in (ReadOnlySpan<BufferSlice>)[Hidden(l), Cell(l)])
            {
                _backend.Copy(state, scratch.All);
                for (int j = 0; j < sources.Length; j++)
                {
                    if (sources[j] != j)
                    {
                        _backend.Copy(scratch.All.Slice(sources[j] * _hiddenSize, _hiddenSize), state.Slice(j * _hiddenSize, _hiddenSize));
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        for (int l = 0; l < _hidden.Length; l++)
        {
            _hidden[l]?.Dispose();
            _cell[l]?.Dispose();
        }

        _scratch?.Dispose();
    }
}
