using System.CommandLine;
using RollNet.Data;
using RollNet.Generation;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet harmonize</c>: a melody held as the top voice, the voices beneath drawn by the model.</summary>
internal static class HarmonizeCommand
{
    public static Command Create()
    {
        var melody = new Option<string>("--melody")
        {
            Description = "A .mid, .midi or .json file whose highest note at each step is the melody",
            Required = true,
        };
        var rests = new Option<string>("--rests")
        {
            Description = "Where the melody rests: free (the model may sound anything below and above) or hold (every voice rests)",
            DefaultValueFactory = _ => "free",
        }.OneOf("free", "hold");
        return ConditionalCommand.Create("harmonize",
            "Harmonize a melody: its highest note at each step is held as the top voice and the model draws the voices beneath",
            melody, [rests], (parse, path, roll) =>
            {
                if (!roll.Notes().Any())
                {
                    throw new DatasetException(path, "holds no note to harmonize");
                }

                return (HeldKeys.TopVoice(roll, holdRests: parse.GetValue(rests) == "hold"),
                    $"{roll.Steps} steps harmonized beneath the melody of {Path.GetFileName(path)}");
            });
    }
}
