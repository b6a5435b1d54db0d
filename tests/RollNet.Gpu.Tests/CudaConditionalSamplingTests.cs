using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>The conditional sampling comparison on CUDA; skipped, with the reason, where no CUDA device exists.</summary>
[Collection(CudaCollection.Name)]
public sealed class CudaConditionalSamplingTests(CudaFixture device) : ConditionalSamplingTests(device);
