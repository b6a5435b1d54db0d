using System.CommandLine;
using System.Globalization;
using RollNet.Gpu;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet devices</c>: what ILGPU sees, one <c>kind  memory  name</c> per line.</summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List the devices ILGPU sees (--device cuda takes the first CUDA one)");
        command.SetAction(parse => CommandAction.Run(parse, (stdout, _) =>
        {
            foreach (DeviceInfo device in BackendFactory.ListDevices())
            {
                // ILGPU's CPU accelerator simulates a GPU for tests (and reports no real memory size); --device cpu is
                // the SIMD backend instead.
                string line = device.Kind == "CPU"
                    ? $"{device.Kind,-6} {"-",11}  {device.Name} (ILGPU's simulator, for tests; --device cpu is the SIMD backend)"
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{device.Kind,-6} {device.MemoryBytes / (1024.0 * 1024 * 1024),7:F1} GiB  {device.Name}");
                stdout.WriteLine(line);
            }

            return 0;
        }));
        return command;
    }
}
