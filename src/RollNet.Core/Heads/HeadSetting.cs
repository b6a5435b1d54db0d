namespace RollNet.Heads;

/// <summary>
/// A setting of a head kind as the trainer's command line offers it, <c>--{head}-{name}</c> (such as
/// <c>--nade-hidden</c>), and as a checkpoint header holds it, <c>{head}{Name}</c> (such as <c>nadeHidden</c>).
/// </summary>
/// <param name="Name">Lower-case words joined by hyphens, such as <c>input-bias</c>.</param>
/// <param name="Description">What the setting does, for the command's help, with its default.</param>
/// <param name="IsFlag">Whether it is a flag (on when given) rather than an option that takes a value.</param>
/// <param name="HelpName">What its value is called in the help, such as <c>ascending|descending|outsidein</c>.</param>
internal sealed record HeadSetting(string Name, string Description, bool IsFlag = false, string? HelpName = null)
{
    /// <summary>The command-line option of this setting of head kind <paramref name="head"/>, such as <c>--nade-hidden</c>.</summary>
    public string Option(string head) => $"--{head}-{Name}";

    /// <summary>The checkpoint header's field of this setting of head kind <paramref name="head"/>, such as <c>nadeHidden</c>.</summary>
    public string Field(string head) =>
        head + string.Concat(Name.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
}
