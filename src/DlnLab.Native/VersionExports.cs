using System.Runtime.InteropServices;

namespace DlnLab.Native;

/// <summary>The library's version, the same as <c>dln --version</c> names.</summary>
internal static unsafe class VersionExports
{
    /// <summary>dln_version(buffer, capacity): the core's version (e.g. "0.1.0") into the caller's buffer; returns its length.</summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_version")]
    public static int Version(byte* buffer, int capacity) =>
        NativeText.Copy(typeof(Dln).Assembly.GetName().Version?.ToString(3) ?? "", buffer, capacity);
}
