using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// The logits of a <see cref="CategoricalHead"/> pass and their gradient (N×C each, C = K + 1 classes), and host room
/// for one row's class weights.
/// </summary>
internal sealed class CategoricalHeadActivations(Backend backend, int classes) : LogitHeadActivations(backend, classes)
{
    /// <summary>One row's class weights, e^(z_c / T − max z / T): its probabilities up to their sum.</summary>
    public double[] RowWeights { get; } = new double[classes];

    /// <summary>One row's weights of the classes that agree with the keys held, 0 for the others.</summary>
    public double[] RowAgreeing { get; } = new double[classes];

    /// <summary>For each key of one row, the weight of the classes below it, the rest included.</summary>
    public double[] RowBelow { get; } = new double[classes];
}
