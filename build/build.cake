// EvidenceTasks build and evidence tasks. Each task is a thin call into the EvidenceTasks command line,
// so CI, scribes and partners run exactly the same code. Run from the repository root:
//   dotnet tool restore && dotnet cake build/build.cake                 (Gate, the default)
//   dotnet cake build/build.cake --target=Test
//   dotnet cake build/build.cake --target=Gate --root=/path/to/evidence --as-of=2027-01-15T00:00:00Z

var target = Argument("target", "Gate");
var configuration = Argument("configuration", "Release");
var evidenceRoot = Argument("root", "");
var asOf = Argument("as-of", "");
var format = Argument("format", "");

var repoRoot = MakeAbsolute(File("./build/build.cake")).GetDirectory().GetParent();
if (!FileExists(repoRoot.CombineWithFilePath("EvidenceTasks.slnx")))
{
    repoRoot = MakeAbsolute(Directory(".."));
}
var solution = repoRoot.CombineWithFilePath("EvidenceTasks.slnx");
var cliDll = repoRoot.CombineWithFilePath($"src/EvidenceTasks/bin/{configuration}/net10.0/EvidenceTasks.dll");

// Verbs whose output depends on neither as_of nor a report format (they take only --root and their own options).
var rootOnlyVerbs = new[] { "ics", "manifest" };

// Runs one EvidenceTasks verb with the shared options passed through; a non-zero exit fails the task.
void EvidenceTasks(string verb, params string[] extra)
{
    var args = new ProcessArgumentBuilder().Append(verb);
    args.Append("--root").AppendQuoted(string.IsNullOrEmpty(evidenceRoot) ? repoRoot.FullPath : MakeAbsolute(Directory(evidenceRoot)).FullPath);
    if (!string.IsNullOrEmpty(asOf) && !rootOnlyVerbs.Contains(verb)) args.Append("--as-of").AppendQuoted(asOf);
    if (!string.IsNullOrEmpty(format) && !rootOnlyVerbs.Contains(verb)) args.Append("--format").AppendQuoted(format);
    foreach (var e in extra) args.Append(e);
    var exit = StartProcess("dotnet", new ProcessSettings { Arguments = new ProcessArgumentBuilder().AppendQuoted(cliDll.FullPath).Append(args.Render()), WorkingDirectory = repoRoot });
    if (exit != 0) throw new CakeException(exit, $"evidence-tasks {verb} exited with {exit}");
}

Task("Build")
    .Does(() => DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration, NoLogo = true }));

Task("Test")
    .IsDependentOn("Build")
    .Does(() => DotNetTest(solution.FullPath, new DotNetTestSettings { Configuration = configuration, NoBuild = true, NoLogo = true }));

Task("Validate")
    .Description("File-level and schema checks only.")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("validate"));

Task("Gate")
    .Description("The publish gate over the evidence (default).")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("gate"));

Task("Roster")
    .Description("Panel roster per cert window: local times, quorum, conflicts, ICS export state, what blocks the lock (--window=ID).")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("roster", OptionalArgument("window")));

Task("ExportIcs")
    .Description("Export ICS holds of locked slots to evidence/ics/ (--slot=ID for one slot).")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("ics", OptionalArgument("slot")));

Task("Manifest")
    .Description("Write quorum manifests to evidence/manifests/ (--week=ID for one handoff week).")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("manifest", OptionalArgument("week")));

// ["--name", "value"] when the Cake argument --name=value is given, else nothing.
string[] OptionalArgument(string name)
{
    var value = Argument(name, "");
    return string.IsNullOrEmpty(value) ? new string[0] : new[] { $"--{name}", $"\"{value}\"" };
}

RunTarget(target);
