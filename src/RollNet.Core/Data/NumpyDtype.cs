namespace RollNet.Data;

/// <summary>
/// What the unpickler makes of a pickled <c>numpy.dtype</c>: just enough to check that a numpy scalar is a
/// little-endian int64.
/// </summary>
internal sealed class NumpyDtype(string code)
{
    /// <summary>The type code the dtype was made from, such as "i8".</summary>
    public string Code { get; } = code;

    /// <summary>'&lt;' little-endian, '&gt;' big-endian, '|' not applicable, or null before the state is set.</summary>
    public string? ByteOrder { get; private set; }

    /// <summary>
    /// Called by the unpickler's BUILD opcode, which looks it up by Python's name, with numpy's state tuple
    /// <c>(version, byte order, subarray, names, fields, element size, alignment, flags)</c>.
    /// </summary>
    public void __setstate__(object[] state)
    {
        ByteOrder = state.Length > 1 ? state[1] as string : null;
    }
}
