namespace RollNet.Model;

/// <summary>One named float32 array of a <see cref="Checkpoint"/>: a parameter tensor or an optimizer state buffer.</summary>
/// <param name="Name">Such as "lstm0.w" or "adam.m".</param>
/// <param name="Shape">[rows, cols] for a parameter, [length] for optimizer state.</param>
/// <param name="Data">The elements, row-major; as many as the product of <paramref name="Shape"/>.</param>
public sealed record CheckpointTensor(string Name, int[] Shape, float[] Data);
