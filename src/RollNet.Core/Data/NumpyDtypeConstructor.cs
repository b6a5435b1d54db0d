using Razorvine.Pickle;

namespace RollNet.Data;

/// <summary>Builds <see cref="NumpyDtype"/> for the pickle global <c>numpy.dtype</c>, called as <c>dtype(code, align, copy)</c>.</summary>
internal sealed class NumpyDtypeConstructor : IObjectConstructor
{
    public object construct(object[] args) =>
        args is [string code, ..]
            ? new NumpyDtype(code)
            : throw new InvalidDataException($"numpy dtype: expected a type code but found ({string.Join(", ", args.Select(PythonNames.TypeOf))})");
}
