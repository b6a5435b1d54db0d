using System.CommandLine;
using RollNet.Data;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet convert IN OUT</c>: between MIDI and JSON piano rolls, or either to a PNG picture, by file extension.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "A .mid, .midi or .json file" };
        var output = new Argument<string>("OUT") { Description = "The .mid, .midi, .json or .png file to write" };
        var stepsPerQuarter = new Option<int?>("--steps-per-quarter")
        {
            Description = "Time steps per quarter note when reading MIDI (default: the grid the file records, else "
                + $"{MidiRollReader.DefaultStepsPerQuarter}; JSON files carry their own)",
        }.AtLeast(1).AtMost(MidiRollReader.MaxStepsPerQuarter);
        var command = new Command("convert", "Convert a piano roll between MIDI and JSON, or draw it as a PNG") { input, output, stepsPerQuarter };
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            string from = parse.GetValue(input)!, to = parse.GetValue(output)!;
            RollFile read = RollFiles.ReadSounding(from, parse.GetValue(stepsPerQuarter));
            RollFiles.Write(to, read.Roll);
            stdout.WriteLine($"wrote {to}: {Counted.Steps(read.Roll.Roll.Steps)}");
            RollFiles.Tell(from, read, stdout, stderr);
            return 0;
        }));
        return command;
    }
}
