using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>
/// One LSTM layer over a whole sequence (the paper's equation 1):
/// i, f, o = σ(W·x_t + U·h_{t-1} + b), C~ = tanh(…), C_t = i⊙C~ + f⊙C_{t-1}, h_t = o⊙tanh(C_t).
/// </summary>
/// <remarks>
/// Shapes (time-major, row-major): x T×B×I, gates T×B×G with G = 4H, h and C (T+1)×B×H where slot 0 holds the
/// initial state (see <see cref="LstmActivations"/>). The input products of all T steps are one large multiply; only
/// h_{t-1}·Uᵀ runs per step. Backward likewise batches dW, dU and dx over all steps after the per-step recurrence.
/// The layer holds only its weights: what a pass produces lives in the caller's <see cref="LstmActivations"/>.
/// </remarks>
internal sealed class LstmLayer
{
    /// <summary>
    /// A pass of at least this many steps multiplies by U packed once for the whole pass; shorter ones (a generation
    /// step) multiply U as it is stored.
    /// </summary>
    public const int PackingSteps = 4;

    private readonly Backend _backend;
    private readonly LstmWeights _weights;

    public LstmLayer(Backend backend, int inputSize, int hiddenSize, LstmWeights weights)
    {
        _backend = backend;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        _weights = weights;
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    private int Gates => 4 * HiddenSize;

    /// <summary>
    /// Runs the layer over <paramref name="input"/> (T×B×I) from the given state, or from zeros, into
    /// <paramref name="activations"/>. Packed copies of W and U (op(B) = Wᵀ, Uᵀ; float32 or bfloat16) are multiplied
    /// by instead of the stored matrices when given.
    /// </summary>
    public void Forward(LstmActivations activations, BufferSlice input, int steps, int batch,
        BufferSlice? initialHidden = null, BufferSlice? initialCell = null, PackedMatrix? inputWeights = null,
        PackedMatrix? recurrentWeights = null)
    {
        if (steps < 1 || batch < 1)
        {
            throw new ArgumentException($"a sequence batch needs at least one step and one row, not T={steps}, B={batch}");
        }

        activations.Prepare(steps, batch);
        int h = HiddenSize, g = Gates, rows = steps * batch;
        SetState(activations.Hidden(0), initialHidden);
        SetState(activations.Cell(0), initialCell);

        // z_t = x_t·Wᵀ + b for every step at once; the recurrent term is added step by step below.
        BufferSlice gates = activations.Gates;
        if (inputWeights is null)
        {
            _backend.Gemm(false, true, rows, g, InputSize, 1, input, InputSize, _weights.W, InputSize, 0, gates, g);
        }
        else
        {
            _backend.Gemm(false, rows, 1, input, InputSize, inputWeights, 0, gates, g);
        }

        _backend.AddRowVector(gates, rows, g, _weights.B);
        for (int t = 0; t < steps; t++)
        {
            BufferSlice gatesT = activations.GatesAt(t);
            if (recurrentWeights is not null)
            {
                _backend.Gemm(false, batch, 1, activations.Hidden(t), h, recurrentWeights, 1, gatesT, g);
            }
            else
            {
                _backend.Gemm(false, true, batch, g, h, 1, activations.Hidden(t), h, _weights.U, h, 1, gatesT, g);
            }

            _backend.LstmGatesForward(batch, h, gatesT, activations.Cell(t), activations.Cell(t + 1),
                activations.TanhCell(t), activations.Hidden(t + 1));
        }
    }

    /// <summary>
    /// Backpropagation through time over the pass held in <paramref name="activations"/>, whose input was
    /// <paramref name="input"/>. <paramref name="dOutput"/> is dL/dh_t for every step (T×B×H);
    /// <paramref name="dFinalHidden"/> and <paramref name="dFinalCell"/> are gradients arriving at h_T and C_T from
    /// beyond the sequence (zero when omitted). Parameter gradients accumulate into <paramref name="gradients"/>;
    /// dL/dx is written to <paramref name="dInput"/> when given; dL/dh_0 and dL/dC_0 are left in
    /// <paramref name="buffers"/>.
    /// </summary>
    /// <remarks>
    /// With z_t = W·x_t + U·h_{t-1} + b the gate pre-activations, the cell kernel (<see cref="Backend.LstmGatesBackward"/>,
    /// derived beside each backend's kernel) turns dL/dh_t and dL/dC_t into dz_t. Then, since z_t is linear in each
    /// operand: dL/dh_{t-1} = dz_t·U (carried to the previous step), dW = Σ_t dz_tᵀ·x_t, dU = Σ_t dz_tᵀ·h_{t-1},
    /// db = Σ_t dz_t, dx_t = dz_t·W.
    /// </remarks>
    public void Backward(LstmActivations activations, BufferSlice input, BufferSlice dOutput, LstmWeights gradients,
        LstmBackwardBuffers buffers, BufferSlice? dInput = null, BufferSlice? dFinalHidden = null,
        BufferSlice? dFinalCell = null)
    {
        int h = HiddenSize, g = Gates, batch = activations.Batch, steps = activations.Steps, rows = steps * batch;
        buffers.Prepare(steps, batch);
        BufferSlice dRecurrent = buffers.DHidden, dCell = buffers.DCell, dGates = buffers.DGates(rows);
        SetState(dRecurrent, dFinalHidden);
        SetState(dCell, dFinalCell);
        bool packed = steps >= PackingSteps;
        if (packed)
        {
            _backend.Pack(false, _weights.U, h, buffers.Recurrent);
        }

        for (int t = steps - 1; t >= 0; t--)
        {
            BufferSlice dGatesT = dGates.Slice(t * batch * g, batch * g);
            _backend.LstmGatesBackward(batch, h, activations.GatesAt(t), activations.Cell(t), activations.TanhCell(t),
                dOutput.Slice(t * batch * h, batch * h), dRecurrent, dCell, dGatesT);

            // dL/dh_{t-1} = dz_t·U
            if (packed)
            {
                _backend.Gemm(false, batch, 1, dGatesT, g, buffers.Recurrent, 0, dRecurrent, h);
            }
            else
            {
                _backend.Gemm(false, false, batch, h, g, 1, dGatesT, g, _weights.U, h, 0, dRecurrent, h);
            }
        }

        _backend.Gemm(true, false, g, h, rows, 1, dGates, g, activations.PreviousHidden, h, 1, gradients.U, h);
        _backend.Gemm(true, false, g, InputSize, rows, 1, dGates, g, input, InputSize, 1, gradients.W, InputSize);
        _backend.AccumulateColumnSums(dGates, rows, g, gradients.B);
        if (dInput is { } dx)
        {
            _backend.Gemm(false, false, rows, InputSize, g, 1, dGates, g, _weights.W, InputSize, 0, dx, InputSize);
        }
    }

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
}
