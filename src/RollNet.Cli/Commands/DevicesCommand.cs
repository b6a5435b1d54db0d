using System.CommandLine;
using System.Globalization;
using RollNet.Gpu;
using RollNet.IO;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet devices</c>: what ILGPU sees, one <c>kind  memory  name</c> per line.</summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var ptx = new Option<string?>("--ptx")
        {
            Description = "Also write the PTX of every GPU kernel into this folder, one sm_XX folder per architecture "
                + $"({string.Join(", ", PtxCompiler.Architectures.Select(a => $"sm_{a}"))}); needs no GPU",
        };
        var command = new Command("devices", "List the devices ILGPU sees (--device cuda takes the first CUDA one)")
        {
            ptx,
        };
        command.SetAction(parse => CommandAction.Run(parse, (stdout, _) =>
        {
            if (parse.GetValue(ptx) is { } folder)
            {
                WritePtx(folder, stdout);
            }

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

    /// <summary>Writes each kernel's PTX as folder/sm_XX/Class.Method.ptx and lists each with its size.</summary>
    private static void WritePtx(string folder, TextWriter stdout)
    {
        if (File.Exists(folder))
        {
            throw new IOException($"{folder}: a file, not a folder for the PTX");
        }

        foreach (int architecture in PtxCompiler.Architectures)
        {
            string target = Path.Combine(folder, $"sm_{architecture}");
            try
            {
                Directory.CreateDirectory(target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // .NET names the subfolder it could not make, or a file it did not look for, rather than the folder given.
                throw new IOException($"{folder}: cannot make the folder for the PTX ({e.Message})", e);
            }

            foreach (PtxKernel kernel in PtxCompiler.Compile(architecture))
            {
                string path = Path.Combine(target, $"{kernel.Name}.ptx");
                AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(kernel.Assembly)));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"sm_{architecture} {kernel.Name,-40} {kernel.Assembly.Length,7:N0} characters  {path}"));
            }
        }
    }
}
