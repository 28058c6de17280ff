using System.Security.Cryptography;
using System.Text;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Trends;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Trends;

public class TrendBoardTests
{
    private const string AsOf = "2027-01-01T00:00:00Z";

    private static TrendBoard Board(TrendRepo repo, string asOf = AsOf) => TrendBoard.Compute(repo.Load(), Timestamps.Parse(asOf));

    [Theory]
    // windows, cert-blocking, last rehearsal                → classification (hand-evaluated in SPEC order)
    [InlineData(6, 2, "2026-12-20T10:00:00Z", "structural-red")]
    [InlineData(7, 3, "2026-12-31T23:59:59Z", "structural-red")]
    [InlineData(5, 2, "2026-12-20T10:00:00Z", "hot")]            // 2 cert-blocking but only 5 windows
    [InlineData(4, 1, "2026-12-20T10:00:00Z", "hot")]
    [InlineData(4, 0, "2026-12-20T10:00:00Z", "recurring-minor")]
    [InlineData(3, 3, "2026-12-20T10:00:00Z", "stable")]         // under 4 windows is never classified
    [InlineData(6, 2, "2026-11-01T23:59:59Z", "improving")]       // 60 days + 1 s before as_of: quiet, even with structural-red counts
    [InlineData(4, 0, "2026-11-01T23:59:59Z", "improving")]
    [InlineData(6, 2, "2026-11-02T00:00:00Z", "structural-red")]  // exactly 60 days before: not "over 60 days"
    [InlineData(3, 0, "2026-10-01T00:00:00Z", "stable")]          // quiet but under 4 windows
    public void Given_a_recurring_row_When_classified_Then_spec_order_with_improving_first(int windows, int certBlocking, string last, string expected)
    {
        using var repo = new TrendRepo();
        repo.Recur(5, "replay_diff_epsilon_drift", TrendRepo.Windows(windows, last), certBlocking);
        var row = Assert.Single(Board(repo).Rows);
        Assert.Equal(expected, row.Classification);
        Assert.Equal((5, "replay_diff_epsilon_drift", windows, windows, certBlocking, 0), (row.RubricDimension, row.FailureModeTag, row.EventCount, row.WindowCount, row.CertBlockingCount, row.CarveOutCount));
        Assert.Equal(Timestamps.Parse(last), row.MostRecentDtUtc);
        Assert.Null(row.AvgResolutionHours);
    }

    [Fact]
    public void Given_window_ids_whose_order_differs_from_recency_When_the_lookback_is_chosen_Then_the_12_most_recent_windows_count()
    {
        using var repo = new TrendRepo();
        // 13 windows, one event each, one day apart. Ids run against time: "a01" is the most recent, "z_oldest" the oldest,
        // so the seed's ORDER BY cert_window_id DESC would keep z_oldest and drop a01.
        var ids = new[] { "z_oldest", "m12", "m11", "m10", "m09", "m08", "m07", "m06", "m05", "m04", "m03", "m02", "a01" };
        for (var i = 0; i < ids.Length; i++)
            repo.Ticket(repo.Log(ids[i], $"2026-12-{i + 10:00}T12:00:00Z"), 6, "faq_unbound_readback");
        var board = Board(repo);
        Assert.Equal(["a01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12"], board.LookbackWindows.ToArray());
        var row = Assert.Single(board.Rows);
        Assert.Equal(12, row.EventCount);
        Assert.Equal(12, row.WindowCount);
        Assert.DoesNotContain(board.Events, e => e.CertWindowId == "z_oldest");
    }

    [Fact]
    public void Given_two_windows_tied_on_latest_rehearsal_at_the_lookback_edge_When_chosen_Then_the_ordinally_first_id_is_kept()
    {
        using var repo = new TrendRepo();
        for (var i = 1; i <= 11; i++) repo.Ticket(repo.Log($"w{i:00}", $"2026-12-{i + 10:00}T12:00:00Z"), 6, "faq_unbound_readback");
        repo.Ticket(repo.Log("tie_b", "2026-12-01T12:00:00Z"), 6, "faq_unbound_readback");
        repo.Ticket(repo.Log("tie_a", "2026-12-01T12:00:00Z"), 6, "faq_unbound_readback");
        var board = Board(repo);
        Assert.Contains("tie_a", board.LookbackWindows.ToArray());
        Assert.DoesNotContain("tie_b", board.LookbackWindows.ToArray());
    }

    [Fact]
    public void Given_a_chosen_window_with_events_older_than_180_days_When_counted_Then_they_count_and_an_old_only_window_does_not()
    {
        using var repo = new TrendRepo();
        repo.Ticket(repo.Log("recent", "2026-12-15T00:00:00Z"), 1, "sla_snapshot_mismatch");
        repo.Ticket(repo.Log("recent", "2026-05-01T00:00:00Z"), 1, "sla_snapshot_mismatch"); // 245 days before as_of, same window
        repo.Ticket(repo.Log("ancient", "2026-06-01T00:00:00Z"), 1, "sla_snapshot_mismatch"); // 214 days: window not a candidate
        repo.Ticket(repo.Log("edge", "2026-07-05T00:00:00Z"), 1, "sla_snapshot_mismatch");    // exactly 180 days before: a candidate
        var board = Board(repo);
        Assert.Equal(["recent", "edge"], board.LookbackWindows.ToArray());
        var row = Assert.Single(board.Rows);
        Assert.Equal(3, row.EventCount);
        Assert.Equal(2, row.WindowCount);
    }

    [Fact]
    public void Given_events_and_resolutions_after_as_of_When_computed_Then_future_events_do_not_exist_and_future_resolutions_are_open()
    {
        using var repo = new TrendRepo();
        var log = repo.Log("w1", "2026-12-01T00:00:00Z");
        repo.Ticket(log, 3, "parser_pin_stale", status: "resolved", resolved: "2026-12-01T01:30:00Z");   // 1.5 h
        repo.Ticket(log, 3, "parser_pin_stale", status: "resolved", resolved: "2026-12-01T01:00:00Z");   // 1 h
        repo.Ticket(log, 3, "parser_pin_stale", status: "resolved", resolved: "2027-01-01T00:00:01Z");   // after as_of: still open
        repo.Ticket(repo.Log("w2", "2027-01-01T00:00:01Z"), 3, "parser_pin_stale", "cert_blocking");     // rehearsal after as_of
        var row = Assert.Single(Board(repo).Rows);
        Assert.Equal(3, row.EventCount);
        Assert.Equal(1, row.WindowCount);
        Assert.Equal(0, row.CertBlockingCount);
        Assert.Equal(1.25m, row.AvgResolutionHours);

        // One second later the third resolution has happened: (5400 + 3600 + 2678401) s / 3 / 3600 = 248.8334 h (248.83342…).
        var later = Assert.Single(Board(repo, "2027-01-01T00:00:01Z").Rows);
        Assert.Equal(248.8334m, later.AvgResolutionHours);
        Assert.Equal(4, later.EventCount);
    }

    [Fact]
    public void Given_an_average_exactly_half_way_at_the_fifth_decimal_When_rounded_Then_half_away_from_zero()
    {
        using var repo = new TrendRepo();
        var log = repo.Log("w1", "2026-12-01T00:00:00Z");
        repo.Ticket(log, 4, "reconciliation_job_red", status: "resolved", resolved: "2026-12-01T00:00:04Z");
        repo.Ticket(log, 4, "reconciliation_job_red", status: "resolved", resolved: "2026-12-01T00:00:05Z");
        // 9 s / 2 / 3600 = 0.00125 h exactly: half away from zero gives 0.0013 (banker's rounding would give 0.0012).
        Assert.Equal(0.0013m, Assert.Single(Board(repo).Rows).AvgResolutionHours);
    }

    [Fact]
    public void Given_draft_logs_withdrawn_tickets_and_carve_outs_When_counted_Then_only_scored_logs_and_carve_outs_approved_by_as_of_count()
    {
        using var repo = new TrendRepo();
        var scored = repo.Log("w1", "2026-12-01T00:00:00Z");
        repo.Ticket(scored, 2, "carve_out_annex_missing", status: "withdrawn");
        repo.Ticket(scored, 2, "carve_out_annex_missing", status: "carved_out", carveOut: "co-early");
        repo.Ticket(scored, 2, "carve_out_annex_missing", status: "carved_out", carveOut: "co-late");
        repo.Ticket(repo.Log("w2", "2026-12-02T00:00:00Z", scored: false), 2, "carve_out_annex_missing", "cert_blocking");
        repo.CarveOut("co-early", 2, "carve_out_annex_missing", "2026-12-10T00:00:00Z", "2027-06-01T00:00:00Z")
            .CarveOut("co-late", 2, "carve_out_annex_missing", "2027-01-02T00:00:00Z", "2027-06-01T00:00:00Z");
        var board = Board(repo);
        var row = Assert.Single(board.Rows);
        Assert.Equal((3, 1, 0, 1), (row.EventCount, row.WindowCount, row.CertBlockingCount, row.CarveOutCount));
        Assert.Equal(["w1"], board.LookbackWindows.ToArray());
        Assert.Equal(2, Assert.Single(Board(repo, "2027-01-02T00:00:00Z").Rows).CarveOutCount);
    }

    [Fact]
    public void Given_rows_of_every_class_When_sorted_Then_priority_then_cert_blocking_then_events_then_dimension_and_tag()
    {
        using var repo = new TrendRepo();
        // All rows share windows w1..w6, so the 12-window lookback keeps every event.
        repo.Recur(7, "tuple_drift_unblocked", TrendRepo.Windows(4, "2026-10-01T00:00:00Z"));         // improving
        repo.Recur(6, "faq_unbound_readback", TrendRepo.Windows(4, "2026-12-20T00:00:00Z"));          // recurring-minor
        repo.Recur(5, "replay_diff_epsilon_drift", TrendRepo.Windows(4, "2026-12-20T00:00:00Z"), 1);  // hot, 1 cert-blocking
        repo.Recur(4, "reconciliation_job_red", TrendRepo.Windows(5, "2026-12-20T00:00:00Z"), 2);     // hot, 2 cert-blocking
        repo.Recur(3, "parser_pin_stale", TrendRepo.Windows(6, "2026-12-20T00:00:00Z"), 2);           // structural-red
        repo.Recur(2, "signer_route_unacked", TrendRepo.Windows(1, "2026-12-20T00:00:00Z"));          // stable, 1 event
        repo.Recur(1, "sla_snapshot_mismatch", TrendRepo.Windows(2, "2026-12-20T00:00:00Z"));         // stable, 2 events
        repo.Recur(1, "dictionary_label_drift", TrendRepo.Windows(1, "2026-12-20T00:00:00Z"));        // stable, 1 event, dim 1
        var rows = Board(repo).Rows.Select(r => (r.RubricDimension, r.Classification)).ToArray();
        Assert.Equal(
            [(3, "structural-red"), (4, "hot"), (5, "hot"), (6, "recurring-minor"), (7, "improving"), (1, "stable"), (1, "stable"), (2, "stable")],
            rows);
        Assert.Equal("sla_snapshot_mismatch", Board(repo).Rows[5].FailureModeTag); // 2 events before 1
        Assert.Equal("dictionary_label_drift", Board(repo).Rows[6].FailureModeTag); // then dimension 1 before 2
    }

    [Fact]
    public void Given_a_board_When_hashed_Then_sha256_of_the_hand_written_rfc8785_form_of_as_of_and_rows()
    {
        using var repo = new TrendRepo();
        var log = repo.Log("w1", "2026-12-01T00:00:00Z");
        repo.Ticket(log, 5, "replay_diff_epsilon_drift", "cert_blocking", "resolved", "2026-12-01T01:30:00Z");
        repo.Ticket(log, 6, "faq_unbound_readback");
        const string canonical =
            """{"as_of":"2027-01-01T00:00:00Z","rows":[""" +
            """{"avg_resolution_hours":1.5,"carve_out_count":0,"cert_blocking_count":1,"classification":"stable","event_count":1,"failure_mode_tag":"replay_diff_epsilon_drift","most_recent_dt_utc":"2026-12-01T00:00:00Z","rubric_dimension":5,"window_count":1},""" +
            """{"avg_resolution_hours":null,"carve_out_count":0,"cert_blocking_count":0,"classification":"stable","event_count":1,"failure_mode_tag":"faq_unbound_readback","most_recent_dt_utc":"2026-12-01T00:00:00Z","rubric_dimension":6,"window_count":1}]}""";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        Assert.Equal(expected, Board(repo).SnapshotHash);
    }

    [Fact]
    public void Given_the_same_repository_and_as_of_When_computed_again_from_a_fresh_load_Then_the_same_hash()
    {
        var asOf = Timestamps.Parse("2026-11-23T00:00:00Z");
        var first = TrendBoard.Compute(EvidenceTasks.IO.Loading.EvidenceLoader.Default.Load(TempEvidenceRepo.RepositoryRoot).Evidence, asOf);
        using var copy = TempEvidenceRepo.WithBundledEvidence();
        var second = TrendBoard.Compute(EvidenceTasks.IO.Loading.EvidenceLoader.Default.Load(copy.Root).Evidence, asOf);
        Assert.Equal(first.SnapshotHash, second.SnapshotHash);
        Assert.NotEqual(first.SnapshotHash, TrendBoard.Compute(EvidenceTasks.IO.Loading.EvidenceLoader.Default.Load(copy.Root).Evidence, asOf + NodaTime.Duration.FromSeconds(1)).SnapshotHash);
    }
}
