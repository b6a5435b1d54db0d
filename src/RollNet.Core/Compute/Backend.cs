namespace RollNet.Compute;

/// <summary>
/// The seam between the model and the hardware. The model, trainer and sampler are written once against these
/// operations; a backend owns the storage they act on, so a whole training step stays on one device and only
/// scalars (a loss, a norm) come back.
/// </summary>
/// <remarks>
/// Matrices are row-major. Dimension names used throughout: B batch, T time steps, I input width, H hidden width,
/// G = 4H fused gate width (gate order i, f, g = C~, o), K output keys.
/// </remarks>
public interface Backend : IDisposable
{
    /// <summary>A short name for logs and benchmarks, such as "cpu".</summary>
    string Name { get; }

    /// <summary>
    /// Waits until every operation issued so far has finished. Operations may run asynchronously on a device;
    /// anything that reads a clock around them calls this first. (A download waits by itself.)
    /// </summary>
    void Synchronize();

    /// <summary>Allocates a zero-filled buffer.</summary>
    DeviceBuffer Allocate(int length);

    void Upload(ReadOnlySpan<float> source, BufferSlice destination);

    void Download(BufferSlice source, Span<float> destination);

    void Fill(BufferSlice destination, float value);

    void Copy(BufferSlice source, BufferSlice destination);

    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C with op(A) m×k and op(B) k×n. A transposed operand is stored the other way
    /// round (A as k×m, B as n×k); lda, ldb, ldc are row strides. beta = 0 overwrites C without reading it.
    /// </summary>
    void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, BufferSlice a, int lda, BufferSlice b,
        int ldb, float beta, BufferSlice c, int ldc);

    /// <summary>Room for a k×n right-hand operand kept in this backend's fastest layout, at the given precision.</summary>
    PackedMatrix AllocatePacked(int k, int n, MatrixPrecision precision = MatrixPrecision.Float32);

    /// <summary>Copies op(B) into <paramref name="packed"/>: B stored k×n, or n×k when transposed (row stride ldb).</summary>
    void Pack(bool transB, BufferSlice b, int ldb, PackedMatrix packed);

    /// <summary>
    /// C = alpha·op(A)·B + beta·C with B packed by <see cref="Pack"/>; otherwise as the unpacked
    /// <see cref="Gemm(bool, bool, int, int, int, float, BufferSlice, int, BufferSlice, int, float, BufferSlice, int)"/>.
    /// A narrow B (inference) takes A untransposed.
    /// </summary>
    void Gemm(bool transA, int m, float alpha, BufferSlice a, int lda, PackedMatrix b, float beta, BufferSlice c,
        int ldc);

    /// <summary>matrix[r, c] += vector[c] for a rows×cols matrix.</summary>
    void AddRowVector(BufferSlice matrix, int rows, int cols, BufferSlice vector);

    /// <summary>sums[c] += Σ_r matrix[r, c]: the gradient of a bias added with <see cref="AddRowVector"/>.</summary>
    void AccumulateColumnSums(BufferSlice matrix, int rows, int cols, BufferSlice sums);

    /// <summary>destination = a ⊙ b, element-wise (destination may be a or b).</summary>
    void Multiply(BufferSlice a, BufferSlice b, BufferSlice destination);

    /// <summary>y = 1 / (1 + e^-x), element-wise.</summary>
    void Sigmoid(BufferSlice x, BufferSlice y);

    /// <summary>
    /// One LSTM time step after the gate pre-activations (B×G: x·Wᵀ + h·Uᵀ + b) are in <paramref name="gates"/>:
    /// replaces them by the activations i, f, g, o, and writes C_t = i⊙g + f⊙C_{t-1}, tanh(C_t) and
    /// h_t = o⊙tanh(C_t) (each B×H).
    /// </summary>
    void LstmGatesForward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious, BufferSlice cell,
        BufferSlice tanhCell, BufferSlice output);

    /// <summary>
    /// Backward of <see cref="LstmGatesForward"/>. The gradient reaching h_t is dOutput + dRecurrent (from the layer
    /// above and from step t+1). <paramref name="dCell"/> holds dL/dC_t from step t+1 on entry and dL/dC_{t-1} on
    /// return. Writes the gate pre-activation gradients (B×G) to <paramref name="dGates"/>.
    /// </summary>
    void LstmGatesBackward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious, BufferSlice tanhCell,
        BufferSlice dOutput, BufferSlice dRecurrent, BufferSlice dCell, BufferSlice dGates);

    /// <summary>
    /// Sigmoid output with binary cross-entropy summed over the cols keys of each row whose mask is 1.
    /// Writes dLogits = (σ(z) − y)·mask·gradScale and returns the summed loss of the masked rows (nats).
    /// </summary>
    double SigmoidCrossEntropy(int rows, int cols, BufferSlice logits, BufferSlice targets, BufferSlice rowMask,
        float gradScale, BufferSlice dLogits);

    /// <summary>
    /// Fills an inverted-dropout mask: 0 with probability p, otherwise 1/(1−p). The draw for element j is
    /// <see cref="CounterRandom.Uniform(ulong, ulong, ulong)"/>(seed, stream, j), so every backend makes the same mask.
    /// </summary>
    void DropoutMask(BufferSlice mask, float dropProbability, ulong seed, ulong stream);

    /// <summary>Σ x², accumulated in double precision (NaN or infinity if any element is not finite).</summary>
    double SumOfSquares(BufferSlice x);

    /// <summary>One Adam update of parameters from gradients (scaled by <c>step.GradientScale</c>) and moments m, v.</summary>
    void AdamUpdate(BufferSlice parameters, BufferSlice gradients, BufferSlice firstMoment, BufferSlice secondMoment,
        in AdamStep step);

    /// <summary>SGD with momentum: v = μ·v + g·scale; p −= lr·v.</summary>
    void SgdUpdate(BufferSlice parameters, BufferSlice gradients, BufferSlice velocity, float learningRate,
        float momentum, float gradientScale);
}
