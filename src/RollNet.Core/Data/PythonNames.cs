using System.Collections;
using System.Numerics;

namespace RollNet.Data;

/// <summary>Python's names for the types the unpickler produces, so that errors speak the language of the file.</summary>
internal static class PythonNames
{
    public static string TypeOf(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        int or long or BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        object[] => "tuple",
        ArrayList => "list",
        Hashtable => "dict",
        _ => value.GetType().Name,
    };
}
