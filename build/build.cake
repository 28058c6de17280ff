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
var slot = Argument("slot", "");
var receiptId = Argument("id", "");
var attendance = Argument("attendance", "");
var log = Argument("log", "");
var scores = Argument("scores", "");
var sprint = Argument("sprint", "");
var approvedBy = Argument("approved-by", "");
var varianceNote = Argument("variance-note", "");
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
// The CLI is published ReadyToRun (precompiled for this machine's runtime): a gate over ~100,000 files spends ~20 %
// less CPU than on JIT-compiled code, and small verbs start faster (docs/performance.md).
var cliDir = repoRoot.Combine($"artifacts/cli/{configuration}");
var cliDll = cliDir.CombineWithFilePath("EvidenceTasks.dll");

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

// "--name" "value" when the value is set, nothing otherwise (values are quoted for the command line).
string[] Opt(string name, string value) =>
    string.IsNullOrEmpty(value) ? new string[0] : new[] { name, "\"" + value.Replace("\"", "\\\"") + "\"" };

Task("Build")
    .Does(() => DotNetPublish(repoRoot.CombineWithFilePath("src/EvidenceTasks/EvidenceTasks.csproj").FullPath, new DotNetPublishSettings
    {
        Configuration = configuration,
        OutputDirectory = cliDir,
        NoLogo = true,
        SelfContained = false,
        PublishReadyToRun = true,
        ArgumentCustomization = args => args.Append("--use-current-runtime"),
    }));

Task("Test")
    .Does(() => DotNetTest(solution.FullPath, new DotNetTestSettings { Configuration = configuration, NoLogo = true }));

// The hostile-input suite alone, printing its counts (fuzz runs, tamper mutations detected, kills): docs/security.md.
// Longer runs: EVIDENCE_FUZZ_ITER, EVIDENCE_KILL_ITER, EVIDENCE_MANY_FILES in the environment.
Task("Hostile")
    .Does(() => DotNetTest(solution.FullPath, new DotNetTestSettings
    {
        Configuration = configuration, NoLogo = true,
        Filter = "FullyQualifiedName~EvidenceTasks.Tests.Hostile",
        Loggers = new[] { "console;verbosity=normal" },
    }));

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

// Fails the task with a usage hint when a required --name=value argument is missing.
string Required(string name, string value) =>
    string.IsNullOrEmpty(value) ? throw new CakeException(2, $"--{name}=<value> is required for this task") : value;

Task("NewReceipt")
    .Description("Scaffold an attendance receipt from the roster: --slot=<roster_slot_id> [--id=<attendance_id>].")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("receipt new", string.IsNullOrEmpty(receiptId)
        ? new[] { "--slot", Required("slot", slot) }
        : new[] { "--slot", Required("slot", slot), "--id", receiptId }));

Task("SealReceipt")
    .Description("Seal a cancelled or no_show receipt: --attendance=<attendance_id>.")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("receipt seal", "--attendance", Required("attendance", attendance)));

Task("Bootstrap")
    .Description("Create the draft mock audit log of a completed receipt and seal the receipt: --attendance=<attendance_id>.")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("bootstrap", "--attendance", Required("attendance", attendance)));

Task("Score")
    .Description("Score a mock audit log: --log=<mock_audit_id> [--scores=1=3,2=4,...].")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("score", string.IsNullOrEmpty(scores)
        ? new[] { "--log", Required("log", log) }
        : new[] { "--log", Required("log", log), "--scores", scores }));

Task("TrendBoard")
    .Description("Lesson 173 recurrence trend board and its snapshot hash (--as-of, --format=text|json|markdown).")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("board"));

Task("Allocate")
    .Description("Cut evidence/sprint-budgets/<sprint>.json: --sprint=ID --approved-by=ROLE [--as-of=ISO] [--variance-note=TEXT].")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("allocate", Opt("--sprint", sprint).Concat(Opt("--approved-by", approvedBy)).Concat(Opt("--variance-note", varianceNote)).ToArray()));

Task("Friday")
    .Description("Friday Block 6 - Recurrence and Hardening: inputs and the y/n answer (--as-of, [--sprint=ID], --format=text|json).")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("friday", Opt("--sprint", sprint)));

Task("Readback")
    .Description("Write evidence/readbacks/<sprint>.md, the partner readback for a cut budget: --sprint=ID.")
    .IsDependentOn("Build")
    .Does(() => EvidenceTasks("readback", Opt("--sprint", sprint)));

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
Task("Synth")
    .Description("Write a synthetic benchmark repository (--out=DIR [--seed=N --windows=W --slots-per-window=S --receipts=R --deficiencies=D --commits=C]); docs/performance.md.")
    .IsDependentOn("Build")
    .Does(() =>
    {
        // synth writes a new folder: no --root, --as-of or --format (it prints the as_of its corpus passes the gate at).
        var args = new ProcessArgumentBuilder().AppendQuoted(cliDll.FullPath).Append("synth");
        foreach (var a in new[] { "out", "seed", "windows", "slots-per-window", "receipts", "deficiencies", "commits" }.SelectMany(OptionalArgument)) args.Append(a);
        var exit = StartProcess("dotnet", new ProcessSettings { Arguments = args, WorkingDirectory = repoRoot });
        if (exit != 0) throw new CakeException(exit, $"evidence-tasks synth exited with {exit}");
    });

string[] OptionalArgument(string name)
{
    var value = Argument(name, "");
    return string.IsNullOrEmpty(value) ? new string[0] : new[] { $"--{name}", $"\"{value}\"" };
}

RunTarget(target);
