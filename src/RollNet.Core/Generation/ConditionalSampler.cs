using RollNet.Compute;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Music;

namespace RollNet.Generation;

/// <summary>
/// Draws music that keeps given keys: a melody held as the top voice, frames held on both sides of a gap. Sequential
/// Monte Carlo over the model: N particles, the rows of one batch, go through the piece step by step; at each step
/// every particle draws its free keys from the head's conditionals with the held keys forced in as they come in the
/// head's key order, and is weighed by the probability the model gave the held keys. When the weights grow uneven
/// (effective sample size under N/2) the particles are resampled systematically, so the draws follow what later held
/// keys demand, not only the past. The piece returned is one particle drawn by weight. A caller makes one for a model
/// and passes <see cref="HeldKeys"/> to <see cref="Generate"/> to harmonize a melody or fill in a gap.
/// </summary>
/// <remarks>
/// Weights and probabilities are kept as logarithms in double. The mean weight at each step estimates p(held keys)
/// (the product over steps is unbiased for it), which gives the likelihood of what was drawn given what was held.
/// Draw k of particle n at step t is uniform number (seed, t·(N+1)+n, k); the resampling after step t uses (seed,
/// t·(N+1)+N, 0) and the final choice step T's; so the same seed gives the same piece on any number of threads.
/// </remarks>
public sealed class ConditionalSampler : IDisposable
{
    /// <summary>The most particles a draw may use.</summary>
    public const int MaxParticles = 4096;

    /// <summary>The most particles × steps a draw may use: the frames of every particle are kept for the final choice.</summary>
    public const long MaxParticleSteps = 1L << 22;

    private const int Keys = PianoRoll.Keys;

    private readonly InferenceRunner _runner;

    /// <exception cref="ArgumentException">The model does not take and predict frames of 88 keys.</exception>
    public ConditionalSampler(RollModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Config.InputSize != Keys || model.Config.OutputSize != Keys)
        {
            throw new ArgumentException(
                $"conditional generation needs a model of {Keys} keys in and out, not {model.Config.InputSize} and {model.Config.OutputSize}");
        }

        _runner = new InferenceRunner(model);
    }

    /// <summary>
    /// Draws a piece of <see cref="HeldKeys.Steps"/> steps that keeps every key of <paramref name="held"/>, starting
    /// from one silent frame as <see cref="Sampler"/> does without a primer. <paramref name="cancellationToken"/> is
    /// looked at before each step, so a caller that stops waiting stops the work within a step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The particles are out of range or too many for the piece's length, or the temperature is not positive.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ConditionalPiece Generate(HeldKeys held, ConditionalSamplingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(options);
        int n = options.Particles, steps = held.Steps;
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(options.Particles));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxParticles, nameof(options.Particles));
        if ((long)n * steps > MaxParticleSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"{n} particles over {steps} steps are more than {MaxParticleSteps:N0} particle-steps");
        }

        if (!(options.Temperature > 0) || !float.IsFinite(options.Temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Temperature, "the temperature must be a positive, finite number");
        }

        var frames = new float[n * Keys];                 // N×K: this step's frame of each particle, fed next
        var drawn = new float[n * Keys];                  // N×K: the same before resampling reorders it
        var history = new ulong[steps * n * 2];           // T×N frames, 88 keys in two words, for the final choice
        var ancestors = new int[steps * n];               // T×N: after step t, particle j continues particle ancestors[t, j]
        var logWeights = new double[n];                   // normalised: log-sum-exp over particles is 0
        var logProbabilities = new double[n];             // log p(frames so far) of each particle's own history
        var scratch = new double[n];
        var sources = new int[n];
        Array.Fill(logWeights, -Math.Log(n));

        _runner.ResetState(n);
        _runner.Feed(frames, 1, n, options.Precision);    // one silent frame, as an unprimed Sampler starts
        double heldLogProbability = 0;
        int freeSteps = 0, resamplings = 0;
        ulong stride = (ulong)n + 1;
        for (int t = 0; t < steps; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool free = !held.IsStepHeld(t);
            freeSteps += free ? 1 : 0;
            // Before a step held whole (the end of a gap filled in), the move into it is guarded too.
            bool beforeHeld = t + 1 < steps && held.IsStepHeld(t + 1);
            for (int p = 0; p < n; p++)
            {
                HeldDraw weight;
                Span<float> frame = drawn.AsSpan(p * Keys, Keys);
                for (int redraw = 0; ; redraw++)
                {
                    ulong place = FrameDraw.Redrawn(((ulong)t * stride) + (ulong)p, redraw);
                    var draw = new FrameDraw(options.Temperature, MaxNotes: 0, options.Seed, place);
                    weight = _runner.SampleNextHeld(p, draw, held.On(t), held.Decided(t), frame);
                    if (!options.AvoidParallels || !free || redraw == Sampler.MaxRedraws
                        || !(VoiceLeading.MovesInParallels(frames.AsSpan(p * Keys, Keys), frame)
                             || (beforeHeld && VoiceLeading.MovesInParallels(frame, held.On(t + 1)))))
                    {
                        break;
                    }
                }

                scratch[p] = logWeights[p] + weight.HeldLogProbability;
                logProbabilities[p] += weight.FrameLogProbability;
                Pack(drawn.AsSpan(p * Keys, Keys), history.AsSpan(((t * n) + p) * 2, 2));
            }

            // The increment of the estimate is the weighted mean of this step's weights; renormalising leaves log-sum-exp 0.
            double logMean = LogSumExp(scratch);
            heldLogProbability += logMean;
            for (int p = 0; p < n; p++)
            {
                logWeights[p] = scratch[p] - logMean;
                sources[p] = p;
            }

            if (t < steps - 1 && EffectiveSampleSize(logWeights) < n / 2.0)
            {
                Resample(logWeights, CounterRandom.UniformDouble(options.Seed, ((ulong)t * stride) + (ulong)n, 0), sources);
                Reorder(logProbabilities, sources, scratch);
                Array.Fill(logWeights, -Math.Log(n));
                _runner.ReorderSequences(sources);
                resamplings++;
            }

            sources.CopyTo(ancestors.AsSpan(t * n, n));
            for (int p = 0; p < n; p++)
            {
                drawn.AsSpan(sources[p] * Keys, Keys).CopyTo(frames.AsSpan(p * Keys, Keys));
            }

            if (t < steps - 1)
            {
                _runner.Feed(frames, 1, n, options.Precision);
            }
        }

        int chosen = Choose(logWeights, CounterRandom.UniformDouble(options.Seed, ((ulong)steps * stride) + (ulong)n, 0));
        double logProbability = logProbabilities[chosen];
        var roll = new PianoRoll(steps);
        for (int t = steps - 1, p = ancestors[((steps - 1) * n) + chosen]; t >= 0; t--)
        {
            Unpack(history.AsSpan(((t * n) + p) * 2, 2), roll, t);
            p = t > 0 ? ancestors[((t - 1) * n) + p] : p;
        }

        return new ConditionalPiece(roll, logProbability, heldLogProbability, freeSteps, resamplings);
    }

    /// <inheritdoc/>
    public void Dispose() => _runner.Dispose();

    private static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    // 1 / Σ w², the weights being normalised.
    private static double EffectiveSampleSize(ReadOnlySpan<double> logWeights)
    {
        double sumOfSquares = 0;
        foreach (double w in logWeights)
        {
            sumOfSquares += Math.Exp(2 * w);
        }

        return 1 / sumOfSquares;
    }

    /// <summary>
    /// Systematic resampling: N points u/N, (u+1)/N, … spread over the cumulative weights, one uniform number
    /// <paramref name="uniform"/> for all; particle j continues <paramref name="sources"/>[j].
    /// </summary>
    private static void Resample(ReadOnlySpan<double> logWeights, double uniform, Span<int> sources)
    {
        int n = logWeights.Length, source = 0;
        double cumulative = Math.Exp(logWeights[0]);
        for (int j = 0; j < n; j++)
        {
            double point = (uniform + j) / n;
            while (point > cumulative && source < n - 1)
            {
                source++;
                cumulative += Math.Exp(logWeights[source]);
            }

            sources[j] = source;
        }
    }

    private static int Choose(ReadOnlySpan<double> logWeights, double uniform)
    {
        double cumulative = 0;
        for (int p = 0; p < logWeights.Length; p++)
        {
            cumulative += Math.Exp(logWeights[p]);
            if (uniform < cumulative)
            {
                return p;
            }
        }

        return logWeights.Length - 1;
    }

    private static void Reorder(Span<double> values, ReadOnlySpan<int> sources, Span<double> scratch)
    {
        values.CopyTo(scratch);
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = scratch[sources[j]];
        }
    }

    private static void Pack(ReadOnlySpan<float> frame, Span<ulong> words)
    {
        words.Clear();
        for (int k = 0; k < Keys; k++)
        {
            words[k >> 6] |= frame[k] != 0 ? 1UL << (k & 63) : 0;
        }
    }

    private static void Unpack(ReadOnlySpan<ulong> words, PianoRoll roll, int step)
    {
        for (int k = 0; k < Keys; k++)
        {
            roll[step, k] = (words[k >> 6] & (1UL << (k & 63))) != 0;
        }
    }
}
