using System.Collections.Immutable;
using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Exports;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.IO.Reporting;

namespace EvidenceTasks.Cli;

/// <summary>Loading and reporting shared by the roster verbs (<c>roster</c>, <c>ics</c>, <c>manifest</c>).</summary>
internal static class RosterInput
{
    public static (string Root, LoadResult Loaded) Load(CliContext ctx, string? root)
    {
        var dir = CommonOptions.ResolveRoot(ctx, root);
        if (!EvidenceLoader.LooksLikeEvidence(dir))
            throw new UsageException($"no evidence under '{dir}': expected governance/, roster/ or evidence/ (pass --root DIR)");
        return (dir, EvidenceLoader.Default.Load(dir));
    }

    /// <summary>
    /// An export verb (<c>ics</c>, <c>manifest</c>): <c>--root</c> and one option naming a single record. It refuses to run
    /// while a file under roster/ or governance/ does not load (an export would attest a roster nobody can read), then
    /// hands the evidence to <paramref name="export"/>, which reports each file into the tally.
    /// </summary>
    public static Command ExportCommand(CliContext ctx, string name, string description, Option<string?> only, Action<string, EvidenceSet, string?, ExportTally> export)
    {
        var root = CommonOptions.Root();
        var command = new Command(name, description) { root, only };
        command.SetAction(parse =>
        {
            var (dir, loaded) = Load(ctx, parse.GetValue(root));
            var tally = new ExportTally(ctx.Out, name);
            var sourceErrors = loaded.Findings.Where(f => f.Blocks && (f.Location.Path.StartsWith("roster/", StringComparison.Ordinal) || f.Location.Path.StartsWith("governance/", StringComparison.Ordinal))).ToImmutableArray();
            if (!sourceErrors.IsEmpty)
            {
                tally.Findings(sourceErrors);
                ctx.Out.WriteLine($"{name}: refused: the roster does not load; nothing written");
                return ExitCodes.Blocked;
            }
            export(dir, loaded.Evidence, parse.GetValue(only), tally);
            ctx.Out.WriteLine(tally.Summary());
            return tally.Refused > 0 ? ExitCodes.Blocked : ExitCodes.Clean;
        });
        return command;
    }
}

/// <summary>What an export verb did, file by file, and its one-line summary.</summary>
internal sealed class ExportTally(TextWriter output, string verb)
{
    private int _created, _updated, _unchanged, _skipped;

    public int Refused { get; private set; }

    public void Findings(IEnumerable<Finding> findings)
    {
        foreach (var f in findings) output.WriteLine(GateReport.Line(f));
    }

    public void Skip(string what, string why)
    {
        output.WriteLine($"{verb}: skipped {what} ({why})");
        _skipped++;
    }

    /// <summary>Prints the findings that stop one record (and, when given, a line saying which record).</summary>
    public void Refuse(IEnumerable<Finding> findings, string? what = null)
    {
        Findings(findings);
        if (what is not null) output.WriteLine($"{verb}: refused {what}");
        Refused++;
    }

    public void Wrote(ExportResult result)
    {
        if (result.Refused)
        {
            Refuse(result.Refusals);
            return;
        }
        var outcome = result.Outcome!.Value;
        output.WriteLine($"{verb}: {outcome.ToString().ToLowerInvariant()} {result.Path} ({result.Detail})");
        switch (outcome)
        {
            case WriteOutcome.Created: _created++; break;
            case WriteOutcome.Updated: _updated++; break;
            default: _unchanged++; break;
        }
    }

    public string Summary()
    {
        var nothing = _created + _updated == 0 && Refused == 0 ? ": nothing to do, every file is up to date" : string.Empty;
        return $"{verb}: {_created} created, {_updated} updated, {_unchanged} unchanged, {_skipped} skipped, {Refused} refused{nothing}";
    }
}
