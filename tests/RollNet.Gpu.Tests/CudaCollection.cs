using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>Tests on CUDA share one backend; each reports skipped, with the reason, where no CUDA device exists.</summary>
[CollectionDefinition(Name)]
public sealed class CudaCollection : ICollectionFixture<CudaFixture>
{
    public const string Name = "CUDA";
}
