using System.Text;
using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments;

/// <summary>
/// The one vocabulary of every output (text, JSON, CSV, npz): the command line's lower-case words, with an underscore
/// where an enum name joins words (BudgetExhausted is budget_exhausted, NoConvergentStepsize no_convergent_stepsize;
/// Gaussian is gaussian, as --nonzeros takes it). The store keeps the enum names it always kept (old stores open as
/// they are); they become words here, on the way out.
/// </summary>
public static class Words
{
    /// <summary>The word of a stored enum name (or of any name in PascalCase): lower case, words joined by '_'.</summary>
    public static string Of(string name)
    {
        var word = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1])) word.Append('_');
            word.Append(char.ToLowerInvariant(c));
        }
        return word.ToString();
    }

    /// <summary>The word of an enum value.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Of(value.ToString());

    /// <summary>The columns whose stored text is an enum name, written as its word everywhere.</summary>
    public static bool IsEnumColumn(RunColumn column) =>
        column == RunColumns.Status || column == RunColumns.Nonzeros || column == RunColumns.Support || column == RunColumns.BatchMode;

    /// <summary>A run column's value as every output writes it: enum names as their words, anything else unchanged.</summary>
    public static object? Exported(RunColumn column, object? value) =>
        value is string text && IsEnumColumn(column) ? Of(text) : value;

    /// <summary>The status words in the order outputs list them, with the stored name each stands for.</summary>
    public static IReadOnlyList<(string Stored, string Word)> Statuses { get; } =
        [.. Enum.GetNames<Training.RunStatus>().Append(ResultStore.NoConvergentStepsize).Select(n => (n, Of(n)))];
}
