using DlnLab.LinearAlgebra;

namespace DlnLab.Problems;

/// <summary>
/// Builds a validated <see cref="RegressionProblem"/> from files: named .csv/.npy paths, a folder holding X.npy, y.csv, ...,
/// or one .npz archive. Loaded problems are not isotropic Gaussian and carry no known noise level.
/// </summary>
public static class ProblemLoader
{
    /// <summary>The array names, as files in a folder (X.npy), entries in an .npz, and keys of the --data list.</summary>
    public static IReadOnlyList<string> ArrayNames { get; } = ["X", "y", "beta_star", "X_test", "y_test"];

    private const string DataForms = "the value must be a folder, an .npz file, or a list X=path,y=path[,beta_star=path][,X_test=path,y_test=path] of .csv/.npy files";

    /// <summary>
    /// Reads the value of a --data option: an existing folder (see <see cref="LoadDirectory"/>), an .npz file (see
    /// <see cref="LoadNpz"/>), or a comma-separated list <c>X=path,y=path,beta_star=path,X_test=path,y_test=path</c>
    /// (X and y required, names case-insensitive, paths without commas).
    /// </summary>
    public static RegressionProblem FromDataArgument(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new InvalidInputException("data", value, DataForms);
        string v = value.Trim();
        bool isNpz = v.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);
        if (Directory.Exists(v)) return LoadDirectory(v);
        if (isNpz && File.Exists(v)) return LoadNpz(v);
        if (v.Contains('=')) return Load(ParseList(v));
        if (isNpz) return LoadNpz(v); // reports the missing file
        if (File.Exists(v)) throw new InvalidInputException("data", v, "a single array file is not a whole problem; " + DataForms);
        throw new InvalidInputException("data", v, "no folder or .npz file of that name exists; " + DataForms);
    }

    /// <summary>Loads the named files; each is read as .npy or .csv by its extension.</summary>
    public static RegressionProblem Load(ProblemFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if ((files.XTest is null) != (files.YTest is null))
            throw new InvalidInputException(files.XTest is null ? "y_test" : "X_test", "a test set needs both X_test and y_test, or neither");
        var arrays = new Dictionary<string, (DenseArray Array, string Source)>
        {
            ["X"] = (ReadArray(files.X, "X"), files.X),
            ["y"] = (ReadArray(files.Y, "y"), files.Y),
        };
        if (files.BetaStar is not null) arrays["beta_star"] = (ReadArray(files.BetaStar, "beta_star"), files.BetaStar);
        if (files.XTest is not null) arrays["X_test"] = (ReadArray(files.XTest, "X_test"), files.XTest);
        if (files.YTest is not null) arrays["y_test"] = (ReadArray(files.YTest, "y_test"), files.YTest);
        return Assemble(arrays);
    }

    /// <summary>
    /// Loads a folder holding X.npy or X.csv, y.npy or y.csv, and optionally beta_star, X_test and y_test the same
    /// way (names case-insensitive); other files are ignored. A folder with neither X nor y but exactly one .npz file
    /// loads that archive.
    /// </summary>
    public static RegressionProblem LoadDirectory(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
            throw new InvalidInputException("data", directory, "must be an existing folder");
        string[] files;
        try
        {
            files = Directory.GetFiles(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException("data", $"cannot list folder '{directory}': {e.Message}");
        }
        var found = new Dictionary<string, string>();
        foreach (string name in ArrayNames)
        {
            var matches = files.Where(f => IsArrayFile(f, name)).Order(StringComparer.Ordinal).ToList();
            if (matches.Count > 1)
                throw new InvalidInputException(name, $"folder '{directory}' has {string.Join(" and ", matches.Select(Path.GetFileName))}; keep only one");
            if (matches.Count == 1) found[name] = matches[0];
        }
        if (!found.ContainsKey("X") && !found.ContainsKey("y"))
        {
            var archives = files.Where(f => f.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)).ToList();
            if (archives.Count == 1) return LoadNpz(archives[0]);
            throw new InvalidInputException("data", archives.Count == 0
                ? $"folder '{directory}' has no X.npy or X.csv and y.npy or y.csv, and no .npz file"
                : $"folder '{directory}' has no X/y files but {archives.Count} .npz files; name one of them");
        }
        foreach (string required in new[] { "X", "y" })
            if (!found.ContainsKey(required))
                throw new InvalidInputException(required, $"folder '{directory}' has no {required}.npy or {required}.csv");
        return Load(FilesByRole(found));
    }

    /// <summary>Loads an .npz archive with arrays named X, y and optionally beta_star, X_test, y_test (names case-insensitive; others ignored).</summary>
    public static RegressionProblem LoadNpz(string path)
    {
        var present = NpzReader.Names(path, "data");
        var byRole = new Dictionary<string, string>();
        foreach (string entry in present)
        {
            string? role = ArrayNames.FirstOrDefault(n => n.Equals(entry, StringComparison.OrdinalIgnoreCase));
            if (role is null) continue;
            if (byRole.TryGetValue(role, out string? other))
                throw new InvalidInputException(role, $"'{path}' has two arrays for {role}: '{other}' and '{entry}'; keep only one");
            byRole[role] = entry;
        }
        foreach (string required in new[] { "X", "y" })
            if (!byRole.ContainsKey(required))
                throw new InvalidInputException(required, $"'{path}' has no array named {required}; it holds: {(present.Count == 0 ? "nothing" : string.Join(", ", present))}");
        var wanted = byRole.Values.ToHashSet(StringComparer.Ordinal);
        var read = NpzReader.Read(path, "data", wanted.Contains);
        var arrays = byRole.ToDictionary(kv => kv.Key, kv => (read[kv.Value], $"{path}:{kv.Value}"));
        if (arrays.ContainsKey("X_test") != arrays.ContainsKey("y_test"))
            throw new InvalidInputException(arrays.ContainsKey("X_test") ? "X_test" : "y_test", $"'{path}': a test set needs both X_test and y_test, or neither");
        return Assemble(arrays);
    }

    /// <summary>Reads one array as .npy or .csv, chosen by the file's extension.</summary>
    public static DenseArray ReadArray(string path, string field)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidInputException(field, "no file given; need a .csv or .npy path");
        if (Directory.Exists(path)) throw new InvalidInputException(field, $"'{path}' is a folder, not a file");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".npy" => NpyReader.Read(path, field),
            ".csv" => CsvMatrix.Read(path, field),
            ".npz" => throw new InvalidInputException(field, path, "must be a .csv or .npy file; an .npz archive holds several arrays, so give it as the whole data value"),
            "" => throw new InvalidInputException(field, path, "must be a .csv or .npy file (chosen by the extension, which is missing)"),
            _ => throw new InvalidInputException(field, path, $"must be a .csv or .npy file (chosen by the extension, here '{ext}')"),
        };
    }

    private static ProblemFiles ParseList(string value)
    {
        var paths = new Dictionary<string, string>();
        foreach (string item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = item.IndexOf('=');
            string key = eq < 0 ? item : item[..eq].Trim();
            string? role = key == "beta*" ? "beta_star" : ArrayNames.FirstOrDefault(n => n.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (eq < 0 || role is null)
                throw new InvalidInputException("data", item, $"each item must be name=path with name one of {string.Join(", ", ArrayNames)}");
            string path = item[(eq + 1)..].Trim();
            if (path.Length == 0) throw new InvalidInputException("data", item, $"needs a path after '{key}='");
            if (!paths.TryAdd(role, path)) throw new InvalidInputException("data", item, $"{role} is given twice");
        }
        foreach (string required in new[] { "X", "y" })
            if (!paths.ContainsKey(required))
                throw new InvalidInputException("data", value, $"needs {required}=path; " + DataForms);
        return FilesByRole(paths);
    }

    // Paths keyed by array name (X and y known to be present).
    private static ProblemFiles FilesByRole(IReadOnlyDictionary<string, string> paths) => new()
    {
        X = paths["X"], Y = paths["y"],
        BetaStar = paths.GetValueOrDefault("beta_star"),
        XTest = paths.GetValueOrDefault("X_test"), YTest = paths.GetValueOrDefault("y_test"),
    };

    private static bool IsArrayFile(string file, string name)
    {
        string fileName = Path.GetFileName(file);
        return fileName.Equals(name + ".npy", StringComparison.OrdinalIgnoreCase) || fileName.Equals(name + ".csv", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Checks every shape against X (messages name both shapes and files), then finiteness, then the record's own rules.</summary>
    private static RegressionProblem Assemble(IReadOnlyDictionary<string, (DenseArray Array, string Source)> arrays)
    {
        var (x, xSource) = arrays["X"];
        if (x.Rank != 2)
            throw new InvalidInputException("X", $"'{xSource}' has shape {x.ShapeText}; X must be 2-D (n samples x d features)");
        int n = x.Shape[0], d = x.Shape[1];
        string xText = $"X of shape {x.ShapeText} ('{xSource}')";
        var y = Vector(arrays, "y", n, $"one per row of {xText}");
        var betaStar = arrays.ContainsKey("beta_star") ? Vector(arrays, "beta_star", d, $"one per column of {xText}") : null;
        Matrix? xTest = null;
        double[]? yTest = null;
        if (arrays.TryGetValue("X_test", out var test))
        {
            if (test.Array.Rank != 2 || test.Array.Shape[1] != d)
                throw new InvalidInputException("X_test", $"shape {test.Array.ShapeText} ('{test.Source}') does not match {xText}: X_test must be 2-D with {d} columns");
            xTest = test.Array.ToMatrix();
            yTest = Vector(arrays, "y_test", xTest.Rows, $"one per row of X_test of shape {test.Array.ShapeText} ('{test.Source}')");
        }
        foreach (var (name, (array, source)) in arrays) CheckFinite(name, array, source);
        return new RegressionProblem
        {
            X = x.ToMatrix(), Y = y, BetaStar = betaStar, XTest = xTest, YTest = yTest,
            NoiseStd = 0,
        }.Validated();
    }

    private static double[] Vector(IReadOnlyDictionary<string, (DenseArray Array, string Source)> arrays, string name, int length, string reason)
    {
        var (array, source) = arrays[name];
        if (!array.IsVectorLike || array.Data.Length != length)
            throw new InvalidInputException(name, $"shape {array.ShapeText} ('{source}') does not match: {name} needs {length} entries, {reason}; "
                + $"give shape ({length},), ({length}, 1) or (1, {length})");
        return array.Data;
    }

    private static void CheckFinite(string name, DenseArray array, string source)
    {
        var data = array.Data;
        for (int k = 0; k < data.Length; k++)
        {
            if (double.IsFinite(data[k])) continue;
            string index = array.Rank == 2 ? $"[{k / array.Shape[1]}, {k % array.Shape[1]}]" : $"[{k}]";
            throw new InvalidInputException(name, $"'{source}' has {Format(data[k])} at index {index} (0-based); every entry must be a finite number");
        }
    }

    private static string Format(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+inf" : "-inf";
}
