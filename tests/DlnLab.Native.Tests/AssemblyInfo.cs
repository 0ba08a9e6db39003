// The tests here build, pack and publish projects of this repository (dotnet publish, pack, run FILE.cs): one at a
// time, so no two builds write the same obj/ folder at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
