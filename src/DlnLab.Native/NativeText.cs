using System.Runtime.InteropServices;
using System.Text;

namespace DlnLab.Native;

/// <summary>UTF-8 text across the ABI: NUL-terminated strings in, caller-owned buffers out.</summary>
internal static class NativeText
{
    /// <summary>The NUL-terminated UTF-8 string at <paramref name="text"/>; a null pointer reads as empty.</summary>
    public static unsafe string Read(byte* text) => text is null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";

    /// <summary>
    /// Writes <paramref name="text"/> as UTF-8 and a NUL into the caller's buffer, cut to fit (a null buffer or a capacity
    /// of 0 writes nothing); returns the full length in bytes without the NUL, so a caller can size a second call.
    /// </summary>
    public static unsafe int Copy(string text, byte* buffer, int capacity)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (buffer is not null && capacity > 0)
        {
            int n = Math.Min(bytes.Length, capacity - 1);
            bytes.AsSpan(0, n).CopyTo(new Span<byte>(buffer, n));
            buffer[n] = 0;
        }
        return bytes.Length;
    }
}
