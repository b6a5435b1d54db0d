using System.Reflection;
using System.Reflection.Emit;

namespace RollNet.Tests.Architecture;

/// <summary>
/// Every type a type names: in its signatures (base, interfaces, fields, properties, method signatures) and in its
/// method bodies (the types, methods and fields the IL refers to), so a call inside a body counts as a use too.
/// </summary>
internal static class TypeUses
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (OpCode)field.GetValue(null)!)
            .ToDictionary(code => code.Value);

    /// <summary>Each use as the member that makes it and the type used; an array's element type stands for the array.</summary>
    public static IEnumerable<(string Member, Type Type)> Of(Type type) =>
        Signature(type).Concat(Bodies(type)).Select(use => (use.Member, Element(use.Type)));

    private static Type Element(Type type) => type.HasElementType ? Element(type.GetElementType()!) : type;

    private static IEnumerable<(string Member, Type Type)> Signature(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return ("base type", baseType);
        }

        foreach (Type implemented in type.GetInterfaces())
        {
            yield return ("interface", implemented);
        }

        foreach (FieldInfo field in type.GetFields(Declared))
        {
            yield return (field.Name, field.FieldType);
        }

        foreach (PropertyInfo property in type.GetProperties(Declared))
        {
            yield return (property.Name, property.PropertyType);
        }

        foreach (MethodBase method in Methods(type))
        {
            if (method is MethodInfo { ReturnType: var returned })
            {
                yield return (method.Name, returned);
            }

            foreach (ParameterInfo parameter in method.GetParameters())
            {
                yield return ($"{method.Name}({parameter.Name})", parameter.ParameterType);
            }
        }
    }

    private static IEnumerable<(string Member, Type Type)> Bodies(Type type) =>
        Methods(type).SelectMany(method => Referenced(method).Select(used => ($"{method.Name} body", used)));

    private static IEnumerable<MethodBase> Methods(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));

    /// <summary>The declaring types of the members, and the types, that the method's IL refers to by token.</summary>
    private static IEnumerable<Type> Referenced(MethodBase method)
    {
        byte[] il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var found = new List<Type>();
        for (int at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            OpCode code = OpCodesByValue[value];
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType
                or OperandType.InlineTok)
            {
                MemberInfo member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                found.Add(member as Type ?? member.DeclaringType!);
            }

            at += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }

        return found;
    }
}
