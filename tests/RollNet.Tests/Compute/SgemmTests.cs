using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Tests.Compute;

public sealed unsafe class SgemmTests
{
    private static readonly WorkerPool Pool = new(2);

    public static TheoryData<int, int, int, bool, bool> Shapes()
    {
        var data = new TheoryData<int, int, int, bool, bool>();
        int[][] shapes =
        [
            [1, 1, 1], [7, 7, 7], [1, 1025, 7], [88, 1, 1023], [7, 88, 1], [1023, 7, 1025],
            [1025, 88, 1023], [88, 1025, 88], [32, 1023, 300], [1, 7, 1025],
            // Up to four rows take the unpacked path; wider than one of its column blocks.
            [3, 2100, 37], [4, 1030, 129],
        ];
        foreach (int[] s in shapes)
        {
            foreach (bool transA in new[] { false, true })
            {
                foreach (bool transB in new[] { false, true })
                {
                    data.Add(s[0], s[1], s[2], transA, transB);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesReferenceWithBetaZeroOverNaN(int m, int n, int k, bool transA, bool transB)
    {
        var problem = new Problem(m, n, k, transA, transB, seed: m * 31 + n * 7 + k);
        Array.Fill(problem.C, float.NaN);
        problem.Run(Pool, alpha: 0.75f, beta: 0f);
        problem.AssertMatchesReference();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesReferenceWithBetaOne(int m, int n, int k, bool transA, bool transB)
    {
        var problem = new Problem(m, n, k, transA, transB, seed: m + n + k);
        problem.Run(Pool, alpha: -1.5f, beta: 1f);
        problem.AssertMatchesReference();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void MatchesReferenceWithGeneralBeta(bool transA, bool transB)
    {
        var problem = new Problem(100, 130, 600, transA, transB, seed: 5);
        problem.Run(Pool, alpha: 2f, beta: -0.5f);
        problem.AssertMatchesReference();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void PortableKernelsMatchReference(bool transA, bool transB)
    {
        foreach (SgemmKernel kernel in new[] { SgemmKernel.Scalar, SgemmKernel.Vector256, SgemmKernel.Vector512 })
        {
            var problem = new Problem(45, 77, 300, transA, transB, seed: 11);
            Array.Fill(problem.C, float.NaN);
            problem.Run(kernel, Pool, alpha: 0.5f, beta: 0f);
            problem.AssertMatchesReference();
            problem.Run(kernel, Pool, alpha: 1f, beta: 1f);
            problem.AssertMatchesReference();
        }
    }

    [Theory]
    [InlineData(300, 200, 700, false, false)]
    [InlineData(32, 1000, 600, false, true)]
    [InlineData(517, 96, 300, true, false)]
    public void ResultDoesNotDependOnThreadCount(int m, int n, int k, bool transA, bool transB)
    {
        float[]? expected = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var pool = new WorkerPool(threads);
            var problem = new Problem(m, n, k, transA, transB, seed: 3);
            problem.Run(pool, alpha: 1.25f, beta: 1f);
            expected ??= problem.C;
            Assert.Equal(Bits(expected), Bits(problem.C));
        }
    }

    [Theory]
    [InlineData(32, 1023, 300, false, true)]
    [InlineData(32, 1023, 300, true, false)]
    [InlineData(88, 100, 1025, false, false)]
    [InlineData(300, 200, 700, true, true)]
    [InlineData(5, 7, 1, false, true)]
    [InlineData(1, 7, 1, true, true)]
    // The recurrent products' shapes: each worker's columns wider than an unpacked column block, a partial last
    // panel and k-block, and the next panel fetched ahead across them.
    [InlineData(32, 4100, 520, false, true)]
    [InlineData(32, 1030, 1100, false, false)]
    [InlineData(8, 2070, 300, false, true)]
    public void PackedBMatchesUnpackedBitForBit(int m, int n, int k, bool transA, bool transB)
    {
        var plain = new Problem(m, n, k, transA, transB, seed: 9);
        plain.Run(Pool, alpha: 1.25f, beta: 1f);
        var packed = new Problem(m, n, k, transA, transB, seed: 9);
        packed.RunPacked(Pool, alpha: 1.25f, beta: 1f);

        Assert.Equal(Bits(plain.C), Bits(packed.C));
        packed.AssertMatchesReference();
    }

    /// <summary>
    /// Exactly the cases where the packed product promises the unpacked result to the bit: a transposed A of any
    /// height, an untransposed A of more than <see cref="SgemmSmallRows.MaxRows"/> rows, and k = 0 or alpha = 0.
    /// </summary>
    public static TheoryData<int, int, int, bool, bool, float> BlockedOnBothPaths()
    {
        var data = new TheoryData<int, int, int, bool, bool, float>();
        foreach (bool transB in new[] { false, true })
        {
            for (int m = 1; m <= SgemmSmallRows.MaxRows + 1; m++)
            {
                data.Add(m, 37, 300, true, transB, 1.25f);
            }

            data.Add(SgemmSmallRows.MaxRows + 1, 37, 300, false, transB, 1.25f);
            data.Add(SgemmSmallRows.MaxRows + 2, 70, 260, false, transB, 1.25f);
            data.Add(SgemmSmallRows.MaxRows, 37, 0, false, transB, 1.25f);
            data.Add(SgemmSmallRows.MaxRows, 37, 300, false, transB, 0f);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BlockedOnBothPaths))]
    public void PackedBMatchesUnpackedBitForBitWhereverBothRunBlocked(int m, int n, int k, bool transA, bool transB,
        float alpha)
    {
        var plain = new Problem(m, n, k, transA, transB, seed: 13);
        plain.Run(Pool, alpha, beta: 0.5f);
        var packed = new Problem(m, n, k, transA, transB, seed: 13);
        packed.RunPacked(Pool, alpha, beta: 0.5f);

        Assert.Equal(Bits(plain.C), Bits(packed.C));
    }

    [Theory]
    [InlineData(1, 4096, 1024, false)]
    [InlineData(4, 1030, 129, true)]
    public void FewRowsAgreeWithThePackedPathWithinRounding(int m, int n, int k, bool transB)
    {
        // Up to four rows skip packing and sum in another order, so agreement is to rounding, not to the bit.
        var plain = new Problem(m, n, k, false, transB, seed: 4);
        plain.Run(Pool, alpha: 1f, beta: 0f);
        var packed = new Problem(m, n, k, false, transB, seed: 4);
        packed.RunPacked(Pool, alpha: 1f, beta: 0f);
        plain.AssertMatchesReference();
        packed.AssertMatchesReference();
    }

    [Fact]
    public void PackedBCanBeRepacked()
    {
        var b = new float[12];
        var packed = new SgemmPackedB(3, 4);
        packed.Pack(false, b, 4);
        b[5] = 2f; // op(B)[1, 1]
        packed.Pack(false, b, 4);

        float[] a = [0f, 3f, 0f];
        var c = new float[4];
        Sgemm.Multiply(Pool, false, 1, 1f, a, 3, packed, 0f, c, 4);
        Assert.Equal([0f, 6f, 0f, 0f], c);
    }

    [Fact]
    public void PackedBRejectsBadArguments()
    {
        var packed = new SgemmPackedB(3, 4);
        Assert.Throws<ArgumentException>(() => packed.Pack(false, new float[11], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => packed.Pack(true, new float[12], 2));
        Assert.Throws<ArgumentException>(() => Sgemm.Multiply(Pool, false, 2, 1f, new float[5], 3, packed, 0f, new float[8], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(Pool, false, 2, 1f, new float[6], 3, packed, 0f, new float[8], 3));
    }

    [Fact]
    public void ZeroKScalesC()
    {
        float[] c = [1f, 2f, 3f, 4f];
        Sgemm.Multiply(Pool, false, false, 2, 2, 0, 1f, ReadOnlySpan<float>.Empty, 1, ReadOnlySpan<float>.Empty, 2, 0.5f, c, 2);
        Assert.Equal([0.5f, 1f, 1.5f, 2f], c);

        float[] nan = [float.NaN, float.NaN];
        Sgemm.Multiply(Pool, false, false, 1, 2, 0, 1f, ReadOnlySpan<float>.Empty, 1, ReadOnlySpan<float>.Empty, 2, 0f, nan, 2);
        Assert.Equal([0f, 0f], nan);
    }

    [Fact]
    public void EmptyOutputIsANoOp()
    {
        // beta = 0 would overwrite any element of C the call touched; spans longer than an empty C needs stay whole.
        float[] sentinel = [7f, 7f, 7f];
        Sgemm.Multiply(Pool, false, false, 0, 5, 3, 1f, ReadOnlySpan<float>.Empty, 3, new float[15], 5, 0f, sentinel, 5);
        Assert.Equal([7f, 7f, 7f], sentinel);

        Sgemm.Multiply(Pool, false, false, 5, 0, 3, 1f, new float[15], 3, ReadOnlySpan<float>.Empty, 1, 0f, sentinel, 1);
        Assert.Equal([7f, 7f, 7f], sentinel);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(Pool, false, false, -1, 2, 3, 1f, a, 3, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(Pool, false, false, 2, 2, 3, 1f, a, 2, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(Pool, false, true, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(Pool, false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 1));
        var shortA = Assert.Throws<ArgumentException>(() => Sgemm.Multiply(Pool, false, false, 2, 2, 3, 1f, a.AsSpan(0, 5), 3, b, 2, 0f, c, 2));
        Assert.Equal("a", shortA.ParamName);
        var shortC = Assert.Throws<ArgumentException>(() => Sgemm.Multiply(Pool, false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 3));
        Assert.Equal("c", shortC.ParamName);
    }

    [Theory]
    [InlineData(32, 24)] // the recurrent products of a batch of 32: four 6-row tiles and two 4-row tiles
    [InlineData(8, 0)]
    [InlineData(30, 30)]
    [InlineData(4096, 4092)]
    [InlineData(33, 30)]
    [InlineData(5, 5)] // one partial 6-row tile computes fewer rows than two 4-row tiles
    [InlineData(1, 0)]
    public void TheVector256KernelHandsTheRowsSixDoesNotDivideToItsTail(int m, int mainRows)
    {
        Assert.Equal(mainRows, SgemmKernel.Vector256.MainRows(m));
        Assert.Equal(m, SgemmKernel.Vector512.MainRows(m));
        Assert.Equal(m, SgemmKernel.Scalar.MainRows(m));
    }

    [Theory]
    [InlineData(false, 20)] // few column tiles: the rows are split among the workers
    [InlineData(true, 20)]
    [InlineData(false, 300)] // many: the columns are
    [InlineData(true, 300)]
    public void TheTailTilesSumAsTheMainTilesDo(bool transA, int n)
    {
        // Both Vector256 kernels and the Vector512 kernel sum each element along k in the same order, so any mix of
        // 6-row and 4-row tiles gives Vector512's bits, on any number of threads, packed or not.
        for (int m = 1; m <= 40; m++)
        {
            var wide = new Problem(m, n, 300, transA, transB: false, seed: m);
            wide.Run(SgemmKernel.Vector512, Pool, alpha: 0.75f, beta: 0.5f);
            foreach (int threads in new[] { 1, 2, 3 })
            {
                using var pool = new WorkerPool(threads);
                var narrow = new Problem(m, n, 300, transA, transB: false, seed: m);
                narrow.Run(SgemmKernel.Vector256, pool, alpha: 0.75f, beta: 0.5f);
                Assert.Equal(Bits(wide.C), Bits(narrow.C));

                var packed = new Problem(m, n, 300, transA, transB: false, seed: m);
                packed.RunPacked(SgemmKernel.Vector256, pool, alpha: 0.75f, beta: 0.5f);
                if (transA || m > SgemmSmallRows.MaxRows)
                {
                    Assert.Equal(Bits(wide.C), Bits(packed.C));
                }

                packed.AssertMatchesReference();
            }
        }
    }

    [Fact]
    public void SteadyStateCallsDoNotAllocate()
    {
        var problem = new Problem(128, 256, 300, false, true, seed: 1);
        problem.Run(Pool, 1f, 0f);
        long allocated = Allocations.LeastPerCall(5, () =>
        {
            for (int i = 0; i < 10; i++)
            {
                problem.Run(Pool, 1f, 0f);
            }
        });
        Assert.Equal(0, allocated);
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);

    // Random operands stored with leading dimensions larger than needed, checked against a
    // double-precision triple loop.
    private sealed class Problem
    {
        private const int Pad = 3;
        private readonly int _m, _n, _k, _lda, _ldb, _ldc;
        private readonly bool _transA, _transB;
        private readonly float[] _a, _b, _c0;
        private float _alpha, _beta;

        public Problem(int m, int n, int k, bool transA, bool transB, int seed)
        {
            (_m, _n, _k, _transA, _transB) = (m, n, k, transA, transB);
            var random = new Random(seed);
            _lda = (transA ? m : k) + Pad;
            _ldb = (transB ? k : n) + Pad;
            _ldc = n + Pad;
            _a = Fill(random, (transA ? k : m) * _lda);
            _b = Fill(random, (transB ? n : k) * _ldb);
            C = Fill(random, m * _ldc);
            _c0 = (float[])C.Clone();
        }

        public float[] C { get; }

        public void Run(WorkerPool pool, float alpha, float beta)
        {
            Remember(alpha, beta);
            Sgemm.Multiply(pool, _transA, _transB, _m, _n, _k, alpha, _a, _lda, _b, _ldb, beta, C, _ldc);
        }

        public void RunPacked(WorkerPool pool, float alpha, float beta)
        {
            Remember(alpha, beta);
            var packed = new SgemmPackedB(_k, _n);
            packed.Pack(_transB, _b, _ldb);
            Sgemm.Multiply(pool, _transA, _m, alpha, _a, _lda, packed, beta, C, _ldc);
        }

        public void RunPacked(SgemmKernel kernel, WorkerPool pool, float alpha, float beta)
        {
            Remember(alpha, beta);
            var packed = new SgemmPackedB(_k, _n, kernel);
            packed.Pack(_transB, _b, _ldb);
            fixed (float* a = _a)
            fixed (float* c = C)
            {
                Sgemm.Multiply(pool, _transA, _m, alpha, a, _lda, packed, beta, c, _ldc);
            }
        }

        public void Run(SgemmKernel kernel, WorkerPool pool, float alpha, float beta)
        {
            Remember(alpha, beta);
            fixed (float* a = _a)
            fixed (float* b = _b)
            fixed (float* c = C)
            {
                Sgemm.Multiply(kernel, pool, _transA, _transB, _m, _n, _k, alpha, a, _lda, b, _ldb, beta, c, _ldc);
            }
        }

        // Float accumulation error grows roughly like eps * sqrt(k) * sum|alpha * a * b| (eps is
        // about 6e-8), so a relative bound of 1e-5 * sqrt(k) on that magnitude has a wide margin.
        public void AssertMatchesReference()
        {
            double tolerance = 1e-5 * Math.Sqrt(Math.Max(_k, 1));
            for (int i = 0; i < _m; i++)
            {
                for (int j = 0; j < _n; j++)
                {
                    double sum = 0, magnitude = 0;
                    for (int p = 0; p < _k; p++)
                    {
                        double product = (double)A(i, p) * B(p, j);
                        sum += product;
                        magnitude += Math.Abs(product);
                    }
                    double previous = _beta == 0f ? 0 : _beta * (double)_c0[i * _ldc + j];
                    double expected = _alpha * sum + previous;
                    double scale = Math.Abs(_alpha) * magnitude + Math.Abs(previous) + 1e-30;
                    double actual = C[i * _ldc + j];
                    Assert.True(
                        Math.Abs(actual - expected) <= tolerance * scale,
                        $"C[{i},{j}] = {actual}, expected {expected} (m={_m} n={_n} k={_k} transA={_transA} transB={_transB})");
                }
            }
            for (int i = 0; i < _m; i++)
            {
                for (int j = _n; j < _ldc; j++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(_c0[i * _ldc + j]), BitConverter.SingleToInt32Bits(C[i * _ldc + j]));
                }
            }
        }

        private void Remember(float alpha, float beta)
        {
            // Chained runs check against the output of the previous one.
            C.CopyTo(_c0, 0);
            (_alpha, _beta) = (alpha, beta);
        }

        private float A(int i, int p) => _transA ? _a[p * _lda + i] : _a[i * _lda + p];

        private float B(int p, int j) => _transB ? _b[j * _ldb + p] : _b[p * _ldb + j];

        private static float[] Fill(Random random, int length)
        {
            var values = new float[length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)(random.NextDouble() * 2 - 1);
            }
            return values;
        }
    }
}
