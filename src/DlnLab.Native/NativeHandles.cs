using System.Runtime.InteropServices;

namespace DlnLab.Native;

/// <summary>
/// Managed objects handed to the caller as opaque pointers (a GC handle each). The caller owns every handle it is
/// given and frees it with the export named for its kind (<c>dln_problem_free</c>, <c>dln_run_free</c>); nothing else
/// is allocated for the caller.
/// </summary>
internal static class NativeHandles
{
    public static nint Create(object value) => GCHandle.ToIntPtr(GCHandle.Alloc(value));

    /// <summary>The object behind <paramref name="handle"/>, or bad input naming <paramref name="field"/> for a null or foreign handle.</summary>
    public static T Get<T>(nint handle, string field) where T : class
    {
        if (handle == 0) throw new InvalidInputException(field, "got a null handle");
        return GCHandle.FromIntPtr(handle).Target as T ?? throw new InvalidInputException(field, $"is not a {typeof(T).Name} handle");
    }

    /// <summary>Frees a handle made by <see cref="Create"/>; a null handle is ignored.</summary>
    public static void Free(nint handle)
    {
        if (handle != 0) GCHandle.FromIntPtr(handle).Free();
    }
}
