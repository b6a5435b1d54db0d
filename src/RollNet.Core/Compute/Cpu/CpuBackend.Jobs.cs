using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace RollNet.Compute.Cpu;

// The element-wise kernels as jobs for the worker pool: plain structs of pointers, so dispatch allocates nothing.
public sealed unsafe partial class CpuBackend
{
    // The passes over memory are split too: one core cannot draw what two can from memory (a 64 MB pass of bias rows
    // took 4.1 ms on one Zen 4 core and 3.1 ms on two, and a training step at hidden 256 lost 2–3 % to such passes).
    // Each element goes through the same operation whatever the split, so the bits do not depend on it.
    private struct FillJob : IParallelJob
    {
        public float* Destination;
        public int Length;
        public float Value;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Length, worker, workers);
            new Span<float>(Destination + start, end - start).Fill(Value);
        }
    }

    private struct CopyJob : IParallelJob
    {
        public float* Source, Destination;
        public int Length;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Length, worker, workers);
            new ReadOnlySpan<float>(Source + start, end - start).CopyTo(new Span<float>(Destination + start, end - start));
        }
    }

    private struct MultiplyJob : IParallelJob
    {
        public float* A, B, Destination;
        public int Length;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Length, worker, workers);
            int n = end - start;
            TensorPrimitives.Multiply(new ReadOnlySpan<float>(A + start, n), new ReadOnlySpan<float>(B + start, n),
                new Span<float>(Destination + start, n));
        }
    }

    private struct AddRowVectorJob : IParallelJob
    {
        public float* Matrix, Vector;
        public int Rows, Cols;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Rows, worker, workers);
            var vector = new ReadOnlySpan<float>(Vector, Cols);
            for (int r = start; r < end; r++)
            {
                var row = new Span<float>(Matrix + ((long)r * Cols), Cols);
                TensorPrimitives.Add(row, vector, row);
            }
        }
    }

    // Each worker sums its own columns over every row, in row order, so each sum is added up as on one thread; the
    // columns go in runs of 16, a cache line of sums, so that no line is written by two workers.
    private struct ColumnSumsJob : IParallelJob
    {
        private const int LineFloats = 16;

        public float* Matrix, Sums;
        public int Rows, Cols;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (first, last) = Share((Cols + LineFloats - 1) / LineFloats, worker, workers);
            int start = first * LineFloats, width = Math.Min(last * LineFloats, Cols) - start;
            if (width <= 0)
            {
                return;
            }

            var sums = new Span<float>(Sums + start, width);
            for (int r = 0; r < Rows; r++)
            {
                TensorPrimitives.Add(sums, new ReadOnlySpan<float>(Matrix + ((long)r * Cols) + start, width), sums);
            }
        }
    }

    private struct GatesForwardJob : IParallelJob
    {
        public int Batch, Hidden;
        public float* Gates, CellPrevious, Cell, TanhCell, Output;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Batch, worker, workers);
            int h = Hidden;
            for (int b = start; b < end; b++)
            {
                LstmCellKernels.Forward(new Span<float>(Gates + (b * 4L * h), 4 * h),
                    new ReadOnlySpan<float>(CellPrevious + ((long)b * h), h), new Span<float>(Cell + ((long)b * h), h),
                    new Span<float>(TanhCell + ((long)b * h), h), new Span<float>(Output + ((long)b * h), h));
            }
        }
    }

    private struct GatesBackwardJob : IParallelJob
    {
        public int Batch, Hidden;
        public float* Gates, CellPrevious, TanhCell, DOutput, DRecurrent, DCell, DGates;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Batch, worker, workers);
            int h = Hidden;
            for (int b = start; b < end; b++)
            {
                long row = (long)b * h;
                LstmCellKernels.Backward(new ReadOnlySpan<float>(Gates + (4 * row), 4 * h),
                    new ReadOnlySpan<float>(CellPrevious + row, h), new ReadOnlySpan<float>(TanhCell + row, h),
                    new ReadOnlySpan<float>(DOutput + row, h), new ReadOnlySpan<float>(DRecurrent + row, h),
                    new Span<float>(DCell + row, h), new Span<float>(DGates + (4 * row), 4 * h));
            }
        }
    }

    private struct CrossEntropyJob : IParallelJob
    {
        public int Rows, Cols;
        public float* Logits, Targets, Mask, DLogits;
        public float GradScale;
        public double[] Partials;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Rows, worker, workers);
            for (int r = start; r < end; r++)
            {
                long offset = (long)r * Cols;
                var dLogits = new Span<float>(DLogits + offset, Cols);
                if (Mask[r] == 0)
                {
                    dLogits.Clear();
                    Partials[r] = 0;
                    continue;
                }

                Partials[r] = LossKernels.SigmoidCrossEntropyRow(new ReadOnlySpan<float>(Logits + offset, Cols),
                    new ReadOnlySpan<float>(Targets + offset, Cols), GradScale, dLogits);
            }
        }
    }

    private struct CategoricalCrossEntropyJob : IParallelJob
    {
        public int Rows, Keys;
        public float* Logits, Targets, Mask, DLogits;
        public float GradientScale;
        public double[] Partials;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Rows, worker, workers);
            int classes = Keys + 1;
            for (int r = start; r < end; r++)
            {
                var dLogits = new Span<float>(DLogits + ((long)r * classes), classes);
                if (Mask[r] == 0)
                {
                    dLogits.Clear();
                    Partials[r] = 0;
                    continue;
                }

                Partials[r] = LossKernels.CategoricalCrossEntropyRow(
                    new ReadOnlySpan<float>(Logits + ((long)r * classes), classes),
                    new ReadOnlySpan<float>(Targets + ((long)r * Keys), Keys), GradientScale, dLogits);
            }
        }
    }

    private struct DropoutJob : IParallelJob
    {
        public float* Mask;
        public int Length;
        public float DropProbability;
        public ulong Seed, Stream;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Length, worker, workers);
            DropoutKernels.Fill(new Span<float>(Mask + start, end - start), DropProbability, Seed, Stream, start);
        }
    }

    private struct SumOfSquaresJob : IParallelJob
    {
        // Blocks keep float partial sums short; the blocks are added in double. They start at fixed offsets, so the
        // sum does not depend on how many workers share them.
        public const int Block = 4096;

        public float* Data;
        public int Length;
        public double[] Partials;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share((Length + Block - 1) / Block, worker, workers);
            for (int b = start; b < end; b++)
            {
                int j = b * Block;
                Partials[b] = ReductionKernels.SumOfSquares(new ReadOnlySpan<float>(Data + j, Math.Min(Block, Length - j)));
            }
        }
    }

    private struct AdamJob : IParallelJob
    {
        public float* Parameters, Gradients, FirstMoment, SecondMoment;
        public int Length;
        public AdamStep Step;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Length, worker, workers);
            int n = end - start;
            OptimizerKernels.Adam(new Span<float>(Parameters + start, n), new ReadOnlySpan<float>(Gradients + start, n),
                new Span<float>(FirstMoment + start, n), new Span<float>(SecondMoment + start, n), Step);
        }
    }

    private struct SgdJob : IParallelJob
    {
        public float* Parameters, Gradients, Velocity;
        public int Length;
        public float LearningRate, Momentum, GradientScale;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Length, worker, workers);
            int n = end - start;
            OptimizerKernels.Sgd(new Span<float>(Parameters + start, n), new ReadOnlySpan<float>(Gradients + start, n),
                new Span<float>(Velocity + start, n), LearningRate, Momentum, GradientScale);
        }
    }

    private struct NadeForwardJob : IParallelJob
    {
        public int Rows, Keys, Hidden;
        public float* VisibleBias, HiddenBias, Weights, OutputWeights, Targets, Mask, DVisibleBias;
        public float GradScale;
        public double[] Partials;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Rows, worker, workers);
            int k = Keys, n = Hidden;
            Span<float> preActivation = n <= 1024 ? stackalloc float[n] : new float[n];
            var weights = new ReadOnlySpan<float>(Weights, k * n);
            var outputWeights = new ReadOnlySpan<float>(OutputWeights, k * n);
            for (int r = start; r < end; r++)
            {
                var dz = new Span<float>(DVisibleBias + ((long)r * k), k);
                if (Mask[r] == 0)
                {
                    dz.Clear();
                    Partials[r] = 0;
                    continue;
                }

                Partials[r] = NadeKernels.ForwardRow(new ReadOnlySpan<float>(VisibleBias + ((long)r * k), k),
                    new ReadOnlySpan<float>(HiddenBias + ((long)r * n), n), weights, outputWeights,
                    new ReadOnlySpan<float>(Targets + ((long)r * k), k), GradScale, dz, preActivation);
            }
        }
    }

    /// <summary>
    /// The NADE backward pass over fixed chunks of rows: each chunk sums its rows' dW and dV, in row order, into a
    /// partial of its own (2×K×N: dV then dW), so the chunks split among any number of workers give the same sums.
    /// </summary>
    private struct NadeBackwardJob : IParallelJob
    {
        public int Rows, Keys, Hidden, ChunkRows, Chunks;
        public float* HiddenBias, Weights, OutputWeights, Targets, Mask, DVisibleBias, DHiddenBias, ChunkPartials;

        // Per worker: the recomputed h of a row (K×N) and the running pre-activation (N).
        public float* WorkerScratch;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(Chunks, worker, workers);
            int k = Keys, n = Hidden, kn = k * n;
            var hidden = new Span<float>(WorkerScratch + ((long)worker * (kn + n)), kn);
            var preActivation = new Span<float>(WorkerScratch + ((long)worker * (kn + n)) + kn, n);
            var weights = new ReadOnlySpan<float>(Weights, kn);
            var outputWeights = new ReadOnlySpan<float>(OutputWeights, kn);
            for (int chunk = start; chunk < end; chunk++)
            {
                var dOutputWeights = new Span<float>(ChunkPartials + ((long)chunk * 2 * kn), kn);
                var dWeights = new Span<float>(ChunkPartials + ((long)chunk * 2 * kn) + kn, kn);
                dOutputWeights.Clear();
                dWeights.Clear();
                for (int r = chunk * ChunkRows, last = Math.Min(Rows, r + ChunkRows); r < last; r++)
                {
                    var dd = new Span<float>(DHiddenBias + ((long)r * n), n);
                    if (Mask[r] == 0)
                    {
                        dd.Clear();
                        continue;
                    }

                    NadeKernels.BackwardRow(new ReadOnlySpan<float>(HiddenBias + ((long)r * n), n), weights,
                        outputWeights, new ReadOnlySpan<float>(Targets + ((long)r * k), k),
                        new ReadOnlySpan<float>(DVisibleBias + ((long)r * k), k), hidden, preActivation, dd, dWeights,
                        dOutputWeights);
                }
            }
        }
    }

    /// <summary>dV and dW each += the sum of the chunks' partials, chunk by chunk in order, split over the elements.</summary>
    private struct NadeReduceJob : IParallelJob
    {
        public int Length, Chunks;
        public float* ChunkPartials, DOutputWeights, DWeights;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Execute(int worker, int workers)
        {
            var (start, end) = Share(2 * Length, worker, workers);
            for (int e = start; e < end; e++)
            {
                float sum = 0;
                for (int chunk = 0; chunk < Chunks; chunk++)
                {
                    sum += ChunkPartials[((long)chunk * 2 * Length) + e];
                }

                float* destination = e < Length ? DOutputWeights + e : DWeights + (e - Length);
                *destination += sum;
            }
        }
    }
}
