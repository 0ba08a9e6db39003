using DlnLab.Theory;

namespace DlnLab.Tests.Theory;

/// <summary>Theory is pure maths on arrays (DESIGN.md): no type in it refers to Training, Models, Backends or Analysis.</summary>
public class TheoryDependencyTests
{
    private static readonly string[] Forbidden = ["DlnLab.Training", "DlnLab.Models", "DlnLab.Backends", "DlnLab.Analysis"];

    internal static bool IsForbidden(Type t) =>
        t.Namespace is { } ns && Forbidden.Any(f => ns == f || ns.StartsWith(f + ".", StringComparison.Ordinal));

    [Fact]
    public void TheoryRefersToNoTrainingModelsBackendsOrAnalysisType()
    {
        var assembly = typeof(DualNewtonSolver).Assembly;
        Assert.Contains(assembly.GetTypes(), t => t.Namespace == "DlnLab.Theory" && t.IsNested); // closures and lambdas are scanned too
        Assert.Empty(TypeReferences.Violations(assembly, "DlnLab.Theory", IsForbidden));
    }

    [Fact]
    public void TheScanFindsReferencesInSignaturesAndInMethodBodies()
    {
        // Analysis compares runs with the theory, so it refers to Training in its signatures.
        var analysis = TypeReferences.Violations(typeof(DualNewtonSolver).Assembly, "DlnLab.Analysis", IsForbidden);
        Assert.Contains(analysis, v => v.Contains("parameter run") && v.Contains("DlnLab.Training.RunResult"));
        // Body-only references: a typeof (ldtoken), a call inside a lambda (a nested closure type), a field read.
        var bodies = TypeReferences.Violations(typeof(TheoryDependencyTests).Assembly, typeof(DependencyFixture.BodyOnly).Namespace!, IsForbidden);
        Assert.Contains(bodies, v => v.Contains("Name body") && v.Contains("DlnLab.Training.RunStatus"));
        Assert.Contains(bodies, v => v.Contains("+<>c") && v.Contains("DlnLab.Training.StepsizeSchedule"));
        Assert.Contains(bodies, v => v.Contains("Depth body") && v.Contains("DlnLab.Models.ModelSpec"));
    }
}
