using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// The seam between the top LSTM layer and a frame of K keys (the model's output size, 88 for a piano): how likely a
/// target frame is given the top state h_t, the gradient of that likelihood, and the drawing of a frame. A head owns
/// the tail of the flat parameter buffer (its tensors, in the order its <c>TensorsOf</c> lists them). What one pass
/// computes lives in its <see cref="HeadActivations"/>; the head itself keeps only copies of its weights in another
/// form (the sigmoid head's packed matrix, the NADE head's host copy for decoding), each refreshed when the
/// parameters' version moves on, and tables fixed by its options (the outside-in NADE's positions of the outer voices).
/// </summary>
/// <remarks>Shapes: hidden N×H (N = T·B rows, time-major), targets N×K, row mask N.</remarks>
internal abstract class OutputHead : IDisposable
{
    protected OutputHead(Backend backend, int hiddenSize, int keys)
    {
        Backend = backend;
        HiddenSize = hiddenSize;
        Keys = keys;
    }

    public int HiddenSize { get; }

    public int Keys { get; }

    protected Backend Backend { get; }

    public abstract HeadActivations CreateActivations();

    /// <summary>
    /// Computes what the loss, the predictions and the draws need from the top states <paramref name="hidden"/>
    /// (rows×H) and, for a head that conditions on them too, the model's input frames <paramref name="input"/>
    /// (rows×I, the frame before each one predicted). <paramref name="weightsVersion"/> tells a head that keeps packed
    /// copies of its weights (bfloat16 inference) when to refresh them.
    /// </summary>
    public abstract void Forward(HeadActivations activations, BufferSlice hidden, BufferSlice input, int rows,
        MatrixPrecision precision, long weightsVersion);

    /// <summary>
    /// The negative log-likelihood of <paramref name="targets"/> summed over keys and over the rows whose mask is 1
    /// (nats); keeps dL/d(head input) scaled by <paramref name="gradientScale"/> for <see cref="Backward"/>.
    /// </summary>
    public abstract double Loss(HeadActivations activations, BufferSlice targets, BufferSlice rowMask,
        float gradientScale);

    /// <summary>
    /// From the gradient <see cref="Loss"/> kept: accumulates the head's parameter gradients into
    /// <paramref name="gradients"/> (the head's region of the gradient buffer) and writes dL/dhidden (rows×H).
    /// <paramref name="hidden"/> and <paramref name="input"/> are those the forward pass read; the input is data and gets
    /// no gradient.
    /// </summary>
    public abstract void Backward(HeadActivations activations, BufferSlice hidden, BufferSlice input,
        BufferSlice gradients, BufferSlice dHidden);

    /// <summary>
    /// After <see cref="Backward"/>, adds to <paramref name="dInput"/> (rows×I) the gradient of the loss with respect to
    /// the model's input frames through the head itself; a head that does not read them adds nothing.
    /// </summary>
    public virtual void AccumulateInputGradient(HeadActivations activations, BufferSlice dInput)
    {
    }

    /// <summary>
    /// For every row of the last pass (rows×K, on the host), the log-odds that each key sounds given the keys before
    /// it, each of those decided on when its probability exceeds <paramref name="threshold"/> (a greedy decode). A head
    /// whose keys are independent gives the same log-odds at every threshold.
    /// </summary>
    public abstract void LogOdds(HeadActivations activations, double threshold, Span<float> destination);

    /// <summary>
    /// For every row of the last pass (rows×K, on the host), the log-odds of each key's marginal probability of
    /// sounding, whatever the other keys do. A head whose keys are independent gives its log-odds exactly; a head whose
    /// keys depend on each other estimates them from <paramref name="samples"/> frames drawn at temperature 1 (draw d
    /// of row r from the uniform numbers of <paramref name="seed"/> and step r·samples + d), as the mean over the draws
    /// of each key's probability given the keys drawn before it.
    /// </summary>
    public abstract void MarginalLogOdds(HeadActivations activations, int samples, ulong seed, Span<float> destination);

    /// <summary>
    /// The probability that each key sounds for every row of the last pass (rows×K, on the host): the log-odds of
    /// <see cref="LogOdds"/> at threshold 0.5 through the sigmoid.
    /// </summary>
    public abstract void Probabilities(HeadActivations activations, Span<float> destination);

    /// <summary>Draws frame <paramref name="row"/> of the last pass into <paramref name="frame"/> (K values of 0 or 1).</summary>
    public abstract void SampleFrame(HeadActivations activations, int row, FrameDraw draw, Span<float> frame);

    /// <summary>
    /// Draws frame <paramref name="row"/> of the last pass as <see cref="SampleFrame"/> does, except that every key
    /// marked in <paramref name="decided"/> (K values, non-zero for a held key) takes its value from
    /// <paramref name="held"/> instead of a draw; the keys after it in the head's order are drawn given it. Returns
    /// the log-probability of the held keys and of the whole frame, and writes each key's to
    /// <paramref name="keyLogProbabilities"/> when it is not empty. <see cref="FrameDraw.MaxNotes"/> must be 0.
    /// </summary>
    public abstract HeldDraw SampleFrameHeld(HeadActivations activations, int row, FrameDraw draw, ReadOnlySpan<float> held,
        ReadOnlySpan<float> decided, Span<float> frame, Span<double> keyLogProbabilities);

    /// <summary>log σ(<paramref name="x"/>), without overflow for large |x|: −(max(−x, 0) + log(1 + e^−|x|)).</summary>
    protected static double LogSigmoid(double x) => -(Math.Max(-x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))));

    public abstract void Dispose();
}
