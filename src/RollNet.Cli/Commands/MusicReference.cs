using System.Globalization;
using System.Text.Json;
using RollNet.Data;
using RollNet.Music;

namespace RollNet.Cli.Commands;

/// <summary>
/// The music a model learnt, as the features a generated piece is held against: each feature's mean over the pieces
/// of the training split and the range of the middle 80 % of them. One piece cannot make a distribution, so a piece is
/// placed inside or outside that range rather than compared distribution to distribution.
/// </summary>
internal sealed record MusicReference(string Source, int Pieces, IReadOnlyList<FeatureSpread> Features)
{
    /// <summary>
    /// The features a summary shows: how full, how harmonic, how tonal and how melodic the music is, and how its outer
    /// voices move.
    /// </summary>
    public static IReadOnlyList<MusicFeature> Shown { get; } =
    [
        MusicFeature.NotesPerFrame, MusicFeature.Chords, MusicFeature.Clashes, MusicFeature.InKey, MusicFeature.NoteLength,
        MusicFeature.TopVoiceLeap, MusicFeature.OuterParallels,
    ];

    /// <summary>The reference of <paramref name="rolls"/>, the pieces of <paramref name="source"/>.</summary>
    public static MusicReference Of(string source, IReadOnlyList<PianoRoll> rolls)
    {
        MusicSetStatistics set = MusicStatistics.Of(rolls);
        return new MusicReference(source, rolls.Count, [.. Shown.Select(feature => FeatureSpread.Of(set, feature))]);
    }

    /// <summary>The reference as the JSON that <see cref="Read"/> takes back, indented, numbers to six significant digits.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("source", Source);
            writer.WriteNumber("pieces", Pieces);
            writer.WriteStartObject("features");
            foreach (FeatureSpread spread in Features)
            {
                writer.WriteStartObject(MusicFeatures.Key(spread.Feature));
                Number(writer, "mean", spread.Mean);
                Number(writer, "low", spread.Low);
                Number(writer, "high", spread.High);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote; <paramref name="name"/> names the file in errors.</summary>
    public static MusicReference Read(Stream stream, string name)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(stream);
            JsonElement root = document.RootElement;
            JsonElement features = root.GetProperty("features");
            return new MusicReference(root.GetProperty("source").GetString() ?? "", root.GetProperty("pieces").GetInt32(),
            [
                .. Shown.Select(feature => features.GetProperty(MusicFeatures.Key(feature)) is var f
                    ? new FeatureSpread(feature, Number(f, "mean"), Number(f, "low"), Number(f, "high"))
                    : default),
            ]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new DatasetException(name, $"not a music reference: {e.Message}");
        }
    }

    // Six significant digits keep the file short and readable.
    private static void Number(Utf8JsonWriter writer, string name, double value) =>
        JsonNumbers.Write(writer, name, double.IsFinite(value)
            ? double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : value);

    private static double Number(JsonElement feature, string name) =>
        feature.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? double.NaN : feature.GetProperty(name).GetDouble();
}
