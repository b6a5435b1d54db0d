using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>
/// Every operation of the ILGPU backend against the CPU backend on the same inputs, on tiny and odd sizes. Floats agree
/// to 1e-5 absolute plus 1e-5 relative (summation order and exp/log differ between the two); dropout masks are equal.
/// </summary>
public abstract class KernelTests(DeviceFixture device) : IDisposable
{
    private const double Absolute = 1e-5, Relative = 1e-5;

    private readonly CpuBackend _cpu = new(1);

    /// <summary>How the operands of a GEMM lie in their buffers.</summary>
    public enum GemmLayout
    {
        /// <summary>Row strides wider than the rows and not a multiple of four: the kernel reads one float at a time.</summary>
        OddStrides,

        /// <summary>Row strides a multiple of four: the kernel reads four floats at a time, one at a time at the edges.</summary>
        AlignedStrides,

        /// <summary>Strides a multiple of four, but every view one float into its buffer: four at a time would be misaligned.</summary>
        OffsetViews,
    }

    public static TheoryData<int, int, int, bool, bool, GemmLayout> GemmShapes()
    {
        var data = new TheoryData<int, int, int, bool, bool, GemmLayout>();

        // Tiny and odd sizes, and sizes over one 128×128 tile of C with k not a multiple of the kernel's depth of 8.
        int[][] shapes = [[1, 7, 33], [33, 1, 7], [7, 33, 1], [65, 70, 17], [3, 130, 64], [130, 133, 21]];
        foreach (int[] s in shapes)
        {
            foreach (bool transA in new[] { false, true })
            {
                foreach (bool transB in new[] { false, true })
                {
                    foreach (GemmLayout layout in Enum.GetValues<GemmLayout>())
                    {
                        data.Add(s[0], s[1], s[2], transA, transB, layout);
                    }
                }
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(GemmShapes))]
    public void GemmMatchesTheCpu(int m, int n, int k, bool transA, bool transB, GemmLayout layout)
    {
        // Row strides wider than the rows, so a kernel that assumes packed rows fails.
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = Stride(aCols, 3), ldb = Stride(bCols, 1), ldc = Stride(n, 2);
        int offset = layout == GemmLayout.OffsetViews ? 1 : 0;
        float[] a = TestData.Uniform(offset + (aRows * lda), m + n + k);
        float[] b = TestData.Uniform(offset + (bRows * ldb), m * n * k);
        foreach (float beta in new[] { 0f, 1f, -0.5f })
        {
            float[] c = beta == 0 ? Enumerable.Repeat(float.NaN, offset + (m * ldc)).ToArray() : TestData.Uniform(offset + (m * ldc), 3);
            AgreeWithCpu([a, b, c], (backend, s) =>
                backend.Gemm(transA, transB, m, n, k, 0.75f, View(s[0]), lda, View(s[1]), ldb, beta, View(s[2]), ldc),
                $"C (beta {beta})");
        }

        int Stride(int cols, int extra) => layout == GemmLayout.OddStrides
            ? cols + extra + ((cols + extra) % 4 == 0 ? 1 : 0)
            : ((cols + extra + 3) / 4) * 4;
        BufferSlice View(BufferSlice all) => all.Slice(offset, all.Length - offset);
    }

    [SkippableTheory]
    [InlineData(MatrixPrecision.Float32, false, false)]
    [InlineData(MatrixPrecision.Float32, false, true)]
    [InlineData(MatrixPrecision.Float32, true, false)]
    [InlineData(MatrixPrecision.Float32, true, true)]
    [InlineData(MatrixPrecision.BFloat16, false, false)]
    [InlineData(MatrixPrecision.BFloat16, false, true)]
    public void PackedGemmMatchesTheCpu(MatrixPrecision precision, bool transA, bool transB)
    {
        const int m = 5, n = 19, k = 33;
        float[] a = TestData.Uniform(m * k, 1), b = TestData.Uniform(n * k, 2), c = TestData.Uniform(m * n, 3);
        AgreeWithCpu([a, b, c], (backend, s) =>
        {
            using PackedMatrix packed = backend.AllocatePacked(k, n, precision);
            backend.Pack(transB, s[1], transB ? k : n, packed);
            backend.Gemm(transA, m, 1.5f, s[0], transA ? m : k, packed, 1f, s[2], n);
        }, "C");
    }

    [SkippableFact]
    public void ElementwiseOperationsMatchTheCpu()
    {
        const int rows = 7, cols = 13;
        float[] matrix = TestData.Uniform(rows * cols, 1, 30), vector = TestData.Uniform(cols, 2);
        AgreeWithCpu([matrix, vector], (backend, s) => backend.AddRowVector(s[0], rows, cols, s[1]), "AddRowVector");
        AgreeWithCpu([matrix, vector], (backend, s) => backend.AccumulateColumnSums(s[0], rows, cols, s[1]),
            "AccumulateColumnSums");
        AgreeWithCpu([matrix, TestData.Uniform(rows * cols, 3)], (backend, s) => backend.Multiply(s[0], s[1], s[1]),
            "Multiply");
        float[] extremes = [.. matrix, 0, -0f, 1e-20f, 88.8f, -88.8f, 1e30f, -1e30f, float.MaxValue, float.MinValue];
        AgreeWithCpu([extremes, new float[extremes.Length]], (backend, s) => backend.Sigmoid(s[0], s[1]), "Sigmoid");
        AgreeWithCpu([matrix, vector], (backend, s) =>
        {
            backend.Fill(s[0].Slice(3, 40), -2.5f);
            backend.Copy(s[1].Slice(1, 11), s[0].Slice(50, 11));
        }, "Fill and Copy");
    }

    [SkippableTheory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(4, 33)]
    public void LstmGatesMatchTheCpu(int batch, int hidden)
    {
        int g = 4 * hidden, h = batch * hidden;
        float[] gates = TestData.Uniform(batch * g, 1, 6), cellPrevious = TestData.Uniform(h, 2, 3);
        float[][] buffers =
        [
            gates, cellPrevious, new float[h], new float[h], new float[h],
            TestData.Uniform(h, 3), TestData.Uniform(h, 4), TestData.Uniform(h, 5), new float[batch * g],
        ];
        AgreeWithCpu(buffers, (backend, s) =>
        {
            backend.LstmGatesForward(batch, hidden, s[0], s[1], s[2], s[3], s[4]);
            backend.LstmGatesBackward(batch, hidden, s[0], s[1], s[3], s[5], s[6], s[7], s[8]);
        }, "gates, C, tanh C, h, dOutput, dRecurrent, dC, dGates");
    }

    [SkippableFact]
    public void SigmoidCrossEntropyMatchesTheCpu()
    {
        const int rows = 7, cols = 13;
        float[] logits = TestData.Uniform(rows * cols, 1, 8);
        logits[0] = 200;
        logits[1] = -200;
        float[] targets = TestData.Uniform(rows * cols, 2).Select(x => x > 0.4f ? 1f : 0f).ToArray();
        float[] mask = [1, 1, 0, 1, 1, 1, 0];
        var losses = new List<double>();
        AgreeWithCpu([logits, targets, mask, Enumerable.Repeat(float.NaN, rows * cols).ToArray()], (backend, s) =>
            losses.Add(backend.SigmoidCrossEntropy(rows, cols, s[0], s[1], s[2], 0.25f, s[3])), "dLogits");
        Assert.True(Compare.Close(losses[0], losses[1], 0, 1e-6), $"loss {losses[1]} where the CPU gives {losses[0]}");
    }

    [SkippableTheory]
    [InlineData(7, 13)]
    [InlineData(3, 0)]
    public void CategoricalCrossEntropyMatchesTheCpu(int rows, int keys)
    {
        int classes = keys + 1;
        float[] logits = TestData.Uniform(rows * classes, 1, 8);
        logits[0] = 200;
        logits[classes - 1] = -200;

        // Sparse frames, so that some rows rest and the highest key varies.
        float[] targets = TestData.Uniform(rows * keys, 2).Select(x => x > 0.7f ? 1f : 0f).ToArray();
        float[] mask = [.. Enumerable.Range(0, rows).Select(r => r % 3 == 2 ? 0f : 1f)];
        var losses = new List<double>();
        AgreeWithCpu([logits, targets, mask, Enumerable.Repeat(float.NaN, rows * classes).ToArray()], (backend, s) =>
            losses.Add(backend.CategoricalCrossEntropy(rows, keys, s[0], s[1], s[2], 0.25f, s[3])), "dLogits");
        Assert.True(Compare.Close(losses[0], losses[1], 0, 1e-6), $"loss {losses[1]} where the CPU gives {losses[0]}");
    }

    [SkippableTheory]
    [InlineData(40, 7, 7, 3)]
    [InlineData(30, 88, 90, 53)]
    [InlineData(20, 12, 12, 6)]
    [InlineData(10, 12, 12, 2)]
    [InlineData(1, 1, 1, 0)]
    public void ParallelMotionAndItsBackwardMatchTheCpu(int rows, int keys, int inputWidth, int split)
    {
        // Sparse frames, so that the outer voices vary and sometimes move together; stale classes, as mid-training.
        float[] inputs = TestData.Uniform(rows * inputWidth, 11).Select(x => x > 0.4f ? 1f : 0f).ToArray();
        float[] targets = TestData.Uniform(rows * keys, 12).Select(x => x > 0.4f ? 1f : 0f).ToArray();
        float[][] buffers =
        [
            inputs, targets, TestData.Uniform(12, 13), TestData.Uniform(rows * keys, 14), TestData.Uniform(rows * keys, 15),
            TestData.Uniform(12, 16),
        ];
        AgreeWithCpu(buffers, (backend, s) =>
            backend.AddParallelMotion(rows, keys, s[0], inputWidth, s[1], split, s[2], s[3], s[4]),
            "AddParallelMotion: x, t, W, c, classes");
        AgreeWithCpu(buffers, (backend, s) =>
        {
            backend.AddParallelMotion(rows, keys, s[0], inputWidth, s[1], split, s[2], s[3], s[4]);
            backend.ParallelMotionBackward(rows, keys, s[4], s[3], s[5]);
        }, "ParallelMotionBackward: x, t, W, dc, classes, dW");
    }

    [SkippableTheory]
    [InlineData(5, 7, 3, 2)]
    [InlineData(2, 88, 5, -1)]
    [InlineData(1, 1, 1, -1)]
    public void NadeLossAndBackwardMatchTheCpu(int rows, int keys, int hidden, int maskedRow)
    {
        int frame = rows * keys, weights = keys * hidden;
        float[] targets = TestData.Uniform(frame, 5).Select(x => x > 0 ? 1f : 0f).ToArray();
        float[] mask = Enumerable.Repeat(1f, rows).ToArray();
        if (maskedRow >= 0)
        {
            mask[maskedRow] = 0;
        }

        // Stale values in the outputs, and gradients that already hold something, as in the middle of training.
        float[][] buffers =
        [
            TestData.Uniform(frame, 1, 2), TestData.Uniform(rows * hidden, 2), TestData.Uniform(weights, 3),
            TestData.Uniform(weights, 4, 2), targets, mask, TestData.Uniform(frame, 7),
            TestData.Uniform(rows * hidden, 8), TestData.Uniform(weights, 9), TestData.Uniform(weights, 10),
        ];
        var losses = new List<double>();
        AgreeWithCpu(buffers, (backend, s) =>
            losses.Add(backend.NadeLoss(rows, keys, hidden, s[0], s[1], s[2], s[3], s[4], s[5], 0.25f, s[6])),
            "NadeLoss: c, d, W, V, t, mask, dz");
        AgreeWithCpu(buffers, (backend, s) =>
        {
            backend.NadeLoss(rows, keys, hidden, s[0], s[1], s[2], s[3], s[4], s[5], 0.25f, s[6]);
            backend.NadeBackward(rows, keys, hidden, s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]);
        }, "NadeBackward: c, d, W, V, t, mask, dz, dd, dW, dV");
        Assert.True(Compare.Close(losses[0], losses[1], 0, Relative),
            $"loss {losses[1]} where the CPU gives {losses[0]}");
        Assert.True(losses[0] > 0);
    }

    [SkippableTheory]
    [InlineData(0.5f, 1UL, 0UL)]
    [InlineData(0.3f, 0xFFFF_FFFF_FFFF_FFF1UL, 258UL)]
    [InlineData(0f, 7UL, 3UL)]
    public void DropoutMasksEqualTheCpus(float p, ulong seed, ulong stream)
    {
        const int length = 1000 + 37;
        float[][] expected = On(_cpu, [new float[length]], (backend, s) => backend.DropoutMask(s[0], p, seed, stream));
        float[][] actual = On(device.Backend, [new float[length]],
            (backend, s) => backend.DropoutMask(s[0], p, seed, stream));
        Assert.Equal(expected[0], actual[0]);
    }

    [SkippableFact]
    public void SumOfSquaresMatchesTheCpuAndKeepsNaN()
    {
        float[] x = TestData.Uniform(10_007, 1, 3);
        double expected = Sum(_cpu, x), actual = Sum(device.Backend, x);
        Assert.True(Compare.Close(expected, actual, 0, 1e-6), $"{actual} where the CPU gives {expected}");
        x[5000] = float.NaN;
        Assert.True(double.IsNaN(Sum(device.Backend, x)));
        Assert.Equal(0, Sum(device.Backend, []));

        static double Sum(Backend backend, float[] values)
        {
            double sum = 0;
            On(backend, [values], (b, s) => sum = b.SumOfSquares(s[0]));
            return sum;
        }
    }

    [SkippableFact]
    public void OptimizerUpdatesMatchTheCpu()
    {
        const int length = 301;
        float[] p = TestData.Uniform(length, 1), g = TestData.Uniform(length, 2, 4);
        AgreeWithCpu([p, g, new float[length], new float[length]], (backend, s) =>
        {
            for (long step = 1; step <= 2; step++)
            {
                backend.AdamUpdate(s[0], s[1], s[2], s[3], new AdamStep(1e-3f, 0.9f, 0.999f, 1e-8f, step, 0.5f));
            }
        }, "Adam: p, g, m, v");
        AgreeWithCpu([p, g, TestData.Uniform(length, 3)], (backend, s) =>
        {
            backend.SgdUpdate(s[0], s[1], s[2], 0.1f, 0.9f, 0.5f);
            backend.SgdUpdate(s[0], s[1], s[2], 0.1f, 0.9f, 1f);
        }, "SGD: p, g, velocity");
    }

    [SkippableFact]
    public void EmptyOperandsAndAnEmptyInnerDimensionBehaveAsOnTheCpu()
    {
        float[] c = TestData.Uniform(12, 1);
        AgreeWithCpu([new float[1], TestData.Uniform(12, 2), c], (backend, s) =>
        {
            backend.Gemm(false, false, 3, 4, 0, 1f, s[0].Slice(0, 0), 1, s[1].Slice(0, 0), 4, 0.5f, s[2], 4);
            backend.Gemm(false, false, 0, 4, 3, 1f, s[0].Slice(0, 0), 3, s[1], 4, 0f, s[2].Slice(0, 0), 4);
            backend.Fill(s[2].Slice(0, 0), 1);
        }, "C");
        using DeviceBuffer empty = device.Backend.Allocate(0);
        Assert.Equal(0, empty.Length);
    }

    [SkippableFact]
    public void TransfersSurviveCompactingCollections()
    {
        // Fresh arrays live in the youngest generation, which a collection compacts: a transfer that copies through an
        // unpinned address reads from, or writes to, where the array was before it moved. A thread of its own keeps
        // collecting (pausing a millisecond between collections, so the transfers still make progress) while fresh
        // arrays go up and come back.
        IlgpuBackend backend = device.Backend;
        using DeviceBuffer buffer = backend.Allocate(20_000);
        using var started = new ManualResetEventSlim();
        using var done = new CancellationTokenSource();
        Task collector = Task.Factory.StartNew(() =>
        {
            started.Set();
            while (!done.IsCancellationRequested)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: true);
                Thread.Sleep(1);
            }
        }, TaskCreationOptions.LongRunning);
        started.Wait();
        try
        {
            float[] pattern = TestData.Uniform(buffer.Length, 1);
            for (int round = 0; round < 20_000; round++)
            {
                float[] sent = (float[])pattern.Clone();
                backend.Upload(sent, buffer.All);
                var received = new float[buffer.Length];
                backend.Download(buffer.All, received);
                Assert.True(pattern.AsSpan().SequenceEqual(received), $"round {round}: the download differs from the upload");
            }
        }
        finally
        {
            done.Cancel();
            collector.Wait();
        }
    }

    [SkippableFact]
    public void ForeignSlicesAndBadShapesAreRejected()
    {
        IlgpuBackend backend = device.Backend;
        using DeviceBuffer mine = backend.Allocate(4), foreign = _cpu.Allocate(4);
        Assert.Throws<ArgumentException>(() => backend.Copy(foreign.All, mine.All));
        Assert.Throws<ArgumentException>(() => backend.Multiply(mine.All, mine.Slice(0, 3), mine.All));
        Assert.Throws<ArgumentException>(() =>
            backend.Gemm(false, false, 2, 2, 2, 1, mine.All, 2, mine.All, 2, 0, mine.Slice(0, 3), 2));
    }

    public void Dispose()
    {
        _cpu.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Uploads <paramref name="contents"/>, runs <paramref name="operation"/>, and downloads every buffer.</summary>
    private static float[][] On(Backend backend, float[][] contents, Action<Backend, BufferSlice[]> operation)
    {
        DeviceBuffer[] buffers = [.. contents.Select(c => backend.Allocate(c.Length))];
        try
        {
            for (int i = 0; i < contents.Length; i++)
            {
                backend.Upload(contents[i], buffers[i].All);
            }

            operation(backend, [.. buffers.Select(b => b.All)]);
            return [.. buffers.Select(b =>
            {
                var host = new float[b.Length];
                backend.Download(b.All, host);
                return host;
            })];
        }
        finally
        {
            foreach (DeviceBuffer buffer in buffers)
            {
                buffer.Dispose();
            }
        }
    }

    private void AgreeWithCpu(float[][] contents, Action<Backend, BufferSlice[]> operation, string what)
    {
        IlgpuBackend backend = device.Backend;
        float[][] expected = On(_cpu, contents, operation), actual = On(backend, contents, operation);
        for (int i = 0; i < contents.Length; i++)
        {
            Compare.Close(expected[i], actual[i], Absolute, Relative, $"{what}: buffer {i} on {backend.Name}");
        }
    }
}
