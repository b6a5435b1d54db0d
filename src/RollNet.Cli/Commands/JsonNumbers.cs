using System.Text.Json;

namespace RollNet.Cli.Commands;

/// <summary>Numbers in the JSON the commands write: JSON has no NaN or infinity, so a figure without a value is null.</summary>
internal static class JsonNumbers
{
    public static void Write(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
