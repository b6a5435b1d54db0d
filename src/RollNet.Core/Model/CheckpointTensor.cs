using System.Collections.Immutable;

namespace RollNet.Model;

/// <summary>
/// One named float32 array of a <see cref="Checkpoint"/>: a parameter tensor or an optimizer state buffer. Immutable.
/// </summary>
internal sealed class CheckpointTensor
{
    /// <summary>
    /// A tensor holding a copy of <paramref name="data"/>. Throws <see cref="ArgumentException"/> when
    /// <paramref name="name"/> is empty, a dimension of <paramref name="shape"/> is negative, or <paramref name="data"/>
    /// does not hold exactly the product of <paramref name="shape"/> elements.
    /// </summary>
    /// <param name="name">Such as "lstm0.w" or "adam.m".</param>
    /// <param name="shape">[rows, cols] for a parameter, [length] for optimizer state.</param>
    /// <param name="data">The elements, row-major.</param>
    public CheckpointTensor(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> data)
        : this(name, ImmutableArray.Create(shape), new ReadOnlyMemory<float>(data.ToArray()))
    {
    }

    /// <summary>A tensor over <paramref name="data"/> without copying it: the caller must not change it afterwards.</summary>
    internal CheckpointTensor(string name, ImmutableArray<int> shape, ReadOnlyMemory<float> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        long elements = 1;
        foreach (int size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"tensor {name} has a negative dimension: [{string.Join(", ", shape)}]", nameof(shape));
            }

            // Capped above any array's length, so the product cannot overflow and an absurd shape still fails below.
            elements = Math.Min(elements * size, long.MaxValue / int.MaxValue);
        }

        if (elements != data.Length)
        {
            throw new ArgumentException(
                $"tensor {name} of shape [{string.Join(", ", shape)}] needs {elements} elements but has {data.Length}", nameof(data));
        }

        (Name, Shape, Data) = (name, shape, data);
    }

    /// <summary>Such as "lstm0.w" or "adam.m".</summary>
    public string Name { get; }

    /// <summary>[rows, cols] for a parameter, [length] for optimizer state.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The elements, row-major; as many as the product of <see cref="Shape"/>.</summary>
    public ReadOnlyMemory<float> Data { get; }
}
