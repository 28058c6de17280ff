using System.Diagnostics;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Hashing;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.Support;

/// <summary>
/// A real git repository holding the <see cref="KindSamples"/> evidence, committed step by step with fixed, increasing
/// signature dates (one hour apart unless a test names the date), for the history, pull-request and replay tests.
/// </summary>
public sealed class GitScenario : IDisposable
{
    public const string Receipt = "evidence/attendance/att-1.json";
    public const string Log = "evidence/mock-audit-logs/log-1.json";
    public const string Manifest = "evidence/manifests/w1_wk02.json";
    public const string Budget = "evidence/sprint-budgets/2027-Q1-S01.json";
    public const string Slots = "roster/slots/w1.yaml";
    public const string Ics = "evidence/ics/w1/us_t14.ics";
    public const string Uid = "us_t14@cert.example";

    private DateTimeOffset _clock = TempEvidenceRepo.FixedDate;

    private GitScenario(TempEvidenceRepo files)
    {
        Files = files;
        Repo = files.InitGit();
    }

    /// <summary>A repository whose working tree holds the samples (nothing committed yet).</summary>
    public static GitScenario WithSamples() => new(KindSamples.WriteAll(new TempEvidenceRepo()));

    /// <summary>A repository with nothing in it yet.</summary>
    public static GitScenario Empty() => new(new TempEvidenceRepo());

    public TempEvidenceRepo Files { get; }

    public Repository Repo { get; }

    public string Root => Files.Root;

    /// <summary>Stages everything and commits, one hour after the previous commit unless <paramref name="when"/> is given.</summary>
    public Commit Commit(string message, DateTimeOffset? when = null)
    {
        _clock = when ?? _clock.AddHours(1);
        return Files.Commit(Repo, message, _clock);
    }

    /// <summary>The 1-based line of the first line of <paramref name="path"/> containing <paramref name="text"/>.</summary>
    public int LineOf(string path, string text) =>
        Files.Read(path).Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;

    /// <summary>Marks the current HEAD as the pull request's base: a branch <c>upstream</c> the gate is given as <c>--base</c>.</summary>
    public void MarkBase() => Repo.Branches.Add("upstream", Repo.Head.Tip, allowOverwrite: true);

    /// <summary>Seals the sample receipt the way bootstrap does: mock_audit_log_id, then receipt_sha256 over the rest.</summary>
    public GitScenario SealReceipt(Action<JsonObject>? edit = null)
    {
        var receipt = JsonNode.Parse(Files.Read(Receipt))!.AsObject();
        receipt.Remove("receipt_sha256");
        receipt["mock_audit_log_id"] = "log-1";
        edit?.Invoke(receipt);
        receipt["receipt_sha256"] = Sha256Hex.OfCanonicalWithout(receipt, "receipt_sha256");
        Files.Write(Receipt, EvidenceJson.Write(receipt));
        return this;
    }

    /// <summary>Takes the receipt back to "completed, not yet bootstrapped": no mock_audit_log_id, no seal.</summary>
    public GitScenario UnsealReceipt()
    {
        var receipt = JsonNode.Parse(Files.Read(Receipt))!.AsObject();
        receipt.Remove("receipt_sha256");
        receipt.Remove("mock_audit_log_id");
        Files.Write(Receipt, EvidenceJson.Write(receipt));
        return this;
    }

    /// <summary>Edits one field of a JSON evidence file without resealing anything.</summary>
    public GitScenario EditJson(string path, string field, JsonNode? value)
    {
        var obj = JsonNode.Parse(Files.Read(path))!.AsObject();
        obj[field] = value;
        Files.Write(path, EvidenceJson.Write(obj));
        return this;
    }

    /// <summary>A minimal exported hold for slot us_t14 (CRLF lines, as RFC 5545 writes them).</summary>
    public static string IcsText(int sequence, string uid = Uid, string summary = "[rubric_v9] T-14 tabletop") =>
        string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//EvidenceTasks//tests//EN", "BEGIN:VEVENT",
            $"UID:{uid}", $"SEQUENCE:{sequence}", "DTSTAMP:20270101T000000Z", $"SUMMARY:{summary}",
            "DTSTART:20270115T010000Z", "DTEND:20270115T023000Z", "END:VEVENT", "END:VCALENDAR", string.Empty);

    /// <summary>Runs the git command line (for what LibGit2Sharp cannot do, such as a shallow clone); fails the test on error.</summary>
    public static string Git(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        return output;
    }

    public void Dispose()
    {
        Repo.Dispose();
        Files.Dispose();
    }
}

/// <summary>
/// A test-only recorded-hash rule (the real receipt rule belongs to the receipts issue): a sealed receipt's
/// receipt_sha256 must equal the SHA-256 of its canonical form without it.
/// </summary>
public sealed class TestReceiptHashRule : IRecordedHashRule
{
    public RecordedHashScope Scope { get; } = new(EvidenceParts.Receipts, EvidenceParts.None);

    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context) =>
        evidence.Receipts
            .Where(r => r.ReceiptSha256 is not null && r.ReceiptSha256 != r.ComputedSha256)
            .Select(r => Finding.Error(BlockReason.ReceiptHashMismatch, r.Origin.Field("receipt_sha256"),
                $"receipt {r.AttendanceId} records {r.ReceiptSha256} but hashes to {r.ComputedSha256}"));
}
