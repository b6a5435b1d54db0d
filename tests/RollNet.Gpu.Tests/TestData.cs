namespace RollNet.Gpu.Tests;

/// <summary>Seeded test data.</summary>
internal static class TestData
{
    public static float[] Uniform(int length, int seed, float scale = 1)
    {
        var random = new System.Random(seed);
        var values = new float[length];
        for (int j = 0; j < length; j++)
        {
            values[j] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }
}
