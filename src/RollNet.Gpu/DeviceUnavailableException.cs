namespace RollNet.Gpu;

/// <summary>The device asked for is not present; the message is one line that lists the devices found.</summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>An exception with a one-line message.</summary>
    public DeviceUnavailableException(string message) : base(message)
    {
    }
}
