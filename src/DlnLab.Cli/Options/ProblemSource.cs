using System.CommandLine;
using DlnLab.Problems;

namespace DlnLab.Cli.Options;

/// <summary>Where a command's problem comes from: generated from <see cref="ProblemOptions"/>, or loaded from --data.</summary>
internal static class ProblemSource
{
    /// <summary>
    /// The problem described by the options, validated. For a generated problem, <paramref name="validateFirst"/>
    /// runs before any data are drawn, so that every input error surfaces before any work is done.
    /// </summary>
    public static (RegressionProblem Problem, ProblemDescription Description) Build(
        ProblemOptions options, ParseResult parsed, Action<int, int>? validateFirst = null)
    {
        if (options.DataPath(parsed) is string path)
        {
            // A loaded problem has its own shape and data: a generator option beside --data is a mistake to report.
            if (options.Generator.FirstOrDefault(o => parsed.GetResult(o) is { Implicit: false }) is { } given)
                throw new InvalidInputException(given.Name, "cannot be combined with --data; the problem comes from the files");
            var loaded = ProblemLoader.FromDataArgument(path).Validated();
            validateFirst?.Invoke(loaded.N, loaded.D);
            return (loaded, new ProblemDescription(null, path, loaded.N, loaded.D));
        }
        var spec = options.ReadSpec(parsed);
        validateFirst?.Invoke(spec.N, spec.D);
        return (SparseRegression.Generate(spec), new ProblemDescription(spec, null, spec.N, spec.D));
    }
}
