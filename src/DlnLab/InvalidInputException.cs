namespace DlnLab;

/// <summary>
/// Bad user input, caught at the edge: names the field, the value given and what is allowed. The CLI prints its
/// message and exits with code 2; nothing has been computed or written when it is thrown.
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>The field the value was given for (a flag, a TOML key, an argument name).</summary>
    public string Field { get; }

    /// <summary>The value as given, formatted for the message.</summary>
    public string Value { get; }

    /// <summary>What is allowed, in words.</summary>
    public string Allowed { get; }

    // Whether the message names a value ("field: got VALUE; allowed") or is a message alone ("field: message").
    private readonly bool _aboutValue;

    /// <summary>The message "FIELD: got VALUE; ALLOWED".</summary>
    public InvalidInputException(string field, object? value, string allowed)
        : base($"{field}: got {Format(value)}; {allowed}")
    {
        Field = field;
        Value = Format(value);
        Allowed = allowed;
        _aboutValue = true;
    }

    /// <summary>For errors that are not about a single value (an unreadable file, a ragged row).</summary>
    public InvalidInputException(string field, string message) : base($"{field}: {message}")
    {
        Field = field;
        Value = "";
        Allowed = message;
    }

    /// <summary>The same error under another field name (where the field came from: a list item, a spec key).</summary>
    public InvalidInputException WithField(string field) =>
        _aboutValue ? new InvalidInputException(field, Value, Allowed) : new InvalidInputException(field, Allowed);

    private static string Format(object? value) => value switch
    {
        null => "nothing",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
