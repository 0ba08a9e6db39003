using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DlnLab.Experiments.Figures;

/// <summary>The interactive version of a figure: a Vega-Lite specification drawn from exactly the rows of the figure's
/// CSV, laid out and styled from its <see cref="FigureSpec"/>.</summary>
/// <remarks>
/// One chart per panel, stacked at full width, with the panel's title, axis labels and log axes. Each chart pans by
/// dragging and zooms with the wheel (double-click resets), shows a point's series and values on hover, and hides or
/// shows a series (or an annotation) when its legend entry is clicked. Bands are drawn as areas, or as error bars for
/// marker and bar series, as in the static figure. Panels with nothing plotted (grid fillers) are left out.
/// </remarks>
public static class InteractiveChart
{
    /// <summary>Width of one panel's plotting area in CSS pixels.</summary>
    public const int Width = 760;

    /// <summary>Height of one panel's plotting area in CSS pixels.</summary>
    public const int Height = 300;

    /// <summary>The Vega-Lite version the specification is written for (the vendored library's major version).</summary>
    public const string Schema = "https://vega.github.io/schema/vega-lite/v6.json";

    private const string NumberFormat = ".6~g";
    private const int LegendEntriesAtRight = 12;

    private static readonly JsonSerializerOptions json = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>The specification as JSON, safe to place inside an HTML script element (the characters &lt;, &gt; and
    /// &amp; are escaped).</summary>
    /// <param name="figure">The figure's layout: titles, axis labels, log axes, series styles and colours.</param>
    /// <param name="plotted">The figure's plotted numbers, the rows of its CSV.</param>
    public static string Spec(FigureSpec figure, IReadOnlyList<PlottedPoint> plotted)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(plotted);
        var datasets = new JsonObject();
        var charts = new JsonArray();
        for (int k = 0; k < figure.Panels.Count; k++)
        {
            var rows = plotted.Where(p => p.Panel == k).ToList();
            if (!rows.Any(p => p.Kind == "point")) continue;
            string data = $"panel{k}";
            datasets[data] = Rows(rows);
            charts.Add(new PanelChart(figure.Panels[k], k, data, rows).Build());
        }
        var spec = new JsonObject
        {
            ["$schema"] = Schema,
            ["datasets"] = datasets,
            ["vconcat"] = charts,
            ["spacing"] = 36,
            // Each panel has its own series, colours and legend.
            ["resolve"] = new JsonObject
            {
                ["scale"] = new JsonObject { ["color"] = "independent" },
                ["legend"] = new JsonObject { ["color"] = "independent" },
            },
            ["config"] = new JsonObject
            {
                ["font"] = FigureFonts.Family + ", Helvetica, Arial, sans-serif",
                ["title"] = new JsonObject { ["fontSize"] = 15, ["fontWeight"] = "normal", ["anchor"] = "start" },
                ["axis"] = new JsonObject { ["labelFontSize"] = 12, ["titleFontSize"] = 13, ["titleFontWeight"] = "normal" },
                ["legend"] = new JsonObject { ["labelFontSize"] = 12, ["labelLimit"] = 360, ["symbolOpacity"] = 1, ["symbolStrokeWidth"] = 2 },
            },
        };
        return spec.ToJsonString(json);
    }

    /// <summary>The panel's CSV rows as data values: i (row order, which draws lines in the series' order), series,
    /// kind, x, y, lower, upper, each number as written to the CSV (shortest round trip) and left out where empty.</summary>
    private static JsonArray Rows(IReadOnlyList<PlottedPoint> rows)
    {
        var values = new JsonArray();
        for (int i = 0; i < rows.Count; i++)
        {
            PlottedPoint p = rows[i];
            var row = new JsonObject { ["i"] = i, ["series"] = p.Series, ["kind"] = p.Kind };
            Number(row, "x", p.X);
            Number(row, "y", p.Y);
            Number(row, "lower", p.Lower);
            Number(row, "upper", p.Upper);
            values.Add(row);
        }
        return values;
    }

    private static void Number(JsonObject row, string key, double? value)
    {
        if (value is double v && double.IsFinite(v)) row[key] = v;
    }

    /// <summary>Builds the layers of one panel's chart.</summary>
    private sealed class PanelChart(PanelSpec panel, int index, string data, IReadOnlyList<PlottedPoint> rows)
    {
        private readonly string hidden = $"hidden{index}";
        private readonly List<string> domain = [];
        private readonly List<string> range = [];

        public JsonObject Build()
        {
            var styles = new Dictionary<string, SeriesStyle>();
            for (int i = 0; i < panel.Series.Count; i++)
            {
                SeriesSpec series = panel.Series[i];
                if (!rows.Any(p => p.Kind == "point" && p.Series == series.Name)) continue;
                styles.TryAdd(series.Name, series.Style);
                Entry(series.Name, FigurePalette.HexAt(series.PaletteIndex ?? i));
            }
            foreach (ReferenceLine line in panel.ReferenceLines) Entry(line.Label, Annotation(line.PaletteIndex));
            foreach (VerticalMarker marker in panel.VerticalMarkers) Entry(marker.Label, Annotation(marker.PaletteIndex));
            foreach (PlottedPoint range in rows.Where(p => p.Kind == "xrange" && p.Series.Length > 0)) Entry(range.Series, FigurePalette.ShadeHex);

            string[] Named(params SeriesStyle[] kinds) => [.. styles.Where(s => kinds.Contains(s.Value)).Select(s => s.Key)];
            var layers = new JsonArray { LegendAndZoom() };
            if (rows.Any(p => p.Kind == "xrange"))
                layers.Add(Layer(new JsonObject { ["type"] = "rect", ["opacity"] = FigurePalette.ShadeAlpha },
                    Kind("xrange"), Channels(("x", X("lower")), ("x2", Field("upper")))));
            if (panel.CategoricalX) AddCategorical(layers, Named);
            else
            {
                Add(layers, Named(SeriesStyle.LineMarkers, SeriesStyle.Line, SeriesStyle.Steps), names =>
                    Layer(new JsonObject { ["type"] = "area", ["opacity"] = SeriesDrawing.BandAlpha },
                        Points(names, banded: true), Channels(("x", X("x")), ("y", Y("lower")), ("y2", Field("upper")))));
                Add(layers, Named(SeriesStyle.Markers, SeriesStyle.Bars), names =>
                    Layer(new JsonObject { ["type"] = "rule", ["strokeWidth"] = 1.5 },
                        Points(names, banded: true), Channels(("x", X("x")), ("y", Y("lower")), ("y2", Field("upper")))));
                Add(layers, Named(SeriesStyle.Bars), names =>
                    Layer(new JsonObject { ["type"] = "bar", ["opacity"] = 0.85 }, Points(names, banded: null), Channels(("x", X("x")), ("y", Y("y")))));
                Add(layers, Named(SeriesStyle.LineMarkers, SeriesStyle.Line), names =>
                    Layer(new JsonObject { ["type"] = "line", ["strokeWidth"] = 2 }, Points(names, banded: null),
                        Channels(("x", X("x")), ("y", Y("y")), ("order", Order()))));
                Add(layers, Named(SeriesStyle.Steps), names =>
                    Layer(new JsonObject { ["type"] = "line", ["strokeWidth"] = 2, ["interpolate"] = "step-after" }, Points(names, banded: null),
                        Channels(("x", X("x")), ("y", Y("y")), ("order", Order()))));
                Add(layers, Named(SeriesStyle.LineMarkers, SeriesStyle.Markers), names =>
                    Layer(new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 45, ["opacity"] = 1 },
                        Points(names, banded: null), Channels(("x", X("x")), ("y", Y("y")))));
            }
            if (rows.Any(p => p.Kind == "hline"))
                layers.Add(Layer(new JsonObject { ["type"] = "rule", ["strokeDash"] = new JsonArray(6, 4), ["strokeWidth"] = 1.6 },
                    Kind("hline"), Channels(("y", Y("y")), ("tooltip", Tooltip(("series", "", null), ("y", panel.YLabel, NumberFormat))))));
            if (rows.Any(p => p.Kind == "vline"))
                layers.Add(Layer(new JsonObject { ["type"] = "rule", ["strokeDash"] = new JsonArray(2, 3), ["strokeWidth"] = 1.6 },
                    Kind("vline"), Channels(("x", X("x")), ("tooltip", Tooltip(("series", "", null), ("x", panel.XLabel, NumberFormat))))));
            // On top, invisible but hoverable: one mark per plotted point, whatever its style, carrying the tooltip.
            layers.Add(Hover(banded: false));
            if (rows.Any(p => p.Kind == "point" && p.Lower.HasValue)) layers.Add(Hover(banded: true));

            var chart = new JsonObject
            {
                ["name"] = $"panel{index}",
                ["width"] = Width,
                ["height"] = Height,
                ["data"] = new JsonObject { ["name"] = data },
                ["layer"] = layers,
            };
            if (panel.Title.Length > 0) chart["title"] = FigureText.Display(panel.Title);
            return chart;
        }

        /// <summary>The series layers of a categorical panel: nothing joined across categories; marker series side by
        /// side (CategorySlots), line series as one bar per category, bands as error bars.</summary>
        private void AddCategorical(JsonArray layers, Func<SeriesStyle[], string[]> named)
        {
            string[] markers = named([SeriesStyle.LineMarkers, SeriesStyle.Markers]), bars = named([SeriesStyle.Line, SeriesStyle.Steps]);
            Add(layers, [.. markers, .. bars], names =>
                Layer(new JsonObject { ["type"] = "rule", ["strokeWidth"] = 1.5 },
                    Points(names, banded: true), Channels(("x", X(Slotted)), ("y", Y("lower")), ("y2", Field("upper")))));
            Add(layers, named([SeriesStyle.Bars]), names =>
                Layer(new JsonObject { ["type"] = "bar", ["opacity"] = 0.85 }, Points(names, banded: null), Channels(("x", X("x")), ("y", Y("y")))));
            Add(layers, bars, names =>
                Layer(new JsonObject { ["type"] = "rule", ["strokeWidth"] = 2.5 }, Points(names, banded: null),
                    Channels(("x", X(BarLeft)), ("x2", Field(BarRight)), ("y", Y("y")))));
            Add(layers, markers, names =>
                Layer(new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 45, ["opacity"] = 1 },
                    Points(names, banded: null), Channels(("x", X(Slotted)), ("y", Y("y")))));
        }

        private const string Slotted = "slot_x", BarLeft = "bar_left", BarRight = "bar_right";

        /// <summary>On a categorical panel, the calculated positions: each point at its series' slot, and each bar's ends.</summary>
        private IEnumerable<JsonObject> Positions()
        {
            if (!panel.CategoricalX) yield break;
            var slots = new CategorySlots(panel);
            var offsets = panel.Series.Select((s, i) => (s.Name, Offset: slots.Offset(i))).DistinctBy(s => s.Name).Where(s => s.Offset != 0);
            string offset = string.Concat(offsets.Select(s => $"datum.series === {JsonSerializer.Serialize(s.Name)} ? {JsonSerializer.Serialize(s.Offset)} : ")) + "0";
            string half = JsonSerializer.Serialize(CategorySlots.Width / 2);
            yield return new JsonObject { ["calculate"] = $"datum.x + ({offset})", ["as"] = Slotted };
            yield return new JsonObject { ["calculate"] = $"datum.x - {half}", ["as"] = BarLeft };
            yield return new JsonObject { ["calculate"] = $"datum.x + {half}", ["as"] = BarRight };
        }

        private void Entry(string name, string colour)
        {
            if (domain.Contains(name)) return;
            domain.Add(name);
            range.Add(colour);
        }

        private static string Annotation(int? palette) => palette is int k ? FigurePalette.HexAt(k) : FigurePalette.NeutralHex;

        private static void Add(JsonArray layers, string[] names, Func<string[], JsonObject> layer)
        {
            if (names.Length > 0) layers.Add(layer(names));
        }

        /// <summary>The first layer: every series point, invisible, holding the panel's two parameters: the zoom
        /// (scales bound to drag and wheel) and the hidden series (toggled by legend clicks). It is never filtered, so
        /// the legend keeps every entry.</summary>
        private JsonObject LegendAndZoom() => new()
        {
            ["name"] = $"panel{index}_legend",
            ["params"] = new JsonArray
            {
                new JsonObject { ["name"] = $"zoom{index}", ["select"] = "interval", ["bind"] = "scales" },
                new JsonObject
                {
                    ["name"] = hidden,
                    ["select"] = new JsonObject
                    {
                        // Every click toggles one entry (Vega-Lite's default would replace the selection).
                        ["type"] = "point", ["fields"] = new JsonArray("series"), ["toggle"] = "true",
                    },
                    ["bind"] = "legend",
                },
            },
            ["mark"] = new JsonObject { ["type"] = "point", ["opacity"] = 0, ["size"] = 0 },
            ["transform"] = new JsonArray(new JsonObject { ["filter"] = new JsonObject { ["field"] = "kind", ["equal"] = "point" } }),
            ["encoding"] = Channels(("x", X("x")), ("y", Y("y")), ("color", Color())),
        };

        private JsonObject Hover(bool banded)
        {
            string? shown = Shown("datum.series");
            var fields = new List<(string, string, string?)> { (shown is null ? "series" : "shown", "series", null), ("x", panel.XLabel, NumberFormat), ("y", panel.YLabel, NumberFormat) };
            if (banded) { fields.Add(("lower", "band lower", NumberFormat)); fields.Add(("upper", "band upper", NumberFormat)); }
            JsonObject layer = Layer(new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 110, ["opacity"] = 0 },
                Points(null, banded), Channels(("x", X(panel.CategoricalX ? Slotted : "x")), ("y", Y("y")), ("tooltip", Tooltip([.. fields]))));
            layer["name"] = $"panel{index}_hover" + (banded ? "_banded" : "");
            if (shown is not null) layer["transform"]!.AsArray().Add(new JsonObject { ["calculate"] = shown, ["as"] = "shown" });
            return layer;
        }

        /// <summary>A layer over the panel's data: the given rows, minus the hidden series, coloured by series.</summary>
        private JsonObject Layer(JsonObject mark, JsonNode filter, JsonObject encoding)
        {
            mark["clip"] = true;
            encoding["color"] = Color();
            var transform = new JsonArray(new JsonObject
            {
                ["filter"] = new JsonObject
                {
                    ["and"] = new JsonArray(filter, new JsonObject { ["not"] = new JsonObject { ["param"] = hidden, ["empty"] = false } }),
                },
            });
            foreach (JsonObject position in Positions()) transform.Add(position);
            return new JsonObject { ["mark"] = mark, ["transform"] = transform, ["encoding"] = encoding };
        }

        private static JsonObject Kind(string kind) => new() { ["field"] = "kind", ["equal"] = kind };

        /// <summary>Series points of the named series (null: all); banded true keeps only points with a band, false
        /// only those without, null both.</summary>
        private static JsonObject Points(string[]? names, bool? banded)
        {
            var all = new JsonArray(Kind("point"));
            if (names is not null) all.Add(new JsonObject { ["field"] = "series", ["oneOf"] = new JsonArray([.. names.Select(n => (JsonNode)n)]) });
            if (banded is bool b)
            {
                JsonObject valid = new() { ["field"] = "lower", ["valid"] = true };
                all.Add(b ? valid : new JsonObject { ["not"] = valid });
            }
            return new JsonObject { ["and"] = all };
        }

        private JsonObject X(string field)
        {
            JsonObject axis = Axis(field, panel.XLabel, panel.LogX);
            // Categories span exactly their range (with the shaded support), not a rounded one.
            if (panel.CategoricalX) axis["scale"]!["nice"] = false;
            return axis;
        }

        private JsonObject Y(string field) => Axis(field, panel.YLabel, panel.LogY);

        private static JsonObject Axis(string field, string title, bool log) => new()
        {
            ["field"] = field,
            ["type"] = "quantitative",
            ["title"] = FigureText.Display(title),
            ["scale"] = new JsonObject { ["type"] = log ? "log" : "linear", ["zero"] = false, ["nice"] = !log },
        };

        private static JsonObject Field(string field) => new() { ["field"] = field };

        private static JsonObject Order() => new() { ["field"] = "i", ["type"] = "quantitative" };

        private JsonObject Color() => new()
        {
            ["field"] = "series",
            ["type"] = "nominal",
            ["title"] = null,
            ["scale"] = new JsonObject
            {
                ["domain"] = new JsonArray([.. domain.Select(n => (JsonNode)n)]),
                ["range"] = new JsonArray([.. range.Select(c => (JsonNode)c)]),
            },
            ["legend"] = Legend(),
        };

        private JsonObject Legend()
        {
            var legend = domain.Count <= LegendEntriesAtRight
                ? new JsonObject { ["orient"] = "right", ["symbolLimit"] = 0 }
                : new JsonObject { ["orient"] = "bottom", ["columns"] = 5, ["symbolLimit"] = 0 };
            if (Shown("datum.label") is string labels) legend["labelExpr"] = labels;
            return legend;
        }

        /// <summary>A Vega expression giving the shown form (<see cref="FigureText.Display"/>) of the name in
        /// <paramref name="variable"/>, or null when every name of the panel is shown as written.</summary>
        private string? Shown(string variable)
        {
            var changed = domain.Where(n => FigureText.Display(n) != n).ToList();
            if (changed.Count == 0) return null;
            return string.Concat(changed.Select(n => $"{variable} === {JsonSerializer.Serialize(n)} ? {JsonSerializer.Serialize(FigureText.Display(n))} : ")) + variable;
        }

        private static JsonArray Tooltip(params (string Field, string Title, string? Format)[] fields)
        {
            var tooltip = new JsonArray();
            foreach (var (field, title, format) in fields)
            {
                var entry = new JsonObject { ["field"] = field, ["type"] = format is null ? "nominal" : "quantitative", ["title"] = title.Length > 0 ? FigureText.Display(title) : field };
                if (format is not null) entry["format"] = format;
                tooltip.Add(entry);
            }
            return tooltip;
        }

        private static JsonObject Channels(params (string Channel, JsonNode Definition)[] channels)
        {
            var encoding = new JsonObject();
            foreach (var (channel, definition) in channels) encoding[channel] = definition;
            return encoding;
        }
    }
}
