using System.Reflection;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// Every method marked <see cref="KernelAttribute"/>, by name (<c>Type.Method</c>), with how it is launched: implicitly
/// grouped (ILGPU picks the groups) or explicitly grouped (the kernel uses shared memory and barriers of its own groups).
/// In a fixed order: by class name, then in the order the class declares them.
/// </summary>
internal static class KernelCatalog
{
    public static IReadOnlyList<(string Name, MethodInfo Method, bool ExplicitlyGrouped)> All { get; } =
    [
        .. typeof(KernelCatalog).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(KernelCatalog).Namespace)
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(method => method.IsDefined(typeof(KernelAttribute)))
                .OrderBy(method => method.MetadataToken))
            .Select(method => ($"{method.DeclaringType!.Name}.{method.Name}", method,
                method.GetCustomAttribute<KernelAttribute>()!.ExplicitlyGrouped)),
    ];
}
