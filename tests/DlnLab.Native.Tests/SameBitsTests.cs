using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using DlnLab.Training;

namespace DlnLab.Native.Tests;

/// <summary>
/// One spec, three ways in: the C# facade (Dln.Generate, Dln.Train), `dln train --json`, and dlnlab.train from the
/// installed Python package. Status, steps and the bits of beta, the gain, the training and test losses agree.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class SameBitsTests(PythonPackage package)
{
    // Each spec under dln train's option names (as the Python keywords and SpecText read them too).
    private static readonly Dictionary<string, string>[] Specs =
    [
        new() { ["n"] = "20", ["d"] = "30", ["s"] = "3", ["alpha"] = "0.1", ["batch-size"] = "1", ["stepsize"] = "0.01", ["seed"] = "1" },
        new() { ["batch-size"] = "n", ["stepsize"] = "0.05", ["data-seed"] = "4", ["noise"] = "0.2" },
        new() { ["n"] = "30", ["d"] = "60", ["batch-size"] = "7", ["stepsize"] = "step:0.04,0.5,2000", ["batch-mode"] = "epoch", ["seed"] = "11" },
        new() { ["model"] = "power:3", ["alpha"] = "0.3", ["batch-size"] = "n", ["stepsize"] = "0.002", ["max-steps"] = "20000" },
        new() { ["u0"] = "0.3", ["v0"] = "0.1", ["batch-size"] = "2", ["stepsize"] = "0.03", ["seed"] = "5" },
        new() { ["batch-size"] = "n", ["stepsize"] = "5" },
        new() { ["mean"] = "0.5", ["correlation"] = "0.6", ["batch-size"] = "4", ["stepsize"] = "0.01", ["checkpoint-every"] = "1000" },
    ];

    [Fact]
    public void Python_the_CSharp_facade_and_the_cli_give_the_same_bits()
    {
        string script = "import dlnlab, json, sys\n" +
            "for spec in json.loads(sys.argv[1]):\n" +
            "    r = dlnlab.train(**{k.replace('-', '_'): v for k, v in spec.items()}, theory=False)\n" +
            "    print(r.status, r.steps, r.beta.tobytes().hex(), r.gain.tobytes().hex() if r.gain is not None else '-', " +
            "float(r.train_loss).hex(), float(r.test_loss).hex())\n";
        var python = ChildProcess.Run(package.Python, ["-c", script, JsonSerializer.Serialize(Specs, SpecJson.Default.DictionaryStringStringArray)],
            package.WorkingDirectory, TimeSpan.FromMinutes(5));
        Assert.True(python.ExitCode == 0, $"python failed: {python}");
        var pythonLines = python.Output.Trim().Split('\n');
        Assert.Equal(Specs.Length, pythonLines.Length);

        for (int i = 0; i < Specs.Length; i++)
        {
            var spec = Specs[i];
            var problemValues = spec.Where(kv => SpecText.ProblemKeys.Contains(kv.Key)).ToDictionary();
            var problem = Dln.Generate(SpecText.Problem(problemValues));
            var options = SpecText.Training(spec.Where(kv => SpecText.TrainingKeys.Contains(kv.Key)).ToDictionary(), problem.N, problem.D);
            var csharp = Dln.Train(problem, options);

            var cli = ChildProcess.Dotnet([Repository.CliDll, "train", .. spec.SelectMany(kv => new[] { "--" + kv.Key, kv.Value }), "--json"],
                Repository.Root, TimeSpan.FromMinutes(2));
            Assert.True(cli.ExitCode == 0, $"dln train failed: {cli}");
            using var json = JsonDocument.Parse(cli.Output);
            var root = json.RootElement;

            string facade = Line(Word(csharp.Status), csharp.Steps, csharp.Beta, csharp.Implicit?.Gain, csharp.TrainLoss, csharp.TestLoss!.Value);
            string fromCli = Line(root.GetProperty("status").GetString()!, root.GetProperty("steps").GetInt64(), Vector(root, "beta"),
                root.GetProperty("gain").ValueKind == JsonValueKind.Null ? null : Vector(root, "gain"), Number(root, "train_loss"), Number(root, "test_loss"));
            string spelled = string.Join(' ', spec.Select(kv => $"{kv.Key}={kv.Value}"));
            Assert.True(facade == pythonLines[i], $"{spelled}: C# {facade}\npython {pythonLines[i]}");
            // The CLI writes a non-finite number as null (a diverged run's loss): compare those runs by what JSON holds.
            if (csharp.Status != RunStatus.Diverged) Assert.True(facade == fromCli, $"{spelled}: C# {facade}\ncli {fromCli}");
            else Assert.Equal(facade.Split(' ')[..3], fromCli.Split(' ')[..3]);
        }
    }

    private static string Word(RunStatus status) => status switch
    {
        RunStatus.Converged => "converged",
        RunStatus.BudgetExhausted => "budget_exhausted",
        RunStatus.Oscillating => "oscillating",
        _ => "diverged",
    };

    private static double[] Vector(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    private static double Number(JsonElement root, string name) =>
        root.GetProperty(name).ValueKind == JsonValueKind.Null ? double.NaN : root.GetProperty(name).GetDouble();

    // As Python prints them: bytes in hex (little-endian doubles), numbers by float.hex.
    private static string Line(string status, long steps, double[] beta, double[]? gain, double trainLoss, double testLoss) =>
        $"{status} {steps} {Hex(beta)} {(gain is null ? "-" : Hex(gain))} {FloatHex(trainLoss)} {FloatHex(testLoss)}";

    private static string Hex(double[] values) => Convert.ToHexStringLower(MemoryMarshal.AsBytes(values.AsSpan()));

    /// <summary>Python's float.hex: 0x1.8000000000000p+1 style, inf, nan.</summary>
    private static string FloatHex(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        long bits = BitConverter.DoubleToInt64Bits(x);
        string sign = bits < 0 ? "-" : "";
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0 && mantissa == 0) return sign + "0x0.0p+0";
        int e = exponent == 0 ? -1022 : exponent - 1023;
        string lead = exponent == 0 ? "0" : "1";
        return $"{sign}0x{lead}.{mantissa.ToString("x13", CultureInfo.InvariantCulture)}p{(e >= 0 ? "+" : "")}{e.ToString(CultureInfo.InvariantCulture)}";
    }
}

/// <summary>Source-generated JSON for the specs handed to the Python script.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>[]))]
internal sealed partial class SpecJson : System.Text.Json.Serialization.JsonSerializerContext;
