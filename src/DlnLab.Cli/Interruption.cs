using System.Runtime.InteropServices;

namespace DlnLab.Cli;

/// <summary>
/// What SIGINT (Ctrl-C) and SIGTERM do while a command runs. A command that can stop cleanly (sweep, reproduce) takes
/// the first signal as a request: its <see cref="Token"/> is cancelled, it stops starting work, keeps what is finished,
/// says how to resume and exits with <see cref="ExitCode"/>. A second signal, or the first one for a command that
/// cannot stop part way (train, solve, export), removes the temporary files of writes under way and exits at once.
/// Exit codes follow the shells: 130 after SIGINT, 143 after SIGTERM.
/// </summary>
internal sealed class Interruption : IDisposable
{
    public const int AfterSigint = 130;
    public const int AfterSigterm = 143;

    private readonly CancellationTokenSource _source = new();
    private readonly List<IDisposable> _registrations = [];
    private readonly TextWriter _error;
    private readonly bool _cooperative;
    private readonly string _whatIsKept;
    private int _signals;

    private Interruption(TextWriter error, bool cooperative, string whatIsKept, CancellationToken? external)
    {
        _error = error;
        _cooperative = cooperative;
        _whatIsKept = whatIsKept;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try { _registrations.Add(PosixSignalRegistration.Create(signal, Handle)); }
            catch (PlatformNotSupportedException) { }
        }
        if (external is CancellationToken token) _registrations.Add(token.Register(_source.Cancel));
    }

    /// <summary>The first signal cancels <see cref="Token"/>; a second exits at once, saying <paramref name="whatIsKept"/>.</summary>
    public static Interruption Cooperative(TextWriter error, string whatIsKept, CancellationToken? external = null) =>
        new(error, cooperative: true, whatIsKept, external);

    /// <summary>The first signal exits at once, saying <paramref name="whatIsKept"/>.</summary>
    public static Interruption Immediate(TextWriter error, string whatIsKept) => new(error, cooperative: false, whatIsKept, null);

    /// <summary>Cancelled by the first signal (or by the external token of a test).</summary>
    public CancellationToken Token => _source.Token;

    public bool Requested => _source.IsCancellationRequested;

    /// <summary>The exit code for the signal received (130 when the external token cancelled).</summary>
    public int ExitCode { get; private set; } = AfterSigint;

    /// <summary>The signal's name, for the message ("SIGINT").</summary>
    public string SignalName => ExitCode == AfterSigterm ? "SIGTERM" : "SIGINT";

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // the process exits when the command has stopped, not now
        int code = context.Signal == PosixSignal.SIGTERM ? AfterSigterm : AfterSigint;
        if (!_cooperative || Interlocked.Increment(ref _signals) > 1)
        {
            AtomicFile.DeleteTemporaryFiles();
            string again = _cooperative ? " again" : "";
            _error.WriteLine($"dln: interrupted{again} by {(code == AfterSigterm ? "SIGTERM" : "SIGINT")}; stopped at once, temporary files removed; {_whatIsKept}");
            _error.Flush();
            Environment.Exit(code);
        }
        ExitCode = code;
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _source.Dispose();
    }
}
