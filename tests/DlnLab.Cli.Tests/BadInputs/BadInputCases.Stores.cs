namespace DlnLab.Cli.Tests.BadInputs;

public static partial class BadInputCases
{
    /// <summary>
    /// Foreign, empty, damaged and newer-schema stores given to sweep and export (refused untouched): the cases of
    /// store recognition go here.
    /// </summary>
    private static IEnumerable<BadInputCase> Stores() => [];
}
