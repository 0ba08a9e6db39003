using System.Globalization;
using DlnLab.Experiments.Figures;
using Microsoft.Playwright;

namespace DlnLab.Browser.Tests;

/// <summary>report.html in a real browser: it loads offline with no console error and draws every figure's chart, a
/// hover shows a plotted number from the figure's CSV, and a legend click hides a series and a second click shows it.</summary>
public sealed class InteractiveReportTests(SmallReport report) : IClassFixture<SmallReport>
{
    // fig1's only panel: GD and SGD with bands, the gradient-flow line and the largest convergent stepsizes.
    private const string Figure = "fig1";
    private const int Panel = 0;

    [SkippableFact]
    public async Task ThePageLoadsOfflineWithNoConsoleErrorAndDrawsEveryChart()
    {
        ChromiumBrowser.RequireOrSkip();
        await using var session = await PageSession.OpenAsync(report.HtmlPath);

        Assert.Empty(session.Errors);
        Assert.Empty(session.NetworkRequests);
        string[] drawn = await session.Page.EvaluateAsync<string[]>("() => Object.keys(window.dlnCharts).sort()");
        Assert.Equal(SmallReport.Figures, drawn);
        foreach (string figure in SmallReport.Figures)
            Assert.True(await session.Page.Locator($"#chart-{figure} svg").CountAsync() > 0, $"{figure}: no chart drawn");
        // Every point of the CSV has its hoverable mark, in every panel.
        foreach (string figure in SmallReport.Figures)
            foreach (var panel in report.Csv(figure).Where(r => r.Kind == "point").GroupBy(r => r.Panel))
                Assert.Equal(panel.Count(), await HoverMarks(session.Page, figure, panel.Key).CountAsync());
    }

    [SkippableFact]
    public async Task HoveringAPointShowsItsSeriesAndItsValuesFromTheCsv()
    {
        ChromiumBrowser.RequireOrSkip();
        await using var session = await PageSession.OpenAsync(report.HtmlPath);
        var points = report.Csv(Figure).Where(r => r.Panel == Panel && r.Kind == "point").ToList();

        ILocator marks = HoverMarks(session.Page, Figure, Panel);
        int count = await marks.CountAsync();
        Assert.Equal(points.Count, count);
        foreach (int k in new[] { 0, count / 2, count - 1 })
        {
            await marks.Nth(k).HoverAsync();
            ILocator tooltip = session.Page.Locator("#vg-tooltip-element");
            await tooltip.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 5000 });
            var shown = await Tooltip(session.Page);
            string series = shown["series"];
            double x = Parse(shown["stepsize γ"]), y = Parse(shown["test loss"]);
            Assert.Contains(points, p => FigureText.Display(p.Series) == series && Close(p.X, x) && Close(p.Y, y));
            await session.Page.Mouse.MoveAsync(1, 1);
        }
        Assert.Empty(session.Errors);
    }

    [SkippableFact]
    public async Task ClickingALegendEntryHidesItsSeriesAndClickingAgainShowsIt()
    {
        ChromiumBrowser.RequireOrSkip();
        await using var session = await PageSession.OpenAsync(report.HtmlPath);
        var points = report.Csv(Figure).Where(r => r.Panel == Panel && r.Kind == "point").ToList();
        string series = points[0].Series;
        int ofSeries = points.Count(p => p.Series == series);
        Assert.True(ofSeries > 0 && ofSeries < points.Count, "the panel needs at least two series");

        ILocator marks = HoverMarks(session.Page, Figure, Panel);
        ILocator entry = session.Page.Locator($"#chart-{Figure} .role-legend-label text").GetByText(series, new() { Exact = true });
        Assert.Equal(points.Count, await marks.CountAsync());
        await entry.ClickAsync();
        await Expect(() => marks.CountAsync(), points.Count - ofSeries, $"after hiding '{series}'");
        await entry.ClickAsync();
        await Expect(() => marks.CountAsync(), points.Count, $"after showing '{series}' again");
        Assert.Empty(session.Errors);
    }

    /// <summary>The invisible marks on top of a panel that carry its tooltips, one per plotted point.</summary>
    private static ILocator HoverMarks(IPage page, string figure, int panel) =>
        page.Locator($"#chart-{figure} g.panel{panel}_hover_marks path, #chart-{figure} g.panel{panel}_hover_banded_marks path");

    /// <summary>The tooltip's rows, key to value.</summary>
    private static async Task<Dictionary<string, string>> Tooltip(IPage page)
    {
        string[][] rows = await page.EvaluateAsync<string[][]>(
            "() => Array.from(document.querySelectorAll('#vg-tooltip-element tr')).map(r => Array.from(r.children).map(c => c.textContent))");
        return rows.Where(r => r.Length == 2).ToDictionary(r => r[0], r => r[1]);
    }

    /// <summary>A number as the tooltip shows it (d3's format: six significant digits, U+2212 for minus).</summary>
    private static double Parse(string shown) => double.Parse(shown.Replace('\u2212', '-'), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool Close(double csv, double shown) => Math.Abs(csv - shown) <= 5e-6 * Math.Abs(csv);

    private static async Task Expect(Func<Task<int>> actual, int expected, string when)
    {
        int last = -1;
        for (int attempt = 0; attempt < 50; attempt++)
        {
            last = await actual();
            if (last == expected) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{when}: {last} marks, expected {expected}");
    }
}
