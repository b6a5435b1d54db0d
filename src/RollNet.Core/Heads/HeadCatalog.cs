namespace RollNet.Heads;

/// <summary>
/// Every kind of output head RollNet has, each by its default options: the one place a new kind is registered.
/// </summary>
internal static class HeadCatalog
{
    /// <summary>The kinds, the default (the paper's sigmoid head) first.</summary>
    public static IReadOnlyList<HeadOptions> All { get; } = [HeadOptions.Sigmoid, new NadeHeadOptions(), HeadOptions.Categorical];

    /// <summary>The head a model has unless told otherwise: the paper's.</summary>
    public static HeadOptions Default => All[0];

    /// <summary>The kind called <paramref name="name"/> (its default options), or null when there is none.</summary>
    public static HeadOptions? Find(string name) => All.FirstOrDefault(kind => kind.Name == name);

    /// <summary>Every kind's checkpoint fields, so that a header can refuse those of another kind than its own.</summary>
    public static IEnumerable<(HeadOptions Kind, string Field)> Fields =>
        All.SelectMany(kind => kind.Settings.Select(setting => (kind, setting.Field(kind.Name))));
}
