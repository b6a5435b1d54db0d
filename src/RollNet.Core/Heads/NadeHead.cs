using System.Numerics.Tensors;
using RollNet.Compute;
using RollNet.Layers;

namespace RollNet.Heads;

/// <summary>
/// A NADE over the K keys of a frame, from low to high, conditioned on the top LSTM state as in RNN-NADE
/// (Boulanger-Lewandowski et al. 2012): two dense maps give each frame its visible biases c = h·Wcᵀ + bc (K) and
/// hidden biases d = h·Wdᵀ + bd (M), and the NADE's own weights W and V (K×M each, shared over time) give
/// p(v_i = 1 | v_&lt;i) = σ(c_i + V_i·σ(d + Σ_{j&lt;i} v_j·W_j)). The loss is the exact negative log-likelihood of the
/// target frame, all keys of all frames at once (<see cref="Backend.NadeLoss"/>). With input biases, as the RNN-RBM
/// conditions its biases (Boulanger-Lewandowski et al. 2012), c and d also depend on the input frame x (the frame
/// before the one predicted) through two more maps: c = h·Wcᵀ + x·Ucᵀ + bc and d = h·Wdᵀ + x·Udᵀ + bd. Deciding the keys
/// outside-in, with the outer voices' motion the key that would complete the outer voices also adds P[c] to its c when
/// both would move the same way as from x and keep their interval class c (<see cref="Backend.AddParallelMotion"/>):
/// one weight per class, from which the head can learn, for instance, that fifths and octaves do not move in parallel.
/// </summary>
internal sealed class NadeHead : OutputHead
{
    public const string VisibleBiasWeightName = "nade.bv.w";

    public const string VisibleBiasName = "nade.bv.b";

    public const string HiddenBiasWeightName = "nade.bh.w";

    public const string HiddenBiasName = "nade.bh.b";

    public const string WeightName = "nade.w";

    public const string OutputWeightName = "nade.v";

    public const string VisibleInputWeightName = "nade.bv.x";

    public const string HiddenInputWeightName = "nade.bh.x";

    public const string ParallelWeightName = "nade.bv.p";

    private readonly DenseLayer _visible, _hidden;
    private readonly BufferSlice _weights, _outputWeights;
    private readonly NadeInputMaps? _inputMaps;
    private readonly BufferSlice? _parallel;
    private readonly int _nadeHidden, _inputSize, _split;
    private readonly int[] _latestAbove = [], _latestBelow = [];
    private float[]? _hostWeights, _hostOutputWeights, _hostParallel;
    private long _hostVersion = -1, _forwardVersion;

    /// <summary>A head over <paramref name="parameters"/>, its region of the flat buffer, reading input frames
    /// <paramref name="inputSize"/> (I) wide: with <paramref name="inputBias"/> its biases depend on them through two
    /// maps, and with a <paramref name="parallelSplit"/> (the split of its outside-in order) its visible biases learn
    /// from the motion of the outer voices.</summary>
    public NadeHead(Backend backend, int hiddenSize, int keys, int nadeHidden, int inputSize, bool inputBias,
        int? parallelSplit, BufferSlice parameters)
        : base(backend, hiddenSize, keys)
    {
        (_nadeHidden, _inputSize, _split) = (nadeHidden, inputSize, parallelSplit ?? 0);
        NadeWeights weights = NadeWeights.Split(parameters, hiddenSize, keys, nadeHidden, inputBias ? inputSize : null,
            parallelSplit is not null);
        _visible = new DenseLayer(backend, hiddenSize, keys, weights.Visible);
        _hidden = new DenseLayer(backend, hiddenSize, nadeHidden, weights.Hidden);
        (_weights, _outputWeights, _inputMaps, _parallel) = (weights.W, weights.V, weights.Input, weights.Parallel);
        if (parallelSplit is { } split)
        {
            (_latestAbove, _latestBelow) = (new int[keys], new int[keys]);
            ParallelMotion.LatestPositions(split, _latestAbove, _latestBelow);
        }
    }

    /// <summary>
    /// Wc (K×H), bc (K), Wd (M×H), bd (M), then W and V (K×M each; row i belongs to key i), then with an
    /// <paramref name="inputSize"/> Uc (K×I) and Ud (M×I), then with <paramref name="parallel"/> P (12). What a model
    /// may lack comes last, so a model without it lays out, and initialises, every other tensor as before.
    /// </summary>
    public static IReadOnlyList<HeadTensor> TensorsOf(int hiddenSize, int keys, int nadeHidden, int? inputSize,
        bool parallel)
    {
        List<HeadTensor> tensors =
        [
            new(VisibleBiasWeightName, keys, hiddenSize), new(VisibleBiasName, 1, keys),
            new(HiddenBiasWeightName, nadeHidden, hiddenSize), new(HiddenBiasName, 1, nadeHidden),
            new(WeightName, keys, nadeHidden), new(OutputWeightName, keys, nadeHidden),
        ];
        if (inputSize is { } i)
        {
            tensors.Add(new(VisibleInputWeightName, keys, i));
            tensors.Add(new(HiddenInputWeightName, nadeHidden, i));
        }

        if (parallel)
        {
            tensors.Add(new(ParallelWeightName, 1, ParallelMotion.Classes));
        }

        return tensors;
    }

    public override HeadActivations CreateActivations() =>
        new NadeHeadActivations(Backend, Keys, _nadeHidden, _parallel is not null);

    /// <summary>
    /// The two dense maps, plus x·Ucᵀ and x·Udᵀ accumulated onto them with input biases; what depends on the target
    /// frame waits for <see cref="Loss"/>.
    /// </summary>
    public override void Forward(HeadActivations activations, BufferSlice hidden, BufferSlice input, int rows,
        MatrixPrecision precision, long weightsVersion)
    {
        var own = Own(activations);
        own.Prepare(rows);
        own.Input = input;
        _visible.Forward(hidden, rows, own.VisibleBias);
        _hidden.Forward(hidden, rows, own.HiddenBias);
        if (_inputMaps is { } maps)
        {
            int i = maps.Width;
            Backend.Gemm(false, true, rows, Keys, i, 1, input, i, maps.Visible, i, 1, own.VisibleBias, Keys);
            Backend.Gemm(false, true, rows, _nadeHidden, i, 1, input, i, maps.Hidden, i, 1, own.HiddenBias, _nadeHidden);
        }

        _forwardVersion = weightsVersion;
    }

    /// <summary>
    /// The exact NLL of the targets; with the outer voices' motion, of the visible biases with W added for the targets,
    /// in a buffer of their own so that decoding still reads c as the forward pass left it.
    /// </summary>
    public override double Loss(HeadActivations activations, BufferSlice targets, BufferSlice rowMask,
        float gradientScale)
    {
        var own = Own(activations);
        own.LossInputs = (targets, rowMask);
        BufferSlice visibleBias = own.VisibleBias;
        if (_parallel is { } parallel)
        {
            visibleBias = own.TargetVisibleBias;
            Backend.Copy(own.VisibleBias, visibleBias);
            Backend.AddParallelMotion(own.Rows, Keys, own.Input, _inputSize, targets, _split, parallel, visibleBias,
                own.Classes);
        }

        return Backend.NadeLoss(own.Rows, Keys, _nadeHidden, visibleBias, own.HiddenBias, _weights, _outputWeights,
            targets, rowMask, gradientScale, own.DVisibleBias);
    }

    /// <summary>
    /// The NADE's own backward gives dc, dd, dW and dV; c and d are dense maps of the top state, so each passes its
    /// gradient back through its layer, and dL/dh is the sum of the two. With input biases c and d are also linear in
    /// Uc and Ud, c_n = … + Σ_j Uc[k, j]·x_n[j], so dUc += dcᵀ·x and dUd += ddᵀ·x; x is data and gets no gradient. With
    /// the outer voices' motion c[n, j] = … + P[class of (n, j)], so dP[class] += dc[n, j]
    /// (<see cref="Backend.ParallelMotionBackward"/>).
    /// </summary>
    public override void Backward(HeadActivations activations, BufferSlice hidden, BufferSlice input,
        BufferSlice gradients, BufferSlice dHidden)
    {
        var own = Own(activations);
        NadeWeights d = NadeWeights.Split(gradients, HiddenSize, Keys, _nadeHidden, _inputMaps?.Width, _parallel is not null);
        (BufferSlice targets, BufferSlice rowMask) = own.LossInputs;
        Backend.NadeBackward(own.Rows, Keys, _nadeHidden, own.HiddenBias, _weights, _outputWeights, targets, rowMask,
            own.DVisibleBias, own.DHiddenBias, d.W, d.V);
        _visible.Backward(hidden, own.Rows, own.DVisibleBias, d.Visible, dHidden);
        _hidden.Backward(hidden, own.Rows, own.DHiddenBias, d.Hidden, dHidden, accumulateInput: true);
        if (d.Input is { } maps)
        {
            int i = maps.Width;
            Backend.Gemm(true, false, Keys, i, own.Rows, 1, own.DVisibleBias, Keys, input, i, 1, maps.Visible, i);
            Backend.Gemm(true, false, _nadeHidden, i, own.Rows, 1, own.DHiddenBias, _nadeHidden, input, i, 1, maps.Hidden, i);
        }

        if (d.Parallel is { } dParallel)
        {
            Backend.ParallelMotionBackward(own.Rows, Keys, own.Classes, own.DVisibleBias, dParallel);
        }
    }

    /// <summary>
    /// With input biases, c_n = … + x_n·Ucᵀ and d_n = … + x_n·Udᵀ are linear in the input frame x_n, so
    /// dL/dx_n += dc_n·Uc + dd_n·Ud; without them the head does not read the input.
    /// </summary>
    public override void AccumulateInputGradient(HeadActivations activations, BufferSlice dInput)
    {
        if (_inputMaps is { } maps)
        {
            int i = maps.Width;
            var own = Own(activations);
            Backend.Gemm(false, false, own.Rows, i, Keys, 1, own.DVisibleBias, Keys, maps.Visible, i, 1, dInput, i);
            Backend.Gemm(false, false, own.Rows, i, _nadeHidden, 1, own.DHiddenBias, _nadeHidden, maps.Hidden, i, 1, dInput, i);
        }
    }

    public override void LogOdds(HeadActivations activations, double threshold, Span<float> destination)
    {
        var own = Own(activations);
        for (int row = 0; row < own.Rows; row++)
        {
            Decode(own, row, threshold, draw: null, destination.Slice(row * Keys, Keys), frame: Span<float>.Empty, held: [],
                decided: [], keyLogProbabilities: []);
        }
    }

    /// <summary>
    /// Each draw decides the keys in turn, and the conditional probability σ(z_i) of key i given the keys drawn below it
    /// has the marginal as its mean over draws (E[E[v_i | v_&lt;i]] = E[v_i]). Averaging these probabilities rather
    /// than the drawn 0s and 1s gives the same mean with less scatter, and is exact wherever key i does not depend on
    /// the keys below it. The sums of σ(z_i) and of σ(−z_i) are kept apart, in double, so that the log-odds of a key
    /// that is nearly certain either way keep their digits.
    /// </summary>
    public override void MarginalLogOdds(HeadActivations activations, int samples, ulong seed,
        Span<float> destination)
    {
        var own = Own(activations);
        Span<float> frame = stackalloc float[Keys];
        Span<float> logits = stackalloc float[Keys];
        Span<double> on = stackalloc double[Keys];
        Span<double> off = stackalloc double[Keys];
        for (int row = 0; row < own.Rows; row++)
        {
            on.Clear();
            off.Clear();
            for (int d = 0; d < samples; d++)
            {
                var draw = new FrameDraw(Temperature: 1, MaxNotes: 0, seed, ((ulong)row * (ulong)samples) + (ulong)d);
                Decode(own, row, 0.5, draw, logits, frame, held: [], decided: [], keyLogProbabilities: []);
                for (int i = 0; i < Keys; i++)
                {
                    on[i] += 1 / (1 + Math.Exp(-logits[i]));
                    off[i] += 1 / (1 + Math.Exp(logits[i]));
                }
            }

            Span<float> logOdds = destination.Slice(row * Keys, Keys);
            for (int i = 0; i < Keys; i++)
            {
                logOdds[i] = (float)(Math.Log(on[i]) - Math.Log(off[i]));
            }
        }
    }

    public override void Probabilities(HeadActivations activations, Span<float> destination)
    {
        LogOdds(activations, 0.5, destination);
        TensorPrimitives.Sigmoid(destination, destination);
    }

    /// <summary>
    /// Key by key from low to high: p_i = σ(z_i / T) given the keys already drawn, on when uniform number
    /// (seed, step, i) falls below it. Once <see cref="FrameDraw.MaxNotes"/> keys sound, the keys above stay silent.
    /// </summary>
    public override void SampleFrame(HeadActivations activations, int row, FrameDraw draw, Span<float> frame) =>
        Decode(Own(activations), row, 0.5, draw, logOdds: Span<float>.Empty, frame, held: [], decided: [],
            keyLogProbabilities: []);

    /// <summary>
    /// As <see cref="SampleFrame"/>, key by key from low to high, a held key taking its held value: every key above it
    /// is then drawn given it, exactly as if it had been drawn so. Each key contributes log σ(±z_i / T).
    /// </summary>
    public override HeldDraw SampleFrameHeld(HeadActivations activations, int row, FrameDraw draw, ReadOnlySpan<float> held,
        ReadOnlySpan<float> decided, Span<float> frame, Span<double> keyLogProbabilities) =>
        Decode(Own(activations), row, 0.5, draw, logOdds: Span<float>.Empty, frame, held, decided, keyLogProbabilities);

    public override void Dispose()
    {
    }

    private static NadeHeadActivations Own(HeadActivations activations) =>
        activations as NadeHeadActivations
        ?? throw new ArgumentException("the activations belong to another kind of head", nameof(activations));

    /// <summary>
    /// Runs the NADE over one row on the host, deciding each key in turn: as <paramref name="held"/> says where
    /// <paramref name="decided"/> marks it, else by a draw when <paramref name="draw"/> is given, otherwise on when its
    /// probability exceeds <paramref name="threshold"/> (compared as log-odds, as frame metrics compare them). Writes
    /// z_i to <paramref name="logOdds"/> and the decisions to <paramref name="frame"/> when given. With keys held, returns
    /// their log-probability and the frame's at the draw's temperature, each key's in
    /// <paramref name="keyLogProbabilities"/> when given; otherwise zeros, computing none.
    /// </summary>
    private HeldDraw Decode(NadeHeadActivations own, int row, double threshold, FrameDraw? draw, Span<float> logOdds,
        Span<float> frame, ReadOnlySpan<float> held, ReadOnlySpan<float> decided, Span<double> keyLogProbabilities)
    {
        double heldLogProbability = 0, frameLogProbability = 0;
        (float[] visibleBias, float[] hiddenBias, float[] input) = HostBiases(own);
        (float[] weights, float[] outputWeights, float[] parallel) = HostWeights();
        (int, int, int) before = ParallelMotion.Outer(parallel.Length > 0 ? input.AsSpan(row * _inputSize, Keys) : [], _split);
        int bass = -1, top = -1;
        int m = _nadeHidden;
        Span<float> preActivation = m <= 1024 ? stackalloc float[m] : new float[m];
        hiddenBias.AsSpan(row * m, m).CopyTo(preActivation);
        float logitThreshold = (float)Math.Log(threshold / (1 - threshold));
        int sounding = 0;
        for (int i = 0; i < Keys; i++)
        {
            // c_i first, with what the outer voices' motion adds given the keys decided so far, as the loss adds it.
            float c = visibleBias[(row * Keys) + i];
            int key = parallel.Length > 0 ? OutsideInOrder.KeyAt(i, Keys, _split) : i;
            int interval = parallel.Length > 0
                ? ParallelMotion.ClassAt(key, i, bass, top, _latestAbove, _latestBelow, before, _split)
                : -1;
            if (interval >= 0 && parallel[interval] != 0)
            {
                c += parallel[interval];
            }

            float z = c + NadeStep.Key(preActivation, weights.AsSpan(i * m, m), outputWeights.AsSpan(i * m, m), 0, []);
            bool on;
            bool isHeld = !decided.IsEmpty && decided[i] != 0;
            if (isHeld)
            {
                on = held[i] != 0;
            }
            else if (draw is { } d)
            {
                double p = 1 / (1 + Math.Exp(-z / d.Temperature));
                on = (d.MaxNotes == 0 || sounding < d.MaxNotes) && CounterRandom.UniformDouble(d.Seed, d.Step, (ulong)i) < p;
            }
            else
            {
                on = z > logitThreshold;
            }

            if (!decided.IsEmpty)
            {
                double x = z / (draw?.Temperature ?? 1);
                double logProbability = LogSigmoid(on ? x : -x);
                frameLogProbability += logProbability;
                heldLogProbability += isHeld ? logProbability : 0;
                if (!keyLogProbabilities.IsEmpty)
                {
                    keyLogProbabilities[i] = logProbability;
                }
            }

            if (!logOdds.IsEmpty)
            {
                logOdds[i] = z;
            }

            if (!frame.IsEmpty)
            {
                frame[i] = on ? 1 : 0;
            }

            if (on)
            {
                (bass, top) = (bass < 0 ? key : Math.Min(bass, key), Math.Max(top, key));
                sounding++;
                TensorPrimitives.Add(preActivation, weights.AsSpan(i * m, m), preActivation);
            }
        }

        return new HeldDraw(heldLogProbability, frameLogProbability);
    }

    private (float[] VisibleBias, float[] HiddenBias, float[] Input) HostBiases(NadeHeadActivations own)
    {
        if (own.Host is not { } host)
        {
            var visibleBias = new float[own.Rows * Keys];
            var hiddenBias = new float[own.Rows * _nadeHidden];
            float[] input = _parallel is null ? [] : new float[own.Rows * _inputSize];
            Backend.Download(own.VisibleBias, visibleBias);
            Backend.Download(own.HiddenBias, hiddenBias);
            if (input.Length > 0)
            {
                Backend.Download(own.Input, input);
            }

            host = (visibleBias, hiddenBias, input);
            own.Host = host;
        }

        return host;
    }

    private (float[] Weights, float[] OutputWeights, float[] Parallel) HostWeights()
    {
        if (_hostWeights is null || _hostVersion != _forwardVersion)
        {
            _hostWeights ??= new float[Keys * _nadeHidden];
            _hostOutputWeights ??= new float[Keys * _nadeHidden];
            _hostParallel ??= _parallel is null ? [] : new float[ParallelMotion.Classes];
            Backend.Download(_weights, _hostWeights);
            Backend.Download(_outputWeights, _hostOutputWeights);
            if (_parallel is { } parallel)
            {
                Backend.Download(parallel, _hostParallel);
            }

            _hostVersion = _forwardVersion;
        }

        return (_hostWeights, _hostOutputWeights!, _hostParallel!);
    }
}
