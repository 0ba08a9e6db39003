namespace DlnLab.Experiments.Figures;

/// <summary>A figure to render: a file name and one or more panels laid out in a grid, row by row.</summary>
public sealed record FigureSpec
{
    /// <summary>File base name: the renderer writes Name.png, Name.svg and Name.csv. Letters, digits, '-', '_' and '.'.</summary>
    public required string Name { get; init; }

    /// <summary>Panels, filled into the grid row by row.</summary>
    public required IReadOnlyList<PanelSpec> Panels { get; init; }

    /// <summary>Grid columns; 0 puts all panels in one row.</summary>
    public int Columns { get; init; }

    /// <summary>Width of one panel in SVG pixels. Default 800.</summary>
    public int PanelWidth { get; init; } = 800;

    /// <summary>Height of one panel in SVG pixels. Default 500.</summary>
    public int PanelHeight { get; init; } = 500;

    /// <summary>PNG pixels per SVG pixel; 2 gives a print-sharp raster at the same layout. Between 1 and 4.</summary>
    public double PngScale { get; init; } = 2;

    /// <summary>A one-panel figure.</summary>
    public static FigureSpec Single(string name, PanelSpec panel) => new() { Name = name, Panels = [panel] };
}
