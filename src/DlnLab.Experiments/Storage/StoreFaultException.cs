namespace DlnLab.Experiments.Storage;

/// <summary>
/// A store that cannot be used for a reason outside the user's input (an I/O error, a lock held by another program,
/// a store deleted while a sweep wrote to it): one line naming the file and the reason. The CLI exits with code 1.
/// </summary>
public sealed class StoreFaultException : IOException
{
    /// <summary>A fault of the store at <paramref name="path"/>, with the <paramref name="reason"/> it cannot be used and the error behind it.</summary>
    public StoreFaultException(string path, string reason, Exception? inner = null) : base($"{path}: {reason}", inner) => StorePath = path;

    /// <summary>The store's file.</summary>
    public string StorePath { get; }
}
