namespace RollNet.Model;

/// <summary>One entry of a checkpoint header's "tensors" array: the payload holds its elements in this order.</summary>
internal sealed record CheckpointHeaderTensor(string Name, int[] Shape);
