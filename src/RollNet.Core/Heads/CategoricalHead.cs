using System.Numerics.Tensors;
using RollNet.Compute;
using RollNet.Layers;

namespace RollNet.Heads;

/// <summary>
/// A softmax over the C = K + 1 classes of a frame: a dense layer of logits z = h·Wᵀ + b (C) gives
/// p(c) = e^(z_c) / Σ_j e^(z_j), class k &lt; K being "key k is the frame's highest sounding key" and class K silence.
/// The loss is the frame's class's negative log-likelihood (<see cref="Backend.CategoricalCrossEntropy"/>), so keys
/// below the highest are not modelled: the head learns a melody, the top voice.
/// </summary>
/// <remarks>
/// Where the seam asks for keys one at a time, the head reads its classes as keys decided from the highest down: with
/// every key above k silent, key k sounds with probability p(k) / (p(k) + Σ_{j&lt;k} p(j) + p(K)), and once a key
/// sounds every key below it is silent, so the keys' conditionals multiply to p(c) exactly.
/// </remarks>
internal sealed class CategoricalHead : OutputHead
{
    public const string WeightName = "cat.w";

    public const string BiasName = "cat.b";

    // Log-odds of a key that cannot sound (one above it already does) or must: finite, so sums and σ stay defined.
    private const float Certain = 100f;

    private readonly DenseLayer _dense;
    private readonly int _classes;

    public CategoricalHead(Backend backend, int hiddenSize, int keys, BufferSlice parameters)
        : base(backend, hiddenSize, keys)
    {
        _classes = keys + 1;
        _dense = new DenseLayer(backend, hiddenSize, _classes, Split(parameters));
    }

    /// <summary>W (C×H), then b (C); class K, the last, is the rest.</summary>
    public static IReadOnlyList<HeadTensor> TensorsOf(int hiddenSize, int keys) =>
        [new(WeightName, keys + 1, hiddenSize), new(BiasName, 1, keys + 1)];

    public override HeadActivations CreateActivations() => new CategoricalHeadActivations(Backend, _classes);

    /// <summary>The logits, in float32 at any precision: the head's product is small beside the LSTM's.</summary>
    public override void Forward(HeadActivations activations, BufferSlice hidden, BufferSlice input, int rows,
        MatrixPrecision precision, long weightsVersion)
    {
        var own = Own(activations);
        own.Prepare(rows);
        _dense.Forward(hidden, rows, own.Logits);
    }

    public override double Loss(HeadActivations activations, BufferSlice targets, BufferSlice rowMask,
        float gradientScale)
    {
        var own = Own(activations);
        return Backend.CategoricalCrossEntropy(own.Rows, Keys, own.Logits, targets, rowMask, gradientScale, own.DLogits);
    }

    public override void Backward(HeadActivations activations, BufferSlice hidden, BufferSlice input,
        BufferSlice gradients, BufferSlice dHidden)
    {
        var own = Own(activations);
        _dense.Backward(hidden, own.Rows, own.DLogits, Split(gradients), dHidden);
    }

    /// <summary>
    /// From the highest key down, each key's conditional log-odds; the first above the threshold sounds (compared as
    /// log-odds, as frame metrics compare them).
    /// </summary>
    public override void LogOdds(HeadActivations activations, double threshold, Span<float> destination)
    {
        var own = Own(activations);
        ReadOnlySpan<float> logits = own.HostLogits();
        double[] weights = own.RowWeights, below = own.RowBelow;
        float logitThreshold = (float)Math.Log(threshold / (1 - threshold));
        for (int r = 0; r < own.Rows; r++)
        {
            Weights(logits.Slice(r * _classes, _classes), 1, weights);
            Below(weights, below);
            Span<float> row = destination.Slice(r * Keys, Keys);
            bool sounded = false;
            for (int k = Keys - 1; k >= 0; k--)
            {
                float logOdds = (float)Math.Clamp(Math.Log(weights[k]) - Math.Log(below[k]), -Certain, Certain);
                row[k] = sounded ? -Certain : logOdds;
                sounded |= logOdds > logitThreshold;
            }
        }
    }

    /// <summary>Each key's marginal log-odds, exactly: log p(k) − log(1 − p(k)).</summary>
    public override void MarginalLogOdds(HeadActivations activations, int samples, ulong seed, Span<float> destination)
    {
        var own = Own(activations);
        ReadOnlySpan<float> logits = own.HostLogits();
        double[] weights = own.RowWeights;
        for (int r = 0; r < own.Rows; r++)
        {
            double total = Weights(logits.Slice(r * _classes, _classes), 1, weights);
            for (int k = 0; k < Keys; k++)
            {
                double logOdds = Math.Log(weights[k]) - Math.Log(Math.Max(total - weights[k], 0));
                destination[(r * Keys) + k] = (float)Math.Clamp(logOdds, -Certain, Certain);
            }
        }
    }

    public override void Probabilities(HeadActivations activations, Span<float> destination)
    {
        LogOdds(activations, 0.5, destination);
        TensorPrimitives.Sigmoid(destination, destination);
    }

    /// <summary>One class drawn from softmax(z / T) by uniform number (seed, step, 0): one key on, or none.</summary>
    public override void SampleFrame(HeadActivations activations, int row, FrameDraw draw, Span<float> frame)
    {
        var own = Own(activations);
        double total = RowWeights(own, row, draw.Temperature);
        frame.Clear();
        int drawn = Draw(own.RowWeights, total, CounterRandom.UniformDouble(draw.Seed, draw.Step, 0));
        if (drawn < Keys)
        {
            frame[drawn] = 1;
        }
    }

    /// <summary>
    /// The frame's class is its highest sounding key, so with H the highest held key that sounds the classes that
    /// agree with the held keys are H itself and the free keys above it (or, with none held sounding, every free key
    /// and the rest). One of them is drawn in proportion to its probability — exactly the model's distribution given
    /// the held keys — and the held keys keep their values. The held keys' log-probability is that of the classes that
    /// agree with them; the frame's, that of its class; each key's, its conditional from the highest key down.
    /// </summary>
    public override HeldDraw SampleFrameHeld(HeadActivations activations, int row, FrameDraw draw, ReadOnlySpan<float> held,
        ReadOnlySpan<float> decided, Span<float> frame, Span<double> keyLogProbabilities)
    {
        var own = Own(activations);
        double total = RowWeights(own, row, draw.Temperature);
        double[] weights = own.RowWeights;

        int highestHeld = -1;
        for (int k = Keys - 1; k >= 0 && highestHeld < 0; k--)
        {
            highestHeld = decided[k] != 0 && held[k] != 0 ? k : -1;
        }

        // The classes that disagree with the held keys get no weight.
        double[] agreeing = own.RowAgreeing;
        double agreement = 0;
        for (int c = 0; c < _classes; c++)
        {
            bool agrees = highestHeld >= 0 ? c == highestHeld || (c > highestHeld && c < Keys && decided[c] == 0)
                : c == Keys || decided[c] == 0;
            agreeing[c] = agrees ? weights[c] : 0;
            agreement += agreeing[c];
        }

        int drawn = Draw(agreeing, agreement, CounterRandom.UniformDouble(draw.Seed, draw.Step, 0));
        for (int k = 0; k < Keys; k++)
        {
            frame[k] = decided[k] != 0 ? (held[k] != 0 ? 1 : 0) : k == drawn ? 1 : 0;
        }

        if (!keyLogProbabilities.IsEmpty)
        {
            KeyLogProbabilities(weights, own.RowBelow, drawn, keyLogProbabilities);
        }

        return new HeldDraw(Math.Log(agreement / total), Math.Log(weights[drawn] / total));
    }

    public override void Dispose()
    {
    }

    private static CategoricalHeadActivations Own(HeadActivations activations) =>
        activations as CategoricalHeadActivations
        ?? throw new ArgumentException("the activations belong to another kind of head", nameof(activations));

    /// <summary>
    /// Writes e^(z_c / T − max) of each class to <paramref name="weights"/> (the probabilities up to their sum, which it
    /// returns), so that no exponential overflows.
    /// </summary>
    private static double Weights(ReadOnlySpan<float> logits, float temperature, double[] weights)
    {
        double max = double.NegativeInfinity, total = 0;
        foreach (float z in logits)
        {
            max = Math.Max(max, z / (double)temperature);
        }

        for (int c = 0; c < logits.Length; c++)
        {
            weights[c] = Math.Exp((logits[c] / (double)temperature) - max);
            total += weights[c];
        }

        return total;
    }

    /// <summary>
    /// Writes to <paramref name="below"/>[k] the weight of every class below key k, the rest included: with every key
    /// above k silent, key k sounds with probability w_k / (w_k + below[k]). Summed from the bottom, so each is exact.
    /// </summary>
    private static void Below(double[] weights, double[] below)
    {
        int keys = weights.Length - 1;
        double sum = weights[keys];
        for (int k = 0; k < keys; k++)
        {
            below[k] = sum;
            sum += weights[k];
        }
    }

    /// <summary>Row <paramref name="row"/>'s class weights at <paramref name="temperature"/>; returns their sum.</summary>
    private double RowWeights(CategoricalHeadActivations own, int row, float temperature)
    {
        float[] logits = own.RowLogits;
        Backend.Download(own.Logits.Slice(row * _classes, _classes), logits);
        return Weights(logits, temperature, own.RowWeights);
    }

    /// <summary>The class whose share of <paramref name="total"/> the uniform number <paramref name="u"/> falls in.</summary>
    private int Draw(double[] weights, double total, double u)
    {
        double target = u * total, cumulative = 0;
        int last = _classes - 1;
        while (last > 0 && weights[last] == 0)
        {
            last--;
        }

        for (int c = 0; c < last; c++)
        {
            cumulative += weights[c];
            if (target < cumulative)
            {
                return c;
            }
        }

        return last;
    }

    /// <summary>
    /// Each key's log-probability of its value in the frame of class <paramref name="drawn"/>, deciding from the highest
    /// key down: a key above the class silent, log(below_k / (w_k + below_k)); the class's key, log(w_k / (w_k + below_k));
    /// the keys below it 0 (certain). They sum to log p(drawn).
    /// </summary>
    private void KeyLogProbabilities(double[] weights, double[] below, int drawn, Span<double> destination)
    {
        Below(weights, below);
        for (int k = 0; k < Keys; k++)
        {
            double remaining = weights[k] + below[k];
            destination[k] = k > drawn || drawn == Keys ? Math.Log(below[k] / remaining)
                : k == drawn ? Math.Log(weights[k] / remaining)
                : 0;
        }
    }

    private DenseWeights Split(BufferSlice region) =>
        new(region.Slice(0, _classes * HiddenSize), region.Slice(_classes * HiddenSize, _classes));
}
