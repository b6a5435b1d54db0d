using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>The training-step comparison on CUDA; skipped, with the reason, where no CUDA device exists.</summary>
[Collection(CudaCollection.Name)]
public sealed class CudaTrainingStepTests(CudaFixture device) : TrainingStepTests(device);
