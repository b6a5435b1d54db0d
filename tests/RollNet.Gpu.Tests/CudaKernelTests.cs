using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>The kernel tests on CUDA; skipped, with the reason, where no CUDA device exists.</summary>
[Collection(CudaCollection.Name)]
public sealed class CudaKernelTests(CudaFixture device) : KernelTests(device);
