using DlnLab.Experiments.Presets;

namespace DlnLab.Experiments.Tests.Presets;

/// <summary>The smallest-against-largest comparison behind the presets' findings.</summary>
public sealed class EndPairsTests
{
    [Fact]
    public void Each_group_gives_its_values_at_the_grid_s_two_ends_and_a_group_missing_one_gives_none()
    {
        var points = new (string Group, double X, double Value)[]
        {
            ("a", 0.5, 3), ("a", 0.1, 1), ("a", 1.0, 2),
            ("b", 1.0, 5), ("b", 0.1, double.NaN),
            ("c", 0.1, 7),
            ("d", 1.0, 4), ("d", 0.1, 6),
        };
        Assert.Equal([(1.0, 2.0), (6.0, 4.0)], EndPairs.Of(points, p => p.Group, p => p.X, p => p.Value));
        // A grid of one x compares nothing.
        Assert.Empty(EndPairs.Of(points.Where(p => p.X == 0.1), p => p.Group, p => p.X, p => p.Value));
        Assert.Empty(EndPairs.Of(Array.Empty<(string, double, double)>(), p => p.Item1, p => p.Item2, p => p.Item3));
    }
}
