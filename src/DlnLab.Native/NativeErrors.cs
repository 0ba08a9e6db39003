using System.Runtime.InteropServices;
using System.Text;
using DlnLab.Theory;

namespace DlnLab.Native;

/// <summary>
/// Every export returns one of these codes; on a code other than <see cref="Ok"/> the calling thread's last error
/// (read with <c>dln_last_error</c>) holds one line. For <see cref="InvalidInput"/> it is the line <c>dln train</c>
/// prints after "dln: error: " (<see cref="SpecText.Message"/>), and it is 2 as the CLI's exit code is.
/// </summary>
internal static class NativeErrors
{
    public const int Ok = 0;
    /// <summary>Anything unexpected (a bug): the message names the exception.</summary>
    public const int Internal = 1;
    /// <summary>Bad input (a value out of range, a bad handle or a null array): nothing was computed.</summary>
    public const int InvalidInput = 2;
    /// <summary>A solver did not reach its tolerance (<see cref="SolverException"/>).</summary>
    public const int SolverFailed = 3;
    /// <summary>A caller's buffer is too small; nothing was written to it.</summary>
    public const int BufferTooSmall = 4;

    [ThreadStatic] private static string? last;

    /// <summary>Runs <paramref name="body"/>, turning every exception into a code and the thread's last error; nothing escapes to the caller.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            last = null;
            return body();
        }
        catch (InvalidInputException e) { return Fail(InvalidInput, SpecText.Message(e)); }
        catch (SolverException e) { return Fail(SolverFailed, e.Message); }
        catch (Exception e) { return Fail(Internal, $"internal error: {e.GetType().Name}: {e.Message}"); }
    }

    public static int Fail(int code, string message)
    {
        last = message;
        return code;
    }

    /// <summary>
    /// dln_last_error(buffer, capacity): copies the calling thread's last error (UTF-8, NUL-terminated, cut to fit) into
    /// the caller's buffer and returns its length in bytes without the NUL (0: no error).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_last_error")]
    public static unsafe int LastError(byte* buffer, int capacity)
    {
        string message = last ?? "";
        return NativeText.Copy(message, buffer, capacity);
    }
}
