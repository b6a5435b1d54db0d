using System.CommandLine;
using RollNet.Data;

namespace RollNet.Cli.Commands;

/// <summary>
/// <c>rollnet convert IN OUT</c>: a piano roll from MIDI, JSON or a dataset's piece to MIDI, JSON, a PNG picture or a
/// WAV file played on the built-in piano, by file extension; or a dataset's whole split into a folder of MIDI files.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN")
        {
            Description = "A .mid, .midi or .json file; a piece of a dataset, by its split and number from 0 (jsb:test:3; the "
                + "dataset a name, a pickle or MAT-file, or a MIDI folder); or a whole split (jsb:test), written into the folder OUT",
        };
        var output = new Argument<string>("OUT")
        {
            Description = "The .mid, .midi, .json, .png or .wav file to write (.wav: played on the built-in piano); for a whole "
                + "split, the folder to write one MIDI file per piece into (made if missing)",
        };
        var datasets = new DatasetOptions("Time steps per quarter note when reading MIDI, and of a dataset whose grid is "
            + $"not known (default: the grid the file records, else {MidiRollReader.DefaultStepsPerQuarter}; JSON files and "
            + "the four sets carry their own)");
        Option<ulong> seed = DatasetOptions.SplitSeed();
        Option<double> tempo = CommonOptions.Tempo();
        var command = new Command("convert", "Convert a piano roll between MIDI and JSON, draw it as a PNG or play it into a WAV "
            + "file; or write a dataset's pieces as MIDI files")
        {
            input, output, seed, tempo,
        };
        datasets.AddTo(command);
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            string from = parse.GetValue(input)!, to = parse.GetValue(output)!;
            double beatsPerMinute = parse.GetValue(tempo);
            bool exists = File.Exists(from) || Directory.Exists(from);
            DatasetSplitSpec? spec = exists ? null : DatasetSplitSpec.Parse(from);
            if (!exists && spec is null && from.Contains(':'))
            {
                throw new DatasetException(from, "no such file, nor a split of a dataset (jsb:test) or a piece of one (jsb:test:3): "
                    + $"the splits are {Listed.And(DatasetOptions.SplitNames)}");
            }

            if (spec is null)
            {
                RollFile read = RollFiles.ReadSounding(from, parse.GetValue(datasets.StepsPerQuarter));
                TimedPianoRoll roll = parse.GetValue(datasets.TopVoice)
                    ? new TimedPianoRoll(read.Roll.Roll.TopVoice(), read.Roll.StepsPerQuarter)
                    : read.Roll;
                RollFiles.Write(to, roll, beatsPerMinute);
                stdout.WriteLine($"wrote {to}: {Counted.Steps(read.Roll.Roll.Steps)}");
                RollFiles.Tell(from, read, stdout, stderr);
                return 0;
            }

            if (spec.Piece is null && File.Exists(to))
            {
                throw new DatasetException(to, "a file, not a folder to write a split's pieces into");
            }

            DatasetSplit split = datasets.LoadSplit(parse, spec, parse.GetValue(seed), stderr);
            if (spec.Piece is not { } index)
            {
                WriteAll(split.Pieces, to, split.StepsPerQuarter, beatsPerMinute);
                stdout.WriteLine($"wrote {Counted.Pieces(split.Pieces.Count)} of {spec.Dataset}:{spec.Split} into {to}, "
                    + $"{Counted.Steps(split.StepsPerQuarter)} a quarter note");
                return 0;
            }

            TimedPianoRoll piece = split.Piece(index, spec.Split);
            RollFiles.Write(to, piece, beatsPerMinute);
            stdout.WriteLine($"wrote {to}: {Counted.Steps(piece.Roll.Steps)}, {Counted.Steps(piece.StepsPerQuarter)} a quarter note");
            return 0;
        }));
        return command;
    }

    /// <summary>Writes every piece into <paramref name="folder"/> as "000.mid", "001.mid" and so on, in the split's order.</summary>
    private static void WriteAll(IReadOnlyList<PianoRoll> pieces, string folder, int grid, double beatsPerMinute)
    {
        Directory.CreateDirectory(folder);
        for (int i = 0; i < pieces.Count; i++)
        {
            MidiRollWriter.Write(Path.Combine(folder, $"{i:000}.mid"), pieces[i], grid, beatsPerMinute);
        }
    }
}
