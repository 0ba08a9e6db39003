using System.Runtime.InteropServices;
using DlnLab.Theory;

namespace DlnLab.LinearProgramming;

/// <summary>The minimum-l1 methods by name (`dln solve --l1-solver`), and the one <c>auto</c> picks for a problem's size.</summary>
public static class L1Solvers
{
    /// <summary>The names --l1-solver takes.</summary>
    public static readonly string[] Names = ["auto", "simplex", "glop"];

    /// <summary>n d above which <c>auto</c> takes GLOP instead of the dense simplex (see docs/PERFORMANCE.md for the timings behind it).</summary>
    public const long GlopAbove = 50_000;

    /// <summary>Whether GLOP's native library is carried for this platform (linux-x64 only: src/DlnLab.Cli keeps no other).</summary>
    public static bool GlopCarried => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    /// <summary>
    /// The method called <paramref name="name"/> (one of <see cref="Names"/>) for an n x d problem; <c>auto</c> takes the
    /// dense simplex wherever GLOP is not carried.
    /// </summary>
    public static IMinimumL1Solver For(string name, int n, int d) => name switch
    {
        "simplex" => DenseSimplexL1Solver.Instance,
        "glop" when GlopCarried => GlopL1Solver.Instance,
        "glop" => throw new InvalidInputException("l1-solver", name, $"needs OR-Tools' native library, carried for linux-x64 only (this is {RuntimeInformation.RuntimeIdentifier}); use simplex"),
        "auto" => (long)n * d > GlopAbove && GlopCarried ? GlopL1Solver.Instance : DenseSimplexL1Solver.Instance,
        _ => throw new InvalidInputException("l1-solver", name, "must be one of " + string.Join(", ", Names)),
    };
}
