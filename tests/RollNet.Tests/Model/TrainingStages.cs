using RollNet.Training;

namespace RollNet.Tests.Model;

/// <summary>A model's training as its state records it: each run, back through the runs it started from.</summary>
internal static class TrainingStages
{
    /// <summary><paramref name="state"/>, then the state of the model its run started from, and so on back.</summary>
    public static IEnumerable<TrainingState> All(TrainingState state)
    {
        for (TrainingState? stage = state; stage is not null; stage = stage.StartedFrom)
        {
            yield return stage;
        }
    }

    /// <summary>The run that started from random weights: the data the model learnt first.</summary>
    public static TrainingState First(TrainingState state) => All(state).Last();
}
