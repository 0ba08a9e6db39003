namespace DlnLab.Tests.Theory.DependencyFixture;

/// <summary>References to Training and Models that appear only inside method bodies, for the dependency scan's own test.</summary>
internal static class BodyOnly
{
    public static string Name() => typeof(DlnLab.Training.RunStatus).Name;

    public static Func<double> Initial() => () => DlnLab.Training.StepsizeSchedule.Constant(1).Initial;

    public static int Depth() => DlnLab.Models.ModelSpec.Uv.Depth;
}
