namespace DlnLab.Cli.Tests.BadInputs;

public static partial class BadInputCases
{
    private static string[] Slurm(params string[] args) => ["slurm", "{dir}/spec.toml", "--out", "{dir}/job", .. args];

    private const string ClusterSpec = "name = \"c\"\n[seeds]\ndatasets = 2\n[training]\nbatch_size = [1, \"n\"]\nmax_steps = 100\n";

    // `dln sweep --shard`, `dln merge` and `dln slurm`: each refusal names its option, and nothing is made.
    private static IEnumerable<BadInputCase> Clusters()
    {
        foreach (var shard in new[] { "4/4", "-1/4", "1/0", "1/1000", "x", "1/", "/4", "auto", "auto/0", "auto/y", "1.5/4" })
            yield return new(Sweep("--shard", shard), "--shard", Label: $"cluster: sweep --shard {shard}");
        yield return new(["merge", "{dir}/a.txt", "--into", "{dir}/all.db"], "store", Setup: f => f.Text("a.txt", "not a store"), Label: "cluster: merge a text file");
        yield return new(["merge", "{dir}/none.db", "--into", "{dir}/all.db"], "store", Label: "cluster: merge a missing store");
        yield return new(["merge", "{dir}/none.db"], "--into", Label: "cluster: merge without --into");
        yield return new(["merge", "--into", "{dir}/all.db"], "merge", Label: "cluster: merge without inputs");
        yield return new(["merge", "{dir}/none.db", "--into", "{dir}/sub"], "--into", Setup: f => f.Folder_("sub"), Label: "cluster: merge into a folder");
        foreach (var (option, value) in new[] { ("--shards", "0"), ("--shards", "1000"), ("--shards", "x"), ("--time", "soon"), ("--time", "1:2:3:4"),
                     ("--mem", "4 G"), ("--mem", "-1"), ("--partition", "a;b"), ("--cpus-per-task", "0"), ("--dln", "") })
            yield return new(Slurm(option == "--shards" ? [option, value] : ["--shards", "2", option, value]), option,
                Setup: f => f.Text("spec.toml", ClusterSpec), Label: $"cluster: slurm {option} {value}");
        yield return new(["slurm", "{dir}/spec.toml", "--shards", "2"], "--out", Setup: f => f.Text("spec.toml", ClusterSpec), Label: "cluster: slurm without --out");
        yield return new(["slurm", "{dir}/spec.toml", "--shards", "2", "--out", "{dir}/a b"], "--out", Setup: f => f.Text("spec.toml", ClusterSpec), Label: "cluster: slurm --out with a space");
        yield return new(Slurm("--shards", "2"), "spec: file", Label: "cluster: slurm with a missing spec");
    }
}
