namespace RollNet.GpuCheck;

/// <summary>How one test ended.</summary>
internal enum TestOutcome
{
    /// <summary>It ran to the end.</summary>
    Passed,

    /// <summary>It threw: an assertion failed, or the code under test broke.</summary>
    Failed,

    /// <summary>It was skipped, statically or by <c>Skip.If</c> (a device that is absent).</summary>
    Skipped,
}
