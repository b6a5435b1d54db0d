using System.CommandLine;
using System.Globalization;
using RollNet.Audio;
using RollNet.Data;
using RollNet.Rendering;

namespace RollNet.Cli.Commands;

/// <summary>
/// Where a command that writes music writes it, and the options that go with it: a MIDI file always, and on request
/// the roll as JSON, as a PNG and played into a WAV file, at a tempo.
/// </summary>
internal sealed class SongOutputOptions(string pictureDescription, bool midiRequired = true)
{
    public Option<string?> Midi { get; } = new Option<string?>("--out") { Description = "The MIDI file to write", Required = midiRequired }
        .ToWrite(".mid", ".midi");

    public Option<string?> Json { get; } = new Option<string?>("--json") { Description = "Also write the roll as JSON" }
        .ToWrite(".json");

    public Option<string?> Png { get; } = new Option<string?>("--png") { Description = pictureDescription }.ToWrite(".png");

    public Option<string?> Wav { get; } = new Option<string?>("--wav")
    {
        Description = "Also play the roll on a built-in piano into a WAV file",
    }.ToWrite(".wav");

    public Option<double> Tempo { get; } = CommonOptions.Tempo();

    /// <summary>
    /// Adds these options to <paramref name="command"/>, and the check that <paramref name="stepsPerQuarter"/>, when
    /// given, is a grid a MIDI file can be written on: the music would be made first and refused only when written.
    /// </summary>
    public void AddTo(Command command, Option<int?> stepsPerQuarter)
    {
        command.Options.Add(Midi);
        command.Options.Add(Json);
        command.Options.Add(Png);
        command.Options.Add(Wav);
        command.Options.Add(Tempo);
        command.Validators.Add(result =>
        {
            // A grid out of the option's own range is the option's to report.
            if (result.TryGetValue(stepsPerQuarter, out int? grid) && grid is int steps and > 0 and <= MidiRollReader.MaxStepsPerQuarter
                && !MidiRollWriter.Writes(steps))
            {
                result.AddError($"{stepsPerQuarter.Name} {steps} must divide {MidiRollWriter.TicksPerQuarter}, the ticks of a quarter note in the MIDI file written, so that every step starts on a whole tick");
            }
        });
    }

    /// <summary>
    /// Writes <paramref name="song"/> to every file asked for, each named on <paramref name="stdout"/> as it is
    /// written; the MIDI file's line says <paramref name="what"/> it holds, its grid, tempo and length.
    /// </summary>
    public void Write(ParseResult parse, TimedPianoRoll song, string what, PianoRollImageOptions picture, TextWriter stdout)
    {
        string midi = parse.GetValue(Midi)!;
        double beatsPerMinute = parse.GetValue(Tempo);
        MidiRollWriter.Write(midi, song.Roll, song.StepsPerQuarter, beatsPerMinute);
        TimeSpan length = TimeSpan.FromMinutes(song.Roll.Steps / (double)song.StepsPerQuarter / beatsPerMinute);
        stdout.WriteLine($"wrote {midi}: {what}, "
            + $"{song.StepsPerQuarter} {(song.StepsPerQuarter == 1 ? "step" : "steps")} a quarter note at "
            + $"{beatsPerMinute.ToString("0.##", CultureInfo.InvariantCulture)} a minute ({(int)length.TotalMinutes}:{length.Seconds:00})");
        if (parse.GetValue(Json) is { } jsonPath)
        {
            PianoRollJson.Write(jsonPath, song.Roll, song.StepsPerQuarter);
            stdout.WriteLine($"wrote {jsonPath}");
        }

        if (parse.GetValue(Png) is { } pngPath)
        {
            PianoRollImage.Write(pngPath, song.Roll, picture);
            stdout.WriteLine($"wrote {pngPath}");
        }

        if (parse.GetValue(Wav) is { } wavPath)
        {
            PianoSynthesizer.Write(wavPath, song.Roll, song.StepsPerQuarter, beatsPerMinute);
            stdout.WriteLine($"wrote {wavPath}");
        }
    }
}
