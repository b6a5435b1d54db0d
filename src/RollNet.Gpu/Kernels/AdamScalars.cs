namespace RollNet.Gpu.Kernels;

/// <summary>The scalars of one Adam update as a kernel takes them: bias corrections already folded in on the host.</summary>
internal readonly record struct AdamScalars(float Beta1, float Beta2, float LearningRate, float Epsilon,
    float GradientScale);
