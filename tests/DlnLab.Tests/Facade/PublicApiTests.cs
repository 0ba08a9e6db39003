using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using DlnLab.Backends;
using DlnLab.Training;

namespace DlnLab.Tests.Facade;

public class PublicApiTests
{
    private static readonly Assembly Core = typeof(Dln).Assembly;

    [Theory]
    [InlineData("DlnLab.Training.Kernels")]
    [InlineData("DlnLab.Training.RegisterBlocked")]
    [InlineData("DlnLab.Training.LockstepKernels")]
    [InlineData("DlnLab.Training.LockstepState")]
    [InlineData("DlnLab.Training.SingleSampleLockstep")]
    [InlineData("DlnLab.Training.IOctet`1")]
    [InlineData("DlnLab.Training.Octet512")]
    [InlineData("DlnLab.Training.OctetScalar")]
    [InlineData("DlnLab.Training.QuietLanes")]
    [InlineData("DlnLab.Training.NetworkState")]
    [InlineData("DlnLab.Training.BatchSampler")]
    [InlineData("DlnLab.Training.LossMonitor")]
    [InlineData("DlnLab.Training.CheckpointSchedule")]
    [InlineData("DlnLab.Training.TrainingLoop")]
    [InlineData("DlnLab.Backends.IStepper")]
    [InlineData("DlnLab.Backends.StepCounters")]
    public void EngineInternalsAreInternal(string name)
    {
        var type = Core.GetType(name);
        Assert.NotNull(type);
        Assert.False(type.IsVisible, $"{name} is public");
    }

    [Fact]
    public void APaddedDesignShowsOnlyItsSizes()
    {
        var visible = typeof(PaddedDesign).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is not MethodInfo { IsSpecialName: true }).Select(m => m.Name).Order();
        Assert.Equal([".ctor", "D", "N"], visible);
        Assert.False(typeof(IStepBackend).GetMethod("Create", BindingFlags.Public | BindingFlags.Instance) is not null);
    }

    [Fact]
    public void EveryPublicTypeAndMemberHasAnXmlSummary()
    {
        var doc = XDocument.Load(Path.ChangeExtension(Core.Location, ".xml"));
        var documented = doc.Descendants("member")
            .Where(m => m.Element("summary") is not null || m.Element("inheritdoc") is not null)
            .Select(m => (string)m.Attribute("name")!).ToHashSet();
        var missing = new List<string>();
        foreach (var type in Core.GetExportedTypes())
        {
            string typeId = Id(type);
            if (!documented.Contains("T:" + typeId)) missing.Add("T:" + typeId);
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                // A parameterless constructor may be the one the compiler supplies, which needs no comment.
                if (member.IsDefined(typeof(CompilerGeneratedAttribute)) || member is Type) continue;
                string? prefix = member switch
                {
                    FieldInfo f when !f.IsSpecialName => "F:" + typeId + "." + f.Name,
                    PropertyInfo p when p.Name != "EqualityContract" => "P:" + typeId + "." + p.Name,
                    ConstructorInfo c when c.GetParameters().Length > 0 && !IsRecordCopy(type, c) => "M:" + typeId + ".#ctor",
                    MethodInfo m when !m.IsSpecialName && !IsRecordMember(type, m) => "M:" + typeId + "." + m.Name,
                    _ => null,
                };
                if (prefix is not null && !documented.Any(id => id == prefix || id.StartsWith(prefix + "(") || id.StartsWith(prefix + "``")))
                    missing.Add(prefix);
            }
        }
        Assert.True(missing.Count == 0, "undocumented: " + string.Join(", ", missing.Distinct()));
    }

    private static string Id(Type type) => type.FullName!.Replace('+', '.');

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null || type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    private static bool IsRecordCopy(Type type, ConstructorInfo c) =>
        IsRecord(type) && c.GetParameters() is [var p] && p.ParameterType == type;

    // The members a record declares for itself (equality, printing, deconstruction), which need no comment.
    private static bool IsRecordMember(Type type, MethodInfo m) =>
        IsRecord(type) && m.Name is "ToString" or "Equals" or "GetHashCode" or "PrintMembers" or "Deconstruct" or "<Clone>$";
}
