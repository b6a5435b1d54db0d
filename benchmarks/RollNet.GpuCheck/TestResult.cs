namespace RollNet.GpuCheck;

/// <summary>How one test ended, with the reason it was skipped or the exception it failed with.</summary>
internal sealed record TestResult(TestOutcome Outcome, string? Message = null);
