using RollNet.Model;
using RollNet.Training;

namespace RollNet.Tests.Training;

/// <summary>What a training run left in its folder, read back for assertions.</summary>
internal static class SavedRun
{
    /// <summary>The training state the checkpoint file <paramref name="path"/> records.</summary>
    public static TrainingState State(string path) => TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(path))!;

    /// <summary>The values of every tensor of the run's last.rollnet: the parameters, then the optimizer's state.</summary>
    public static float[][] LastTensors(string folder) =>
        [.. CheckpointCodec.Load(Path.Combine(folder, TrainingRun.LastFileName)).Tensors.Select(t => t.Data.ToArray())];
}
