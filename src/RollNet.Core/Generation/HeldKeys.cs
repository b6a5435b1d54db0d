using RollNet.Data;

namespace RollNet.Generation;

/// <summary>
/// What a conditional draw must keep: for every step of a piece, each of the 88 keys is held on, held off, or free
/// for the model to choose. <see cref="TopVoice"/> and <see cref="Around"/> make the two common cases, a melody to
/// harmonize and a span to fill in. A caller passes it to <see cref="ConditionalSampler.Generate"/>.
/// </summary>
public sealed class HeldKeys
{
    // Step-major, K floats a step, so that a step's two rows go to the head as they are: 1 for a key held on (_on) or
    // held at all (_decided), 0 otherwise.
    private readonly float[] _on, _decided;

    /// <summary><paramref name="steps"/> steps with every key free.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is not positive.</exception>
    public HeldKeys(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Steps = steps;
        _on = new float[steps * PianoRoll.Keys];
        _decided = new float[steps * PianoRoll.Keys];
    }

    /// <summary>The steps of the piece.</summary>
    public int Steps { get; }

    /// <summary>Holds <paramref name="key"/> (0 for A0 … 87 for C8) of <paramref name="step"/> on or off.</summary>
    public void Hold(int step, int key, bool on)
    {
        int at = Index(step, key);
        _on[at] = on ? 1 : 0;
        _decided[at] = 1;
    }

    /// <summary>Whether <paramref name="key"/> of <paramref name="step"/> is held (on or off) rather than free.</summary>
    public bool IsHeld(int step, int key) => _decided[Index(step, key)] != 0;

    /// <summary>Whether <paramref name="key"/> of <paramref name="step"/> is held on.</summary>
    public bool IsHeldOn(int step, int key) => _on[Index(step, key)] != 0;

    /// <summary>Whether every key of <paramref name="step"/> is held, so that nothing is drawn there.</summary>
    public bool IsStepHeld(int step) => !Decided(step).ContainsAnyExcept(1f);

    /// <summary>Whether <paramref name="roll"/> has as many steps and keeps every held key as it is held.</summary>
    public bool AreKeptBy(PianoRoll roll)
    {
        ArgumentNullException.ThrowIfNull(roll);
        if (roll.Steps != Steps)
        {
            return false;
        }

        for (int t = 0; t < Steps; t++)
        {
            for (int k = 0; k < PianoRoll.Keys; k++)
            {
                if (IsHeld(t, k) && roll[t, k] != IsHeldOn(t, k))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A melody as the top voice: at each step the highest sounding key of <paramref name="melody"/> is held on and
    /// every key above it held off, the keys below left to the model. A step where the melody rests is free, or held
    /// silent in every key when <paramref name="holdRests"/> is set.
    /// </summary>
    /// <exception cref="ArgumentException">The melody has no step or no note.</exception>
    public static HeldKeys TopVoice(PianoRoll melody, bool holdRests = false)
    {
        ArgumentNullException.ThrowIfNull(melody);
        if (melody.Steps == 0 || !melody.Notes().Any())
        {
            throw new ArgumentException("the melody has no note", nameof(melody));
        }

        var held = new HeldKeys(melody.Steps);
        for (int t = 0; t < melody.Steps; t++)
        {
            int top = -1;
            for (int k = PianoRoll.Keys - 1; k >= 0 && top < 0; k--)
            {
                top = melody[t, k] ? k : -1;
            }

            if (top < 0 && !holdRests)
            {
                continue;
            }

            for (int k = Math.Max(top, 0); k < PianoRoll.Keys; k++)
            {
                held.Hold(t, k, on: k == top);
            }
        }

        return held;
    }

    /// <summary>
    /// A span to fill in: every key of every step of <paramref name="roll"/> outside [<paramref name="from"/>,
    /// <paramref name="to"/>) is held as the roll has it, and the steps inside are free.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The span is empty or not inside the roll.</exception>
    public static HeldKeys Around(PianoRoll roll, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(roll);
        if (from < 0 || to > roll.Steps || from >= to)
        {
            throw new ArgumentOutOfRangeException(nameof(from),
                $"the span [{from}, {to}) is not a non-empty span of the roll's {roll.Steps} steps");
        }

        var held = new HeldKeys(roll.Steps);
        for (int t = 0; t < roll.Steps; t++)
        {
            if (t >= from && t < to)
            {
                continue;
            }

            for (int k = 0; k < PianoRoll.Keys; k++)
            {
                held.Hold(t, k, roll[t, k]);
            }
        }

        return held;
    }

    /// <summary>The keys of <paramref name="step"/> held on (1) or not (0).</summary>
    internal ReadOnlySpan<float> On(int step) => _on.AsSpan(step * PianoRoll.Keys, PianoRoll.Keys);

    /// <summary>The keys of <paramref name="step"/> that are held (1) rather than free (0).</summary>
    internal ReadOnlySpan<float> Decided(int step) => _decided.AsSpan(step * PianoRoll.Keys, PianoRoll.Keys);

    private int Index(int step, int key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, Steps);
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(key, PianoRoll.Keys);
        return (step * PianoRoll.Keys) + key;
    }
}
