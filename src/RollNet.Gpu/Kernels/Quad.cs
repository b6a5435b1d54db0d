namespace RollNet.Gpu.Kernels;

/// <summary>
/// Four consecutive floats. Read through a view whose elements are 16-byte aligned, ILGPU's PTX backend turns the
/// load into one vector instruction (<c>ld.v4.f32</c>) instead of four.
/// </summary>
internal struct Quad
{
    public float X, Y, Z, W;

    public Quad(float x, float y, float z, float w) => (X, Y, Z, W) = (x, y, z, w);
}
