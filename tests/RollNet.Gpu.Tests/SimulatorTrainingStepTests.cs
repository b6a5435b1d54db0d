using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>The training-step comparison on ILGPU's CPU accelerator.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorTrainingStepTests(SimulatorFixture device) : TrainingStepTests(device);
