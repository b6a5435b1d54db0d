using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>One ILGPU backend shared by a collection of tests, so its kernels compile once; or the reason there is none.</summary>
public abstract class DeviceFixture : IDisposable
{
    private readonly IlgpuBackend? _backend;

    protected DeviceFixture(Func<IlgpuBackend> create)
    {
        try
        {
            _backend = create();
        }
        catch (DeviceUnavailableException e)
        {
            SkipReason = e.Message;
        }
    }

    /// <summary>Why the tests of this device are skipped, or null when it is present.</summary>
    public string? SkipReason { get; }

    /// <summary>The backend; reports the test as skipped, with the reason, when the device is absent.</summary>
    public IlgpuBackend Backend
    {
        get
        {
            Skip.If(_backend is null, SkipReason);
            return _backend!;
        }
    }

    public void Dispose()
    {
        _backend?.Dispose();
        GC.SuppressFinalize(this);
    }
}
