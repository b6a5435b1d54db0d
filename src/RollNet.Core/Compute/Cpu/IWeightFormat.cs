using System.Runtime.Intrinsics;

namespace RollNet.Compute.Cpu;

/// <summary>How a row kernel reads stored weights as float32; implemented by structs so each use is specialised.</summary>
internal unsafe interface IWeightFormat<TElement> where TElement : unmanaged
{
    /// <summary>Eight consecutive weights, widened to float32.</summary>
    static abstract Vector256<float> Load8(TElement* p);

    static abstract float Load1(TElement* p);
}
