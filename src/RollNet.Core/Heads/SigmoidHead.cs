using RollNet.Compute;
using RollNet.Layers;

namespace RollNet.Heads;

/// <summary>
/// The paper's output layer: a dense layer of K logits z = h·Wᵀ + b, each key sounding independently with
/// probability σ(z_k); the loss is binary cross-entropy summed over the keys.
/// </summary>
internal sealed class SigmoidHead : OutputHead
{
    public const string WeightName = "out.w";

    public const string BiasName = "out.b";

    private readonly DenseLayer _dense;
    private readonly BufferSlice _weight;
    private PackedMatrix? _packed;
    private long _packedVersion = -1;

    public SigmoidHead(Backend backend, int hiddenSize, int keys, BufferSlice parameters)
        : base(backend, hiddenSize, keys)
    {
        DenseWeights weights = Split(parameters);
        _weight = weights.W;
        _dense = new DenseLayer(backend, hiddenSize, keys, weights);
    }

    /// <summary>W (K×H), then b (K).</summary>
    public static IReadOnlyList<HeadTensor> TensorsOf(int hiddenSize, int keys) =>
        [new(WeightName, keys, hiddenSize), new(BiasName, 1, keys)];

    public override HeadActivations CreateActivations() => new SigmoidHeadActivations(Backend, Keys);

    public override void Forward(HeadActivations activations, BufferSlice hidden, BufferSlice input, int rows,
        MatrixPrecision precision, long weightsVersion)
    {
        var own = Own(activations);
        own.Prepare(rows);
        PackedMatrix? packed = precision == MatrixPrecision.Float32 ? null : Packed(precision, weightsVersion);
        _dense.Forward(hidden, rows, own.Logits, packed);
    }

    public override double Loss(HeadActivations activations, BufferSlice targets, BufferSlice rowMask,
        float gradientScale)
    {
        var own = Own(activations);
        return Backend.SigmoidCrossEntropy(own.Rows, Keys, own.Logits, targets, rowMask, gradientScale, own.DLogits);
    }

    public override void Backward(HeadActivations activations, BufferSlice hidden, BufferSlice input,
        BufferSlice gradients, BufferSlice dHidden)
    {
        var own = Own(activations);
        _dense.Backward(hidden, own.Rows, own.DLogits, Split(gradients), dHidden);
    }

    /// <summary>The logits, whatever the threshold: the keys do not depend on each other.</summary>
    public override void LogOdds(HeadActivations activations, double threshold, Span<float> destination) =>
        Own(activations).HostLogits().CopyTo(destination);

    public override void MarginalLogOdds(HeadActivations activations, int samples, ulong seed,
        Span<float> destination) => LogOdds(activations, 0.5, destination);

    public override void Probabilities(HeadActivations activations, Span<float> destination)
    {
        var own = Own(activations);
        Backend.Sigmoid(own.Logits, own.Probabilities);
        Backend.Download(own.Probabilities, destination);
    }

    /// <summary>
    /// Each key an independent Bernoulli trial: on when uniform number (seed, step, k) falls below σ(z_k / T). When
    /// more keys than <see cref="FrameDraw.MaxNotes"/> come up, the least probable of them are dropped.
    /// </summary>
    public override void SampleFrame(HeadActivations activations, int row, FrameDraw draw, Span<float> frame)
    {
        var own = Own(activations);
        float[] logits = own.RowLogits;
        double[] probabilities = own.RowProbabilities;
        Backend.Download(own.Logits.Slice(row * Keys, Keys), logits);
        int sounding = 0;
        for (int k = 0; k < Keys; k++)
        {
            double p = 1 / (1 + Math.Exp(-logits[k] / draw.Temperature));
            probabilities[k] = p;
            bool on = CounterRandom.UniformDouble(draw.Seed, draw.Step, (ulong)k) < p;
            frame[k] = on ? 1 : 0;
            sounding += on ? 1 : 0;
        }

        while (draw.MaxNotes > 0 && sounding > draw.MaxNotes)
        {
            int weakest = -1;
            for (int k = 0; k < Keys; k++)
            {
                if (frame[k] != 0 && (weakest < 0 || probabilities[k] < probabilities[weakest]))
                {
                    weakest = k;
                }
            }

            frame[weakest] = 0;
            sounding--;
        }
    }

    /// <summary>
    /// The keys are independent, so a held key only contributes its own probability, log σ(±l_k / T), and the free
    /// keys are drawn as <see cref="SampleFrame"/> draws them.
    /// </summary>
    public override HeldDraw SampleFrameHeld(HeadActivations activations, int row, FrameDraw draw, ReadOnlySpan<float> held,
        ReadOnlySpan<float> decided, Span<float> frame, Span<double> keyLogProbabilities)
    {
        var own = Own(activations);
        float[] logits = own.RowLogits;
        Backend.Download(own.Logits.Slice(row * Keys, Keys), logits);
        double heldLogProbability = 0, frameLogProbability = 0;
        for (int k = 0; k < Keys; k++)
        {
            double x = logits[k] / draw.Temperature;
            bool isHeld = decided[k] != 0;
            bool on = isHeld ? held[k] != 0 : CounterRandom.UniformDouble(draw.Seed, draw.Step, (ulong)k) < 1 / (1 + Math.Exp(-x));
            frame[k] = on ? 1 : 0;
            double logProbability = LogSigmoid(on ? x : -x);
            frameLogProbability += logProbability;
            heldLogProbability += isHeld ? logProbability : 0;
            if (!keyLogProbabilities.IsEmpty)
            {
                keyLogProbabilities[k] = logProbability;
            }
        }

        return new HeldDraw(heldLogProbability, frameLogProbability);
    }

    public override void Dispose() => _packed?.Dispose();

    private static SigmoidHeadActivations Own(HeadActivations activations) =>
        activations as SigmoidHeadActivations
        ?? throw new ArgumentException("the activations belong to another kind of head", nameof(activations));

    private DenseWeights Split(BufferSlice region) =>
        new(region.Slice(0, Keys * HiddenSize), region.Slice(Keys * HiddenSize, Keys));

    /// <summary>Wᵀ packed at <paramref name="precision"/>, packed again whenever the weights changed since.</summary>
    private PackedMatrix Packed(MatrixPrecision precision, long version)
    {
        if (_packed is null || _packed.Precision != precision)
        {
            _packed?.Dispose();
            _packed = Backend.AllocatePacked(HiddenSize, Keys, precision);
            _packedVersion = -1;
        }

        if (_packedVersion != version)
        {
            // W is stored K×H (output-major), so op(B) = Wᵀ is H×K.
            Backend.Pack(true, _weight, HiddenSize, _packed);
            _packedVersion = version;
        }

        return _packed;
    }
}
