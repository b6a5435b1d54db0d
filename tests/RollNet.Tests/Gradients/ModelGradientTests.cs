using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Gradients;

public sealed class ModelGradientTests
{
    [Theory]
    [InlineData("sigmoid", false, false)]
    [InlineData("nade", false, false)]
    [InlineData("nade", true, false)]
    [InlineData("nade", false, true)]
    [InlineData("categorical", false, false)]
    public void TwoLayerModelWithDropoutHeldFixed(string head, bool inputBias, bool parallelBias)
    {
        // Dropout masks are a pure function of (seed, stream), so running forward with the same seed and stream
        // holds them fixed while the finite differences perturb one parameter at a time.
        using var backend = new CpuBackend(1);
        ModelConfig config = Small(head, inputBias, parallelBias);
        using var model = new RollModel(backend, config, seed: 7);
        RandomiseParallelWeights(model);
        float[] mask = [1, 1, 1, 1, 1, 1, 1, 0, 1, 0]; // the second sequence is three steps shorter
        using var pass = new ModelPass(model, RandomBatch(config, steps: 5, batch: 2, mask, stream: 3));
        using DeviceBuffer dx = backend.Allocate(pass.Input.Length);
        const float scale = 1f / 8;
        double Loss() => pass.Loss(scale);

        Loss();
        pass.Backward(dx.All);
        float[] gradients = GradientCheck.Download(backend, pass.Gradients.All);
        foreach (ParameterTensor tensor in model.Parameters.Layout.Tensors)
        {
            GradientCheck.Check(tensor.Name, backend, model.Parameters.Value(tensor.Name),
                gradients.AsSpan(tensor.Offset, tensor.Length).ToArray(), Loss);
        }

        GradientCheck.Check("input", backend, pass.Input, GradientCheck.Download(backend, dx.All), Loss);
    }

    [Theory]
    [InlineData("sigmoid", false, false)]
    [InlineData("nade", false, false)]
    [InlineData("nade", true, false)]
    [InlineData("nade", false, true)]
    [InlineData("categorical", false, false)]
    public void ASecondBpttChunkIsExactGivenTheStateCarriedIntoIt(string head, bool inputBias, bool parallelBias)
    {
        // Truncated BPTT: the second chunk starts from the first one's final state and its gradient stops there. With
        // that state held fixed, its backward pass must be the exact gradient of its loss.
        using var backend = new CpuBackend(1);
        ModelConfig config = Small(head, inputBias, parallelBias);
        using var model = new RollModel(backend, config, seed: 8);
        RandomiseParallelWeights(model);
        const int batch = 2, chunk = 3;
        float[] mask = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0];
        using var pass = new ModelPass(model, RandomBatch(config, steps: 6, batch, mask, stream: 4));
        pass.Loss(1f, 0, chunk);
        var carried = new DeviceBuffer[2 * config.Layers];
        for (int l = 0; l < config.Layers; l++)
        {
            carried[2 * l] = GradientCheck.Buffer(backend, GradientCheck.Download(backend, pass.State.Hidden(l)));
            carried[(2 * l) + 1] = GradientCheck.Buffer(backend, GradientCheck.Download(backend, pass.State.Cell(l)));
        }

        double Loss()
        {
            for (int l = 0; l < config.Layers; l++)
            {
                backend.Copy(carried[2 * l].All, pass.State.Hidden(l));
                backend.Copy(carried[(2 * l) + 1].All, pass.State.Cell(l));
            }

            return pass.Loss(1f / 4, chunk, chunk, carryState: true);
        }

        Loss();
        using DeviceBuffer dx = backend.Allocate(chunk * batch * config.InputSize);
        pass.Backward(dx.All);
        float[] gradients = GradientCheck.Download(backend, pass.Gradients.All);
        foreach (ParameterTensor tensor in model.Parameters.Layout.Tensors)
        {
            GradientCheck.Check(tensor.Name, backend, model.Parameters.Value(tensor.Name),
                gradients.AsSpan(tensor.Offset, tensor.Length).ToArray(), Loss);
        }

        GradientCheck.Check("input of the second chunk", backend, pass.ChunkInput, GradientCheck.Download(backend, dx.All), Loss);
        foreach (DeviceBuffer buffer in carried)
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// Two layers of 4 units on 6 keys, dropout 0.3, the head named (sigmoid, nade or categorical): the NADE with 3 hidden
    /// units, its biases also
    /// depending on the input frame when <paramref name="inputBias"/> is set (the input is then checked through both
    /// paths, the LSTM and the head), and deciding the keys outside-in and learning from the outer voices' motion when
    /// <paramref name="parallelBias"/> is set.
    /// </summary>
    private static ModelConfig Small(string head, bool inputBias, bool parallelBias) =>
        new(Layers: 2, HiddenSize: 4, Dropout: 0.3f, InputSize: 6, OutputSize: 6, head == "nade"
            ? new NadeHeadOptions(3, parallelBias ? KeyOrder.OutsideIn : KeyOrder.Ascending, inputBias, parallelBias)
            : TestHeads.Small(head, 3));

    // The weights of parallel motion start at 0; away from it, they also shape the other tensors' gradients.
    private static void RandomiseParallelWeights(RollModel model)
    {
        if (model.Config.Head is NadeHeadOptions { ParallelBias: true })
        {
            BufferSlice weights = model.Parameters.Value(Heads.NadeHead.ParallelWeightName);
            model.Backend.Upload(GradientCheck.Random(weights.Length, 99), weights);
        }
    }

    /// <summary>
    /// Random inputs and targets with about three keys in ten on, and the given frame mask; with the outer voices'
    /// motion, inputs silent in about half their keys, so that the outer voices of the frames before vary (central
    /// differences at a silent key sound it on both sides, and see only the smooth part of the loss).
    /// </summary>
    private static SequenceBatch RandomBatch(ModelConfig config, int steps, int batch, float[] mask, ulong stream)
    {
        float[] inputs = GradientCheck.Random(steps * batch * config.InputSize, 50 + stream);
        for (int j = 0; config.Head is NadeHeadOptions { ParallelBias: true } && j < inputs.Length; j++)
        {
            inputs[j] = CounterRandom.Uniform(stream, stream + 1, (ulong)j) < 0.5f ? inputs[j] : 0;
        }

        var targets = new float[steps * batch * config.OutputSize];
        for (int j = 0; j < targets.Length; j++)
        {
            targets[j] = CounterRandom.Uniform(stream, stream, (ulong)j) < 0.3f ? 1 : 0;
        }

        return new SequenceBatch(steps, batch, config.InputSize, inputs, targets, mask);
    }
}
