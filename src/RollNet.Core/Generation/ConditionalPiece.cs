using RollNet.Data;

namespace RollNet.Generation;

/// <summary>
/// A piece <see cref="ConditionalSampler"/> drew: every held key as held, the rest drawn, with what the model makes
/// of it (nats, at the draw's temperature).
/// </summary>
/// <param name="Roll">The whole piece, held and drawn keys together.</param>
/// <param name="LogProbability">log p(piece): the model's log-probability of the whole roll.</param>
/// <param name="HeldLogProbability">
/// The estimate of log p(held keys), the log of the mean weight of the particles at each step, summed; it tends to the
/// exact value as the particles grow in number.
/// </param>
/// <param name="FreeSteps">Steps with at least one free key.</param>
/// <param name="Resamplings">Steps after which the particles were resampled, their weights having grown too uneven.</param>
public sealed record ConditionalPiece(PianoRoll Roll, double LogProbability, double HeldLogProbability, int FreeSteps, int Resamplings)
{
    /// <summary>
    /// The negative log-likelihood of the drawn keys given the held ones, per step with a free key:
    /// −(log p(piece) − log p(held keys)) / <see cref="FreeSteps"/>; NaN when nothing was free.
    /// </summary>
    public double FreeNllPerStep => FreeSteps == 0 ? double.NaN : -(LogProbability - HeldLogProbability) / FreeSteps;
}
