using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Presets;
using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Tests.Presets;

/// <summary>The preset framework on a preset defined here: quick overrides, the report page, resuming, refusals.</summary>
public sealed class PresetRunnerTests
{
    private sealed class SmallPreset : IPreset
    {
        public string Name => "small2026";
        public string Paper => "A. Author (2026), A small test paper";
        public string PaperSetting => "n = 20, d = 30, s = 3, two datasets, three stepsizes.";
        public IReadOnlyList<PresetSweep> Sweeps { get; } =
            [new("small2026.toml", ["seeds.datasets=1", "stepsize.values=[0.01, 0.02]"]) { Toml = TestSweeps.Toml }];

        public PresetPage Draw(PresetContext context)
        {
            var runs = context.Runs("small2026.toml");
            var series = RunGroups.AgainstStepsize("GD", 0, runs.Where(r => r.BatchSize == r.N), r => r.TestLoss);
            var figure = FigureSpec.Single(Name + "-fig1", new PanelSpec { Title = "test loss", XLabel = "γ", YLabel = "test loss", Series = [series] });
            double largest = runs.Max(r => r.Stepsize);
            return new PresetPage([new PresetFigure(figure, "Test loss against stepsize.", "A test.", runs)],
                [$"The largest stepsize run was {largest}."]);
        }
    }

    [Fact]
    public void Quick_run_applies_the_quick_overrides_writes_the_page_and_resumes()
    {
        string dir = TestSweeps.TempDir();
        var preset = new SmallPreset();
        var first = PresetRunner.Run(preset, PresetSize.Quick, dir, threads: 2, overrides: []);
        // 1 dataset x 2 batch sizes x 2 stepsizes.
        Assert.Equal(4, first.RunsComputed);
        Assert.Equal(["The largest stepsize run was 0.02."], first.Findings);
        Assert.True(File.Exists(Path.Combine(dir, "small2026-fig1.png")));
        Assert.True(File.Exists(Path.Combine(dir, "small2026-fig1.csv")));
        string report = File.ReadAllText(first.Report.MarkdownPath);
        Assert.Contains("A. Author (2026), A small test paper", report);
        Assert.Contains("seeds.datasets = 1 (--full: 2)", report);
        Assert.Contains("stepsize.values = 0.01,0.02 (--full: 0.01,0.02,0.05)", report);
        Assert.Contains("The largest stepsize run was 0.02.", report);
        // The resolved spec is saved beside the results and reads back as the same sweep.
        var saved = DlnLab.Experiments.Sweeps.SweepSpecToml.Load(Path.Combine(dir, "small2026.toml"));
        Assert.Equal(PresetRunner.Plan(preset, PresetSize.Quick, [])[0].Expand().Select(r => r.Key), saved.Expand().Select(r => r.Key));

        var second = PresetRunner.Run(preset, PresetSize.Quick, dir, threads: 1, overrides: []);
        Assert.Equal(0, second.RunsComputed);
        Assert.Equal(4, second.RunsAlreadyStored);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "small2026-fig1.csv")), File.ReadAllBytes(second.Figures[0].CsvPath));
    }

    [Fact]
    public void Full_size_and_user_overrides_change_the_plan_and_are_reported()
    {
        var preset = new SmallPreset();
        Assert.Equal(12, PresetRunner.Plan(preset, PresetSize.Full, [])[0].Expand().Count);
        Assert.Equal(2, PresetRunner.Plan(preset, PresetSize.Quick, ["training.batch_size=n"])[0].Expand().Count);

        string dir = TestSweeps.TempDir();
        var result = PresetRunner.Run(preset, PresetSize.Quick, dir, threads: 2, overrides: ["training.batch_size=n"]);
        Assert.Equal(2, result.RunsComputed);
        Assert.Contains("training.batch_size=n (given on the command line)", File.ReadAllText(result.Report.MarkdownPath));
    }

    [Fact]
    public void A_wrong_override_is_refused_naming_the_key_before_anything_is_written()
    {
        string dir = Path.Combine(TestSweeps.TempDir(), "out");
        var e = Assert.Throws<InvalidInputException>(() =>
            PresetRunner.Run(new SmallPreset(), PresetSize.Quick, dir, threads: 1, overrides: ["training.alhpa=0.1"]));
        Assert.Contains("training.alhpa", e.Message);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Every_registered_preset_has_its_spec_embedded_and_its_quick_overrides_valid()
    {
        foreach (var preset in DlnLab.Experiments.Presets.Presets.All)
        {
            Assert.Matches("^[a-z]+[0-9]{4}$", preset.Name);
            foreach (var sweep in preset.Sweeps)
            {
                Assert.NotEmpty(PresetSpecs.Text(sweep.SpecFile));
                Assert.NotEmpty(PresetSpecs.Resolve(sweep, PresetSize.Quick, []).Expand());
                Assert.NotEmpty(PresetSpecs.Resolve(sweep, PresetSize.Full, []).Expand());
            }
        }
    }
}
