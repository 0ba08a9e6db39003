namespace DlnLab.Theory;

/// <summary>A theory solver did not reach its tolerance; the message says which, how far it got and why.</summary>
public sealed class SolverException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public SolverException(string message) : base(message) { }
}
