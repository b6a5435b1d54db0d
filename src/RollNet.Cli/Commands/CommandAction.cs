using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using RollNet.Gpu;

namespace RollNet.Cli.Commands;

/// <summary>Runs a command's work and turns every problem with the user's input into one line on stderr.</summary>
internal static class CommandAction
{
    /// <summary>
    /// Runs <paramref name="action"/>. A file that cannot be read or written (<see cref="IOException"/>, which
    /// includes the dataset and checkpoint errors), a value out of range (<see cref="ArgumentException"/>), or a device
    /// that is absent or out of memory prints <c>rollnet: message</c> and exits 1, and so does a native library that
    /// will not load (the pictures' on a platform the tool carries none for); other exceptions are bugs and keep their
    /// stack trace.
    /// </summary>
    public static int Run(ParseResult parse, Func<TextWriter, TextWriter, int> action)
    {
        TextWriter output = parse.InvocationConfiguration.Output, error = parse.InvocationConfiguration.Error;
        try
        {
            return action(output, error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
            or DeviceUnavailableException or InsufficientMemoryException)
        {
            error.WriteLine($"rollnet: {OneLine(e)}");
            return 1;
        }
        catch (Exception e) when (MissingNativeLibrary(e) is { } missing)
        {
            error.WriteLine($"rollnet: {missing}");
            return 1;
        }
    }

    // ArgumentException appends the parameter's name, and its out-of-range kind the value on a line of its own, which
    // reads as the end of the rule: "the tempo must be …, not 1".
    private static string OneLine(Exception e)
    {
        string message = e is ArgumentException { ParamName: { } name }
            ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : e.Message;
        if (e is ArgumentOutOfRangeException { ActualValue: { } actual })
        {
            message = $"{message.ReplaceLineEndings("\n").Split('\n')[0]}, not {Convert.ToString(actual, CultureInfo.InvariantCulture)}";
        }

        return message.ReplaceLineEndings(" ");
    }

    /// <summary>
    /// The line to print for <paramref name="e"/> when a native library would not load (the pictures' where the tool
    /// carries none), else null.
    /// </summary>
    internal static string? MissingNativeLibrary(Exception e)
    {
        // SkiaSharp first calls its library from a type initializer, so the exception usually arrives wrapped; the
        // loader's message spans a dozen lines of probed paths, and its first quoted word is the library's name.
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is DllNotFoundException missing)
            {
                Match name = Regex.Match(missing.Message, "'([^']+)'");
                string library = name.Success ? name.Groups[1].Value : "a native library";
                return $"cannot load {library} or one of its dependencies on {RuntimeInformation.RuntimeIdentifier}; "
                    + $"rollnet carries its picture libraries for {PictureRuntimes()} only";
            }
        }

        return null;
    }

    // Written into the assembly by the project file, which chooses the platforms whose picture libraries are packed.
    private static string PictureRuntimes() =>
        (typeof(CommandAction).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PictureRuntimeIdentifiers")?.Value ?? "").Replace(";", ", ", StringComparison.Ordinal);
}
