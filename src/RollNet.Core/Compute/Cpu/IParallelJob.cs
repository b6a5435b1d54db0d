namespace RollNet.Compute.Cpu;

/// <summary>A unit of work that <see cref="WorkerPool"/> runs once on every worker.</summary>
internal interface IParallelJob
{
    /// <summary>Runs this worker's share of the job.</summary>
    /// <param name="worker">Index of the running worker, 0 is the calling thread.</param>
    /// <param name="workers">Number of workers taking part in this run.</param>
    void Execute(int worker, int workers);
}
