namespace RollNet.Compute;

/// <summary>
/// The seam between the model and the hardware. The model, trainer and sampler are written once against these
/// operations; a backend owns the storage they act on, so a whole training step stays on one device and only
/// scalars (a loss, a norm) come back. A program only chooses one (<see cref="Cpu.CpuBackend"/>, or the GPU's in
/// RollNet.Gpu), hands it to a model and disposes it; the operations are the library's own.
/// </summary>
/// <remarks>
/// <para>
/// Matrices are row-major. Dimension names used throughout: B batch, T time steps, I input width, H hidden width,
/// G = 4H fused gate width (gate order i, f, g = C~, o), K output keys.
/// </para>
/// <para>
/// Every public operation checks its arguments here, once, and only then calls the backend's kernel (the
/// <c>…Core</c> methods), so every backend refuses a wrong call with the same exception and message.
/// An operation on no elements does nothing and does not reach the kernel.
/// </para>
/// <para>
/// Besides the linear algebra and the LSTM cell, the optimizer updates (Adam, SGD) and the output heads' maths (the
/// sigmoid and categorical cross-entropies, the NADE's loss and backward) are operations here too, because they run
/// where the weights and gradients live: as device operations they touch the parameters in place and return one
/// scalar, where a host implementation would copy every parameter, gradient and moment across and back each step.
/// </para>
/// </remarks>
public abstract class Backend : IDisposable
{
    private bool _disposed;

    /// <summary>Only the library's own backends (the CPU's here, the GPU's in RollNet.Gpu) implement the kernels.</summary>
    private protected Backend()
    {
    }

    /// <summary>A short name for logs and benchmarks, such as "cpu".</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether several instances of this backend, each driven from its own thread, compute at the same time. A server
    /// may then give each concurrent request a backend of its own. False (the default) where instances share one
    /// device and a second instance would only queue behind the first.
    /// </summary>
    public virtual bool InstancesRunConcurrently => false;

    /// <summary>
    /// Waits until every operation issued so far has finished. Operations may run asynchronously on a device;
    /// anything that reads a clock around them calls this first. (A download waits by itself.)
    /// </summary>
    /// <exception cref="ObjectDisposedException">The backend has been disposed.</exception>
    internal void Synchronize()
    {
        ThrowIfDisposed();
        SynchronizeCore();
    }

    /// <summary>Allocates a zero-filled buffer on this backend.</summary>
    /// <param name="length">Number of float32 elements; 0 is allowed.</param>
    /// <returns>A buffer that only this backend may operate on; the caller disposes it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The backend has been disposed.</exception>
    /// <exception cref="InsufficientMemoryException">The device has no room for the buffer.</exception>
    internal DeviceBuffer Allocate(int length)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        DeviceBuffer buffer = AllocateCore(length);
        if (!ReferenceEquals(buffer.Backend, this) || buffer.Length != length)
        {
            throw new InvalidOperationException($"{Name} made a buffer that does not match the request");
        }

        return buffer;
    }

    /// <summary>Copies host values into a slice: destination[j] = source[j].</summary>
    /// <param name="source">The values; its length is the slice's.</param>
    /// <param name="destination">A slice of one of this backend's buffers.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or the buffer has been disposed.</exception>
    internal void Upload(ReadOnlySpan<float> source, BufferSlice destination)
    {
        Own(destination, nameof(destination));
        RequireLength(destination, source.Length, nameof(destination));
        if (source.Length > 0)
        {
            UploadCore(source, destination);
        }
    }

    /// <summary>Copies a slice to host memory: destination[j] = source[j]. Waits for the operations before it.</summary>
    /// <param name="source">A slice of one of this backend's buffers.</param>
    /// <param name="destination">Host memory of exactly the slice's length.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or the buffer has been disposed.</exception>
    internal void Download(BufferSlice source, Span<float> destination)
    {
        Own(source, nameof(source));
        if (destination.Length != source.Length)
        {
            throw new ArgumentException(
                $"destination holds {destination.Length} elements but the slice has {source.Length}", nameof(destination));
        }

        if (source.Length > 0)
        {
            DownloadCore(source, destination);
        }
    }

    /// <summary>Sets every element of a slice: destination[j] = value (NaN included).</summary>
    /// <exception cref="ArgumentException">The slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or the buffer has been disposed.</exception>
    internal void Fill(BufferSlice destination, float value)
    {
        Own(destination, nameof(destination));
        if (destination.Length > 0)
        {
            FillCore(destination, value);
        }
    }

    /// <summary>destination[j] = source[j]; the two slices have the same length and do not overlap.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or a slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void Copy(BufferSlice source, BufferSlice destination)
    {
        Own(source, nameof(source));
        Own(destination, nameof(destination));
        RequireLength(destination, source.Length, nameof(destination));
        if (source.Length > 0)
        {
            CopyCore(source, destination);
        }
    }

    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C with op(A) m×k and op(B) k×n. A transposed operand is stored the other way
    /// round (A as k×m, B as n×k); lda, ldb, ldc are row strides, each at least max(1, the stored columns).
    /// </summary>
    /// <remarks>
    /// beta = 0 overwrites C without reading it, so NaN in C does not reach the result; otherwise NaN in any operand
    /// propagates as in float32 arithmetic. Backends may sum the k products in different orders: results agree to
    /// rounding, not to the bit.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">m, n or k is negative.</exception>
    /// <exception cref="ArgumentException">
    /// A stride is smaller than its row, a slice is too short for its matrix, or a slice belongs to another backend.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, BufferSlice a, int lda, BufferSlice b,
        int ldb, float beta, BufferSlice c, int ldc)
    {
        Own(a, nameof(a));
        Own(b, nameof(b));
        Own(c, nameof(c));
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        RequireMatrix(a, transA ? k : m, transA ? m : k, lda, nameof(a));
        RequireMatrix(b, transB ? n : k, transB ? k : n, ldb, nameof(b));
        RequireMatrix(c, m, n, ldc, nameof(c));
        if (m > 0 && n > 0)
        {
            GemmCore(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    /// <summary>Room for a k×n right-hand operand kept in this backend's fastest layout, at the given precision.</summary>
    /// <param name="k">Rows of the operand: the inner dimension of the products.</param>
    /// <param name="n">Columns of the operand and of the products.</param>
    /// <param name="precision">
    /// How the values are stored; <see cref="MatrixPrecision.BFloat16"/> multiplies an untransposed left-hand side only.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">k or n is negative, or the precision is not defined.</exception>
    /// <exception cref="ObjectDisposedException">The backend has been disposed.</exception>
    internal PackedMatrix AllocatePacked(int k, int n, MatrixPrecision precision = MatrixPrecision.Float32)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (precision is not (MatrixPrecision.Float32 or MatrixPrecision.BFloat16))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "not a defined precision");
        }

        PackedMatrix packed = AllocatePackedCore(k, n, precision);
        if (!ReferenceEquals(packed.Backend, this) || packed.K != k || packed.N != n || packed.Precision != precision)
        {
            throw new InvalidOperationException($"{Name} made a packed matrix that does not match the request");
        }

        return packed;
    }

    /// <summary>
    /// Copies op(B) into <paramref name="packed"/>: B stored k×n, or n×k when transposed (row stride ldb, at least
    /// max(1, the stored columns)). A bfloat16 matrix rounds each value to the nearest bfloat16, ties to even; NaN
    /// stays NaN.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The stride is smaller than a row, the slice is too short, or the slice or the matrix belongs to another backend.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The backend, the buffer or the packed matrix has been disposed.</exception>
    internal void Pack(bool transB, BufferSlice b, int ldb, PackedMatrix packed)
    {
        Own(b, nameof(b));
        Own(packed, nameof(packed));
        RequireMatrix(b, transB ? packed.N : packed.K, transB ? packed.K : packed.N, ldb, nameof(b));
        if (packed.K > 0 && packed.N > 0)
        {
            PackCore(transB, b, ldb, packed);
        }
    }

    /// <summary>
    /// C = alpha·op(A)·B + beta·C with B packed by <see cref="Pack"/>; otherwise as the unpacked
    /// <see cref="Gemm(bool, bool, int, int, int, float, BufferSlice, int, BufferSlice, int, float, BufferSlice, int)"/>.
    /// A bfloat16 B (inference) multiplies an untransposed A only.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m is negative.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="transA"/> is true with a bfloat16 B, a stride is smaller than its row, a slice is too short,
    /// or a slice or the matrix belongs to another backend.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The backend, a buffer or the packed matrix has been disposed.</exception>
    internal void Gemm(bool transA, int m, float alpha, BufferSlice a, int lda, PackedMatrix b, float beta, BufferSlice c,
        int ldc)
    {
        Own(a, nameof(a));
        Own(b, nameof(b));
        Own(c, nameof(c));
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        if (transA && b.Precision == MatrixPrecision.BFloat16)
        {
            throw new ArgumentException("a bfloat16 packed matrix multiplies an untransposed left-hand side only",
                nameof(transA));
        }

        RequireMatrix(a, transA ? b.K : m, transA ? m : b.K, lda, nameof(a));
        RequireMatrix(c, m, b.N, ldc, nameof(c));
        if (m > 0 && b.N > 0)
        {
            GemmCore(transA, m, alpha, a, lda, b, beta, c, ldc);
        }
    }

    /// <summary>matrix[r, c] += vector[c] for a rows×cols matrix stored without gaps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">rows or cols is negative.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void AddRowVector(BufferSlice matrix, int rows, int cols, BufferSlice vector)
    {
        Own(matrix, nameof(matrix));
        Own(vector, nameof(vector));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        RequireLength(matrix, (long)rows * cols, nameof(matrix));
        RequireLength(vector, cols, nameof(vector));
        if (matrix.Length > 0)
        {
            AddRowVectorCore(matrix, rows, cols, vector);
        }
    }

    /// <summary>sums[c] += Σ_r matrix[r, c], rows added in order: the gradient of a bias added with <see cref="AddRowVector"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">rows or cols is negative.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void AccumulateColumnSums(BufferSlice matrix, int rows, int cols, BufferSlice sums)
    {
        Own(matrix, nameof(matrix));
        Own(sums, nameof(sums));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        RequireLength(matrix, (long)rows * cols, nameof(matrix));
        RequireLength(sums, cols, nameof(sums));
        if (matrix.Length > 0)
        {
            AccumulateColumnSumsCore(matrix, rows, cols, sums);
        }
    }

    /// <summary>destination[j] = a[j]·b[j]; destination may be a or b.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or a slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void Multiply(BufferSlice a, BufferSlice b, BufferSlice destination)
    {
        Own(a, nameof(a));
        Own(b, nameof(b));
        Own(destination, nameof(destination));
        RequireLength(b, a.Length, nameof(b));
        RequireLength(destination, a.Length, nameof(destination));
        if (a.Length > 0)
        {
            MultiplyCore(a, b, destination);
        }
    }

    /// <summary>y[j] = 1 / (1 + e^−x[j]); y may be x.</summary>
    /// <remarks>NaN stays NaN; ±infinity gives 1 and 0.</remarks>
    /// <exception cref="ArgumentException">The lengths differ, or a slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void Sigmoid(BufferSlice x, BufferSlice y)
    {
        Own(x, nameof(x));
        Own(y, nameof(y));
        RequireLength(y, x.Length, nameof(y));
        if (x.Length > 0)
        {
            SigmoidCore(x, y);
        }
    }

    /// <summary>
    /// One LSTM time step after the gate pre-activations (B×G: x·Wᵀ + h·Uᵀ + b) are in <paramref name="gates"/>:
    /// replaces them by the activations i, f, g, o, and writes C_t = i⊙g + f⊙C_{t-1}, tanh(C_t) and
    /// h_t = o⊙tanh(C_t) (each B×H).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">batch or hidden is negative.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void LstmGatesForward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious, BufferSlice cell,
        BufferSlice tanhCell, BufferSlice output)
    {
        Own(gates, nameof(gates));
        Own(cellPrevious, nameof(cellPrevious));
        Own(cell, nameof(cell));
        Own(tanhCell, nameof(tanhCell));
        Own(output, nameof(output));
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(hidden);
        long units = (long)batch * hidden;
        RequireLength(gates, 4 * units, nameof(gates));
        RequireLength(cellPrevious, units, nameof(cellPrevious));
        RequireLength(cell, units, nameof(cell));
        RequireLength(tanhCell, units, nameof(tanhCell));
        RequireLength(output, units, nameof(output));
        if (units > 0)
        {
            LstmGatesForwardCore(batch, hidden, gates, cellPrevious, cell, tanhCell, output);
        }
    }

    /// <summary>
    /// Backward of <see cref="LstmGatesForward"/>. The gradient reaching h_t is dOutput + dRecurrent (from the layer
    /// above and from step t+1). <paramref name="dCell"/> holds dL/dC_t from step t+1 on entry and dL/dC_{t-1} on
    /// return. Writes the gate pre-activation gradients (B×G) to <paramref name="dGates"/>.
    /// </summary>
    /// <remarks>
    /// The derivation, which every backend's kernel follows (in this order of products, so the backends agree to the
    /// rounding of the activations): from the forward line C_t = i⊙g + f⊙C_{t-1}, h_t = o⊙tanh(C_t), with
    /// i, f, o = σ(·) and g = tanh(·) of the pre-activations. The gates hold activations, so each activation's
    /// derivative is written from its output: σ' = σ(1−σ) and tanh' = 1 − tanh². dh = dL/dh_t (from the layer above
    /// plus from step t+1), dC_next = dL/dC_t through C_{t+1}.
    /// <list type="bullet">
    /// <item>dC_t = dC_next + dh⊙o⊙(1−tanh²C_t): C_t reaches the loss through C_{t+1} and through h_t.</item>
    /// <item>di = dC_t⊙g⊙i(1−i), since ∂C_t/∂i = g.</item>
    /// <item>df = dC_t⊙C_{t-1}⊙f(1−f), since ∂C_t/∂f = C_{t-1}.</item>
    /// <item>dg = dC_t⊙i⊙(1−g²), since ∂C_t/∂g = i.</item>
    /// <item>do = dh⊙tanh C_t⊙o(1−o), since ∂h_t/∂o = tanh C_t.</item>
    /// <item>dC_{t-1} = dC_t⊙f, since ∂C_t/∂C_{t-1} = f.</item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">batch or hidden is negative.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void LstmGatesBackward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice tanhCell, BufferSlice dOutput, BufferSlice dRecurrent, BufferSlice dCell, BufferSlice dGates)
    {
        Own(gates, nameof(gates));
        Own(cellPrevious, nameof(cellPrevious));
        Own(tanhCell, nameof(tanhCell));
        Own(dOutput, nameof(dOutput));
        Own(dRecurrent, nameof(dRecurrent));
        Own(dCell, nameof(dCell));
        Own(dGates, nameof(dGates));
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(hidden);
        long units = (long)batch * hidden;
        RequireLength(gates, 4 * units, nameof(gates));
        RequireLength(cellPrevious, units, nameof(cellPrevious));
        RequireLength(tanhCell, units, nameof(tanhCell));
        RequireLength(dOutput, units, nameof(dOutput));
        RequireLength(dRecurrent, units, nameof(dRecurrent));
        RequireLength(dCell, units, nameof(dCell));
        RequireLength(dGates, 4 * units, nameof(dGates));
        if (units > 0)
        {
            LstmGatesBackwardCore(batch, hidden, gates, cellPrevious, tanhCell, dOutput, dRecurrent, dCell, dGates);
        }
    }

    /// <summary>
    /// Sigmoid output with binary cross-entropy summed over the cols keys of each row whose mask is not 0:
    /// loss = Σ max(z, 0) − z·y + log(1 + e^−|z|), finite for any finite logit z. Writes
    /// dLogits = (σ(z) − y)·gradScale on those rows and 0 on masked-out rows.
    /// </summary>
    /// <returns>The summed loss of the rows kept by the mask, in nats, accumulated in double precision.</returns>
    /// <remarks>A NaN logit on a kept row makes the loss NaN.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">rows or cols is negative.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal double SigmoidCrossEntropy(int rows, int cols, BufferSlice logits, BufferSlice targets, BufferSlice rowMask,
        float gradScale, BufferSlice dLogits)
    {
        Own(logits, nameof(logits));
        Own(targets, nameof(targets));
        Own(rowMask, nameof(rowMask));
        Own(dLogits, nameof(dLogits));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        long elements = (long)rows * cols;
        RequireLength(logits, elements, nameof(logits));
        RequireLength(targets, elements, nameof(targets));
        RequireLength(rowMask, rows, nameof(rowMask));
        RequireLength(dLogits, elements, nameof(dLogits));
        return elements > 0 ? SigmoidCrossEntropyCore(rows, cols, logits, targets, rowMask, gradScale, dLogits) : 0;
    }

    /// <summary>
    /// Softmax output with categorical cross-entropy over K + 1 classes, one per key and a rest class (index K): a
    /// row's class c is the highest key k whose target is not 0, or K when none is (a categorical head models a
    /// frame's highest note, a melody). For each row whose mask is not 0, with its K + 1 logits z and m = max_j z_j,
    /// loss = −log softmax(z)[c] = log Σ_j e^(z_j − m) − (z_c − m): every exponent is at most 0 and the sum lies in
    /// [1, K + 1], so the loss is finite for any finite logits. Writes
    /// dLogits_j = (softmax(z)_j − [j = c])·gradientScale on those rows and 0 on masked-out rows.
    /// </summary>
    /// <param name="rows">Frames.</param>
    /// <param name="keys">K, the keys of a frame; the logits have one more column, the rest class.</param>
    /// <param name="logits">z, rows×(K+1).</param>
    /// <param name="targets">rows×K piano-roll frames, normally 0 or 1.</param>
    /// <param name="rowMask">rows entries of 0 or 1: which rows count.</param>
    /// <param name="gradientScale">Multiplies the gradient written to <paramref name="dLogits"/>.</param>
    /// <param name="dLogits">Written: dL/dz·gradientScale, rows×(K+1).</param>
    /// <returns>The summed loss of the rows kept by the mask, in nats, accumulated in double precision.</returns>
    /// <remarks>
    /// The gradient from the forward line: with s = softmax(z), s_j = e^(z_j) / Σ_k e^(z_k), the loss is
    /// −log s_c = log Σ_k e^(z_k) − z_c; ∂/∂z_j log Σ_k e^(z_k) = e^(z_j) / Σ_k e^(z_k) = s_j and ∂z_c/∂z_j = [j = c],
    /// so d/dz_j (−log s_c) = s_j − [j = c]. Subtracting m changes neither term. A NaN logit on a kept row makes the
    /// loss NaN.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">rows or keys is negative.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal double CategoricalCrossEntropy(int rows, int keys, BufferSlice logits, BufferSlice targets,
        BufferSlice rowMask, float gradientScale, BufferSlice dLogits)
    {
        Own(logits, nameof(logits));
        Own(targets, nameof(targets));
        Own(rowMask, nameof(rowMask));
        Own(dLogits, nameof(dLogits));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(keys);
        long classes = (long)rows * (keys + 1L);
        RequireLength(logits, classes, nameof(logits));
        RequireLength(targets, (long)rows * keys, nameof(targets));
        RequireLength(rowMask, rows, nameof(rowMask));
        RequireLength(dLogits, classes, nameof(dLogits));
        return rows > 0 ? CategoricalCrossEntropyCore(rows, keys, logits, targets, rowMask, gradientScale, dLogits) : 0;
    }

    /// <summary>
    /// The NADE of one frame per row (Larochelle and Murray 2011) with teacher forcing: for each of the
    /// <paramref name="rows"/> rows whose mask is 1, the negative log-likelihood of its target frame of
    /// <paramref name="keys"/> keys taken in order, each key's probability given the keys before it:
    /// a_i = d + Σ_{j&lt;i} t_j·W_j, h_i = σ(a_i), z_i = c_i + V_i·h_i, p(t_i = 1 | t_&lt;i) = σ(z_i).
    /// </summary>
    /// <param name="rows">Frames.</param>
    /// <param name="keys">K, the keys of a frame.</param>
    /// <param name="hidden">N, the NADE's hidden units.</param>
    /// <param name="visibleBias">c, rows×K: each row's visible biases.</param>
    /// <param name="hiddenBias">d, rows×N: each row's hidden biases.</param>
    /// <param name="weights">W, K×N: row j holds the weights by which key j reaches the hidden units.</param>
    /// <param name="outputWeights">V, K×N: row i holds the weights from the hidden units to key i.</param>
    /// <param name="targets">t, rows×K, normally 0 or 1.</param>
    /// <param name="rowMask">rows entries of 0 or 1: which rows count.</param>
    /// <param name="gradScale">Multiplies the gradient written to <paramref name="dVisibleBias"/>.</param>
    /// <param name="dVisibleBias">Written: dz = (σ(z) − t)·gradScale (rows×K), 0 on masked-out rows; it is also dL/dc.</param>
    /// <returns>The summed loss of the rows kept by the mask, in nats; NaN when an input on a kept row is NaN.</returns>
    /// <exception cref="ArgumentOutOfRangeException">rows is negative, or keys or hidden is less than 1.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal double NadeLoss(int rows, int keys, int hidden, BufferSlice visibleBias, BufferSlice hiddenBias,
        BufferSlice weights, BufferSlice outputWeights, BufferSlice targets, BufferSlice rowMask, float gradScale,
        BufferSlice dVisibleBias)
    {
        NadeShape(rows, keys, hidden, hiddenBias, weights, outputWeights, targets, rowMask, dVisibleBias);
        Own(visibleBias, nameof(visibleBias));
        RequireLength(visibleBias, (long)rows * keys, nameof(visibleBias));
        return rows > 0
            ? NadeLossCore(rows, keys, hidden, visibleBias, hiddenBias, weights, outputWeights, targets, rowMask,
                gradScale, dVisibleBias)
            : 0;
    }

    /// <summary>
    /// Backward of <see cref="NadeLoss"/> from the dz it wrote, recomputing h from the same inputs: dd = Σ_i da_i into
    /// <paramref name="dHiddenBias"/> (rows×N, overwritten; 0 on masked-out rows), dW_j += Σ_rows t_j·Σ_{i&gt;j} da_i and
    /// dV_i += Σ_rows dz_i·h_i, where da_i = dz_i·V_i ⊙ h_i ⊙ (1 − h_i). dL/dc is dz itself. Sums over rows run in an
    /// order fixed by the number of rows, so the result does not depend on the number of threads.
    /// </summary>
    /// <remarks>
    /// The derivation, which every backend's kernel follows: z_i = c_i + V_i·h_i is linear in c_i and V_i, so
    /// dc_i = dz_i and dV_i = dz_i·h_i; dh_i = dz_i·V_i, and h_i = σ(a_i) gives da_i = dh_i ⊙ h_i ⊙ (1 − h_i), σ's slope
    /// written from its output. a_i = d + Σ_{j&lt;i} t_j·W_j, so d reaches every key (dd = Σ_i da_i) and W_j every key
    /// after j (dW_j = t_j·Σ_{i&gt;j} da_i, a suffix sum, taken from the last key down).
    /// </remarks>
    /// <param name="rows">Frames.</param>
    /// <param name="keys">K.</param>
    /// <param name="hidden">N.</param>
    /// <param name="hiddenBias">d, rows×N, as in the forward pass.</param>
    /// <param name="weights">W, K×N, as in the forward pass.</param>
    /// <param name="outputWeights">V, K×N, as in the forward pass.</param>
    /// <param name="targets">t, rows×K, as in the forward pass.</param>
    /// <param name="rowMask">rows entries of 0 or 1, as in the forward pass.</param>
    /// <param name="dVisibleBias">dz from <see cref="NadeLoss"/> (rows×K).</param>
    /// <param name="dHiddenBias">Written: dL/dd, rows×N.</param>
    /// <param name="dWeights">dL/dW accumulates here, K×N.</param>
    /// <param name="dOutputWeights">dL/dV accumulates here, K×N.</param>
    /// <exception cref="ArgumentOutOfRangeException">rows is negative, or keys or hidden is less than 1.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void NadeBackward(int rows, int keys, int hidden, BufferSlice hiddenBias, BufferSlice weights,
        BufferSlice outputWeights, BufferSlice targets, BufferSlice rowMask, BufferSlice dVisibleBias,
        BufferSlice dHiddenBias, BufferSlice dWeights, BufferSlice dOutputWeights)
    {
        NadeShape(rows, keys, hidden, hiddenBias, weights, outputWeights, targets, rowMask, dVisibleBias);
        Own(dWeights, nameof(dWeights));
        Own(dHiddenBias, nameof(dHiddenBias));
        Own(dOutputWeights, nameof(dOutputWeights));
        RequireLength(dHiddenBias, (long)rows * hidden, nameof(dHiddenBias));
        RequireLength(dWeights, (long)keys * hidden, nameof(dWeights));
        RequireLength(dOutputWeights, (long)keys * hidden, nameof(dOutputWeights));
        if (rows > 0)
        {
            NadeBackwardCore(rows, keys, hidden, hiddenBias, weights, outputWeights, targets, rowMask, dVisibleBias,
                dHiddenBias, dWeights, dOutputWeights);
        }
    }

    /// <summary>
    /// Adds to each row's visible biases what the motion of the outer voices says of each key, for a NADE deciding the
    /// keys outside-in split at <paramref name="split"/> (<see cref="ParallelMotion"/>, whose remarks define the order
    /// and the classes): the key that
    /// would complete the outer voices of target frame t, given the keys decided before it, gets P[c] when with it both
    /// outer voices would move the same way as from input frame x and keep their interval class c, as parallel fifths
    /// (c = 7) and octaves (c = 0) do. Each row's class of each key (or −1) is written to
    /// <paramref name="classes"/> for the backward pass. A key's class depends on the target only through the keys
    /// decided before it, so the NADE stays a product of conditionals; it depends on x only through which keys sound, so
    /// x gets no gradient from it.
    /// </summary>
    /// <param name="rows">Frames.</param>
    /// <param name="keys">K, the keys of a frame, in outside-in order.</param>
    /// <param name="inputs">x, rows×I: the first K columns of each row are its input frame's keys, in outside-in order.</param>
    /// <param name="inputWidth">I, at least K.</param>
    /// <param name="targets">t, rows×K.</param>
    /// <param name="split">s, the lowest key of the upper side of the order, in 0…K.</param>
    /// <param name="weights">P, <see cref="ParallelMotion.Classes"/> entries, one per interval class.</param>
    /// <param name="visibleBias">c, rows×K, added to.</param>
    /// <param name="classes">Written: rows×K, each key's class as a float, or −1.</param>
    /// <exception cref="ArgumentOutOfRangeException">rows is negative, keys is less than 1, inputWidth less than keys, or
    /// split outside 0…keys.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void AddParallelMotion(int rows, int keys, BufferSlice inputs, int inputWidth, BufferSlice targets,
        int split, BufferSlice weights, BufferSlice visibleBias, BufferSlice classes)
    {
        Own(inputs, nameof(inputs));
        Own(targets, nameof(targets));
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, keys);
        ArgumentOutOfRangeException.ThrowIfNegative(split);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(split, keys);
        ParallelMotionShape(rows, keys, weights, visibleBias, classes);
        RequireLength(inputs, (long)rows * inputWidth, nameof(inputs));
        RequireLength(targets, (long)rows * keys, nameof(targets));
        if (rows > 0)
        {
            AddParallelMotionCore(rows, keys, inputs, inputWidth, targets, split, weights, visibleBias, classes);
        }
    }

    /// <summary>
    /// Backward of <see cref="AddParallelMotion"/>: c[n, j] = … + P[class of (n, j)], so dP[c] += dc[n, j] over the
    /// keys of class c, rows and keys added in order.
    /// </summary>
    /// <param name="rows">Frames.</param>
    /// <param name="keys">K.</param>
    /// <param name="classes">rows×K, as the forward pass wrote them.</param>
    /// <param name="dVisibleBias">dL/dc, rows×K.</param>
    /// <param name="dWeights">dL/dP accumulates here, <see cref="ParallelMotion.Classes"/> entries.</param>
    /// <exception cref="ArgumentOutOfRangeException">rows is negative or keys is less than 1.</exception>
    /// <exception cref="ArgumentException">A slice has the wrong length or belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void ParallelMotionBackward(int rows, int keys, BufferSlice classes, BufferSlice dVisibleBias,
        BufferSlice dWeights)
    {
        ParallelMotionShape(rows, keys, dWeights, dVisibleBias, classes);
        if (rows > 0)
        {
            ParallelMotionBackwardCore(rows, keys, classes, dVisibleBias, dWeights);
        }
    }

    /// <summary>
    /// Fills an inverted-dropout mask: mask[j] = 0 when <see cref="CounterRandom.Uniform(ulong, ulong, ulong)"/>(seed,
    /// stream, j) &lt; p, otherwise 1/(1−p). Every backend makes the same mask.
    /// </summary>
    /// <param name="mask">A slice of one of this backend's buffers.</param>
    /// <param name="dropProbability">p, in [0, 1).</param>
    /// <param name="seed">Selects the generator.</param>
    /// <param name="stream">Selects an independent stream of the generator, such as one per layer and step.</param>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1).</exception>
    /// <exception cref="ArgumentException">The slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or the buffer has been disposed.</exception>
    internal void DropoutMask(BufferSlice mask, float dropProbability, ulong seed, ulong stream)
    {
        Own(mask, nameof(mask));
        if (!(dropProbability >= 0 && dropProbability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropProbability), dropProbability, "must lie in [0, 1)");
        }

        if (mask.Length > 0)
        {
            DropoutMaskCore(mask, dropProbability, seed, stream);
        }
    }

    /// <summary>Σ x[j]², accumulated in double precision; 0 for an empty slice.</summary>
    /// <remarks>NaN if any element is NaN; +infinity if any is infinite and none is NaN.</remarks>
    /// <exception cref="ArgumentException">The slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or the buffer has been disposed.</exception>
    internal double SumOfSquares(BufferSlice x)
    {
        Own(x, nameof(x));
        return x.Length > 0 ? SumOfSquaresCore(x) : 0;
    }

    /// <summary>
    /// One Adam update, element by element: g = gradients[j]·<c>step.GradientScale</c>; m = β1·m + (1−β1)·g;
    /// v = β2·v + (1−β2)·g²; parameters[j] −= α̂·m / (√v + ε̂) with the bias-corrected α̂ and ε̂ of <see cref="AdamStep"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><c>step.StepNumber</c> is less than 1.</exception>
    /// <exception cref="ArgumentException">The lengths differ, or a slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void AdamUpdate(BufferSlice parameters, BufferSlice gradients, BufferSlice firstMoment,
        BufferSlice secondMoment, in AdamStep step)
    {
        Own(parameters, nameof(parameters));
        Own(gradients, nameof(gradients));
        Own(firstMoment, nameof(firstMoment));
        Own(secondMoment, nameof(secondMoment));
        if (step.StepNumber < 1)
        {
            // The bias corrections divide by 1 − β1^t, which is 0 before the first step.
            throw new ArgumentOutOfRangeException(nameof(step), step.StepNumber, "the step number starts at 1");
        }

        RequireLength(gradients, parameters.Length, nameof(gradients));
        RequireLength(firstMoment, parameters.Length, nameof(firstMoment));
        RequireLength(secondMoment, parameters.Length, nameof(secondMoment));
        if (parameters.Length > 0)
        {
            AdamUpdateCore(parameters, gradients, firstMoment, secondMoment, step);
        }
    }

    /// <summary>SGD with momentum, element by element: v = μ·v + g·scale; p −= lr·v.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or a slice belongs to another backend.</exception>
    /// <exception cref="ObjectDisposedException">The backend or a buffer has been disposed.</exception>
    internal void SgdUpdate(BufferSlice parameters, BufferSlice gradients, BufferSlice velocity, float learningRate,
        float momentum, float gradientScale)
    {
        Own(parameters, nameof(parameters));
        Own(gradients, nameof(gradients));
        Own(velocity, nameof(velocity));
        RequireLength(gradients, parameters.Length, nameof(gradients));
        RequireLength(velocity, parameters.Length, nameof(velocity));
        if (parameters.Length > 0)
        {
            SgdUpdateCore(parameters, gradients, velocity, learningRate, momentum, gradientScale);
        }
    }

    /// <summary>Releases the backend's device and threads. Its buffers must not be used afterwards.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Dispose(true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the backend holds; called once.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>
    /// The shapes the two NADE operations share: rows×N hidden biases d, K×N weights W and V, rows×K targets and dz.
    /// </summary>
    private void NadeShape(int rows, int keys, int hidden, BufferSlice hiddenBias, BufferSlice weights,
        BufferSlice outputWeights, BufferSlice targets, BufferSlice rowMask, BufferSlice dVisibleBias)
    {
        Own(hiddenBias, nameof(hiddenBias));
        Own(weights, nameof(weights));
        Own(outputWeights, nameof(outputWeights));
        Own(targets, nameof(targets));
        Own(rowMask, nameof(rowMask));
        Own(dVisibleBias, nameof(dVisibleBias));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        RequireLength(weights, (long)keys * hidden, nameof(weights));
        RequireLength(outputWeights, (long)keys * hidden, nameof(outputWeights));
        RequireLength(targets, (long)rows * keys, nameof(targets));
        RequireLength(rowMask, rows, nameof(rowMask));
        RequireLength(hiddenBias, (long)rows * hidden, nameof(hiddenBias));
        RequireLength(dVisibleBias, (long)rows * keys, nameof(dVisibleBias));
    }

    private void ParallelMotionShape(int rows, int keys, BufferSlice weights, BufferSlice visibleBias,
        BufferSlice classes)
    {
        Own(weights, nameof(weights));
        Own(visibleBias, nameof(visibleBias));
        Own(classes, nameof(classes));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 1);
        RequireLength(weights, ParallelMotion.Classes, nameof(weights));
        RequireLength(visibleBias, (long)rows * keys, nameof(visibleBias));
        RequireLength(classes, (long)rows * keys, nameof(classes));
    }

    /// <summary>The storage behind a slice the base has checked belongs to this backend, as the type it allocated.</summary>
    private protected static TBuffer Storage<TBuffer>(BufferSlice slice) where TBuffer : DeviceBuffer => (TBuffer)slice.Buffer;

    /// <summary>A packed matrix the base has checked belongs to this backend, as the type it allocated.</summary>
    private protected static TPacked Storage<TPacked>(PackedMatrix packed) where TPacked : PackedMatrix => (TPacked)packed;

    // The kernels. Each is called only after its public operation has checked every argument, never on no elements.

    /// <summary>See <see cref="Synchronize"/>.</summary>
    private protected abstract void SynchronizeCore();

    /// <summary>A zero-filled buffer of length elements whose <see cref="DeviceBuffer.Backend"/> is this backend.</summary>
    private protected abstract DeviceBuffer AllocateCore(int length);

    /// <summary>See <see cref="Upload"/>.</summary>
    private protected abstract void UploadCore(ReadOnlySpan<float> source, BufferSlice destination);

    /// <summary>See <see cref="Download"/>.</summary>
    private protected abstract void DownloadCore(BufferSlice source, Span<float> destination);

    /// <summary>See <see cref="Fill"/>.</summary>
    private protected abstract void FillCore(BufferSlice destination, float value);

    /// <summary>See <see cref="Copy"/>.</summary>
    private protected abstract void CopyCore(BufferSlice source, BufferSlice destination);

    /// <summary>See <see cref="Gemm(bool, bool, int, int, int, float, BufferSlice, int, BufferSlice, int, float, BufferSlice, int)"/>; m and n are positive.</summary>
    private protected abstract void GemmCore(bool transA, bool transB, int m, int n, int k, float alpha, BufferSlice a,
        int lda, BufferSlice b, int ldb, float beta, BufferSlice c, int ldc);

    /// <summary>A packed matrix of this backend with the requested shape and precision.</summary>
    private protected abstract PackedMatrix AllocatePackedCore(int k, int n, MatrixPrecision precision);

    /// <summary>See <see cref="Pack"/>; k and n are positive.</summary>
    private protected abstract void PackCore(bool transB, BufferSlice b, int ldb, PackedMatrix packed);

    /// <summary>See <see cref="Gemm(bool, int, float, BufferSlice, int, PackedMatrix, float, BufferSlice, int)"/>; m and n are positive, a bfloat16 B comes with an untransposed A.</summary>
    private protected abstract void GemmCore(bool transA, int m, float alpha, BufferSlice a, int lda, PackedMatrix b,
        float beta, BufferSlice c, int ldc);

    /// <summary>See <see cref="AddRowVector"/>.</summary>
    private protected abstract void AddRowVectorCore(BufferSlice matrix, int rows, int cols, BufferSlice vector);

    /// <summary>See <see cref="AccumulateColumnSums"/>.</summary>
    private protected abstract void AccumulateColumnSumsCore(BufferSlice matrix, int rows, int cols, BufferSlice sums);

    /// <summary>See <see cref="Multiply"/>.</summary>
    private protected abstract void MultiplyCore(BufferSlice a, BufferSlice b, BufferSlice destination);

    /// <summary>See <see cref="Sigmoid"/>.</summary>
    private protected abstract void SigmoidCore(BufferSlice x, BufferSlice y);

    /// <summary>See <see cref="LstmGatesForward"/>.</summary>
    private protected abstract void LstmGatesForwardCore(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice cell, BufferSlice tanhCell, BufferSlice output);

    /// <summary>See <see cref="LstmGatesBackward"/>.</summary>
    private protected abstract void LstmGatesBackwardCore(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice tanhCell, BufferSlice dOutput, BufferSlice dRecurrent, BufferSlice dCell, BufferSlice dGates);

    /// <summary>See <see cref="SigmoidCrossEntropy"/>.</summary>
    private protected abstract double SigmoidCrossEntropyCore(int rows, int cols, BufferSlice logits, BufferSlice targets,
        BufferSlice rowMask, float gradScale, BufferSlice dLogits);

    /// <summary>See <see cref="CategoricalCrossEntropy"/>; rows is positive.</summary>
    private protected abstract double CategoricalCrossEntropyCore(int rows, int keys, BufferSlice logits,
        BufferSlice targets, BufferSlice rowMask, float gradientScale, BufferSlice dLogits);

    /// <summary>The kernel of <see cref="NadeLoss"/>.</summary>
    private protected abstract double NadeLossCore(int rows, int keys, int hidden, BufferSlice visibleBias,
        BufferSlice hiddenBias, BufferSlice weights, BufferSlice outputWeights, BufferSlice targets, BufferSlice rowMask,
        float gradScale, BufferSlice dVisibleBias);

    /// <summary>The kernel of <see cref="NadeBackward"/>.</summary>
    private protected abstract void NadeBackwardCore(int rows, int keys, int hidden, BufferSlice hiddenBias,
        BufferSlice weights, BufferSlice outputWeights, BufferSlice targets, BufferSlice rowMask,
        BufferSlice dVisibleBias, BufferSlice dHiddenBias, BufferSlice dWeights, BufferSlice dOutputWeights);

    /// <summary>See <see cref="AddParallelMotion"/>.</summary>
    private protected abstract void AddParallelMotionCore(int rows, int keys, BufferSlice inputs, int inputWidth,
        BufferSlice targets, int split, BufferSlice weights, BufferSlice visibleBias, BufferSlice classes);

    /// <summary>See <see cref="ParallelMotionBackward"/>.</summary>
    private protected abstract void ParallelMotionBackwardCore(int rows, int keys, BufferSlice classes,
        BufferSlice dVisibleBias, BufferSlice dWeights);

    /// <summary>See <see cref="DropoutMask"/>; p lies in [0, 1).</summary>
    private protected abstract void DropoutMaskCore(BufferSlice mask, float dropProbability, ulong seed, ulong stream);

    /// <summary>See <see cref="SumOfSquares"/>.</summary>
    private protected abstract double SumOfSquaresCore(BufferSlice x);

    /// <summary>See <see cref="AdamUpdate"/>.</summary>
    private protected abstract void AdamUpdateCore(BufferSlice parameters, BufferSlice gradients, BufferSlice firstMoment,
        BufferSlice secondMoment, in AdamStep step);

    /// <summary>See <see cref="SgdUpdate"/>.</summary>
    private protected abstract void SgdUpdateCore(BufferSlice parameters, BufferSlice gradients, BufferSlice velocity,
        float learningRate, float momentum, float gradientScale);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void Own(BufferSlice slice, string name)
    {
        ThrowIfDisposed();

        // A default BufferSlice has no buffer.
        if (slice.Buffer is not { } buffer)
        {
            throw new ArgumentException($"{name} is an empty slice of no buffer", name);
        }

        if (!ReferenceEquals(buffer.Backend, this))
        {
            throw new ArgumentException($"{name} is a slice of another backend's buffer", name);
        }

        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
    }

    private void Own(PackedMatrix packed, string name)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(packed, name);
        if (!ReferenceEquals(packed.Backend, this))
        {
            throw new ArgumentException($"{name} was packed by another backend", name);
        }

        ObjectDisposedException.ThrowIf(packed.IsDisposed, packed);
    }

    private static void RequireLength(BufferSlice slice, long expected, string name)
    {
        if (slice.Length != expected)
        {
            throw new ArgumentException($"{name} has {slice.Length} elements where {expected} were expected", name);
        }
    }

    /// <summary>The slice covers a rows×cols matrix with the given row stride (at least max(1, cols), as in BLAS).</summary>
    private static void RequireMatrix(BufferSlice slice, int rows, int cols, int stride, string name)
    {
        if (stride < Math.Max(1, cols))
        {
            throw new ArgumentException($"{name} is {rows}×{cols} with row stride {stride}, less than max(1, {cols})",
                name);
        }

        long needed = rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * stride) + cols;
        if (slice.Length < needed)
        {
            throw new ArgumentException(
                $"{name} needs {needed} elements for {rows}×{cols} with row stride {stride} but the slice has {slice.Length}",
                name);
        }
    }
}
