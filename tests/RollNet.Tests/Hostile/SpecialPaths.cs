using System.Diagnostics;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Hostile;

/// <summary>Paths that are no regular file, for readers to refuse: a folder, an endless device and a pipe.</summary>
internal static class SpecialPaths
{
    /// <summary>Kinds, as test data: "folder", "/dev/zero" and "fifo".</summary>
    public static readonly TheoryData<string> Kinds = new("folder", "/dev/zero", "fifo");

    /// <summary>A path of <paramref name="kind"/>, named <paramref name="name"/> in <paramref name="directory"/> unless it is a device.</summary>
    public static string Make(string kind, TempDirectory directory, string name)
    {
        Skip.If(OperatingSystem.IsWindows() && kind != "folder", "no devices or pipes as paths");
        switch (kind)
        {
            case "folder":
                return Directory.CreateDirectory(directory.File(name)).FullName;
            case "fifo":
                string path = directory.File(name);
                using (Process mkfifo = Process.Start("mkfifo", [path]))
                {
                    mkfifo.WaitForExit();
                    Assert.Equal(0, mkfifo.ExitCode);
                }

                return path;
            default:
                return kind;
        }
    }

    /// <summary>
    /// Runs <paramref name="test"/> on <paramref name="path"/>. When it is a pipe, a writer waits on it meanwhile: were
    /// the test to open the pipe, the two would meet and the test read an empty file rather than wait for ever; at the
    /// end the writer is met here, so that it ends.
    /// </summary>
    public static void WithoutWaiting(string path, Action test)
    {
        bool pipe = !OperatingSystem.IsWindows() && !Directory.Exists(path) && !path.StartsWith("/dev/", StringComparison.Ordinal);
        Task writer = pipe ? Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write).Dispose()) : Task.CompletedTask;
        try
        {
            test();
        }
        finally
        {
            if (!writer.IsCompleted)
            {
                new FileStream(path, FileMode.Open, FileAccess.Read).Dispose();
            }

            writer.Wait();
        }
    }
}
