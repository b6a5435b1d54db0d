using System.CommandLine;
using RollNet.Data;
using RollNet.Heads;

namespace RollNet.Cli.Commands;

/// <summary>
/// The settings of every kind of output head as options of <c>train</c> (<c>--{head}-{setting}</c>, such as
/// <c>--nade-hidden</c>), read into the options of the head the user chose.
/// </summary>
internal sealed class HeadSettingOptions
{
    private readonly List<(HeadOptions Kind, HeadSetting Setting, Option Option)> _options = [.. HeadCatalog.All
        .SelectMany(kind => kind.Settings.Select(setting => (kind, setting, Create(kind, setting))))];

    /// <summary>Every kind's settings, as options.</summary>
    public IEnumerable<Option> All => _options.Select(entry => entry.Option);

    /// <summary>Adds every kind's settings to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach ((_, _, Option option) in _options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options of the head called <paramref name="head"/> with the settings given on the command line.</summary>
    /// <exception cref="ArgumentException">A setting of another head was given, or a value does not suit the head.</exception>
    public HeadOptions Options(ParseResult parse, string head)
    {
        HeadOptions chosen = HeadCatalog.Find(head) ?? throw new ArgumentException($"--head {head} is unknown");
        var given = new Dictionary<string, string>();
        foreach ((HeadOptions kind, HeadSetting setting, Option option) in _options)
        {
            string? value = option switch
            {
                Option<bool> flag => parse.GetValue(flag) ? "true" : null,
                Option<string> text => parse.GetValue(text),
                _ => null,
            };
            if (value is null)
            {
                continue;
            }

            if (kind != chosen)
            {
                throw new ArgumentException($"{option.Name} needs --head {kind.Name}");
            }

            given[setting.Name] = value;
        }

        return chosen.FromSettings(given, PianoRoll.LowestPitch, PianoRoll.Keys);
    }

    private static Option Create(HeadOptions kind, HeadSetting setting) => setting.IsFlag
        ? new Option<bool>(setting.Option(kind.Name)) { Description = setting.Description }
        : new Option<string>(setting.Option(kind.Name)) { Description = setting.Description, HelpName = setting.HelpName };
}
