// EvidenceTasks build and evidence tasks. Each task is a thin call into the EvidenceTasks command line,
// so CI, scribes and partners run exactly the same code. Run from the repository root:
//   dotnet tool restore && dotnet cake build/build.cake                 (Gate, the default)
//   dotnet cake build/build.cake --target=Test
//   dotnet cake build/build.cake --target=Gate --root=/path/to/evidence --as-of=2027-01-15T00:00:00Z
//   dotnet cake build/build.cake --target=Gate --base=origin/main            (a pull request: merged evidence is append-only)
//   dotnet cake build/build.cake --target=Replay [--from=REV] [--to=REV]     (partners: every recorded hash at every commit)
//   dotnet cake build/build.cake --target=Provenance --path=evidence/attendance/<id>.json

var target = Argument("target", "Gate");
var configuration = Argument("configuration", "Release");
var evidenceRoot = Argument("root", "");
var asOf = Argument("as-of", "");
var format = Argument("format", "");
var baseRef = Argument("base", "");
var attest = Argument("attest", "");
var from = Argument("from", "");
var to = Argument("to", "");
var evidencePath = Argument("path", "");

var repoRoot = MakeAbsolute(File("./build/build.cake")).GetDirectory().GetParent();
if (!FileExists(repoRoot.CombineWithFilePath("EvidenceTasks.slnx")))
{
    repoRoot = MakeAbsolute(Directory(".."));
}
var solution = repoRoot.CombineWithFilePath("EvidenceTasks.slnx");
var cliDll = repoRoot.CombineWithFilePath($"src/EvidenceTasks/bin/{configuration}/net10.0/EvidenceTasks.dll");

// Runs one EvidenceTasks verb with the shared options passed through; a non-zero exit fails the task.
void EvidenceTasks(string verb, params string[] extra)
{
    var args = new ProcessArgumentBuilder().Append(verb);
    args.Append("--root").AppendQuoted(string.IsNullOrEmpty(evidenceRoot) ? repoRoot.FullPath : MakeAbsolute(Directory(evidenceRoot)).FullPath);
    if (!string.IsNullOrEmpty(asOf)) args.Append("--as-of").AppendQuoted(asOf);
    if (!string.IsNullOrEmpty(format)) args.Append("--format").AppendQuoted(format);
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
    .Does(() => EvidenceTasks("gate", Options(("--base", baseRef), ("--attest", attest))));

Task("Replay")
    .Description("Partner replay: recompute every recorded hash at every commit (--from=REV, --to=REV).")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("replay", Options(("--from", from), ("--to", to))));

Task("Provenance")
    .Description("Who introduced a piece of evidence and every later change (--path=FILE).")
    .IsDependentOn("Build")
    .Does(() =>
    {
        if (string.IsNullOrEmpty(evidencePath)) throw new CakeException(2, "Provenance needs --path=<evidence file>");
        EvidenceTasks("provenance", new ProcessArgumentBuilder().AppendQuoted(evidencePath).Render());
    });

// Optional "--name value" pairs, quoted, for the ones that were given.
string[] Options(params (string Name, string Value)[] options) =>
    options.Where(o => !string.IsNullOrEmpty(o.Value))
        .Select(o => new ProcessArgumentBuilder().Append(o.Name).AppendQuoted(o.Value).Render())
        .ToArray();

RunTarget(target);
