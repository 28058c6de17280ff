using System.Collections.Immutable;

namespace EvidenceTasks.Core;

/// <summary>Whether a finding stops the publish gate.</summary>
public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One entry of the closed publish-gate allow-list (Lesson 171): a fixed id, what it means, and how a scribe fixes it.
/// Every finding names one of these; docs/block-reasons.md mirrors this list and a test keeps the two equal.
/// </summary>
public sealed record BlockReason(string Id, string Meaning, string Fix, Severity DefaultSeverity = Severity.Error)
{
    // File-level reasons: the file could not be read as evidence at all.
    public static readonly BlockReason FileRejected = new(
        "file_rejected",
        "A file in the evidence layout cannot be accepted as evidence: a symlink, a file over 1 MiB, not UTF-8, a byte-order mark, a non-UTF-8 or unexpected file name, or a file that is not part of the layout.",
        "Replace the file with a regular UTF-8 file (no BOM, at most 1 MiB) at the path docs/formats.md gives for its kind, or move it out of governance/, roster/ and evidence/.");

    public static readonly BlockReason ParseError = new(
        "parse_error",
        "A YAML or JSON file does not parse under the strict rules: syntax error, duplicate key, anchor or alias, tab indentation, explicit tag, or more than one document.",
        "Fix the syntax at the line shown: indent with spaces, give each key once, write values out instead of anchors/aliases, keep one document per file.");

    public static readonly BlockReason SchemaInvalid = new(
        "schema_invalid",
        "A file does not match the JSON Schema of its kind (missing or unknown field, wrong type, value outside its enum or pattern).",
        "Correct the field at the line shown; schemas/<kind>.schema.json lists every field, and the `# yaml-language-server` modeline lets an editor complete them.");

    public static readonly BlockReason IdInvalid = new(
        "id_invalid",
        "A file's id does not match its file name, breaks the id pattern ^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$, or collides with another id of the same kind (also when only the case differs).",
        "Name the file after its id (<id>.yaml or <id>.json), use only letters, digits and _ . @ -, and give every record an id no other record of its kind uses, ignoring case.");

    public static readonly BlockReason ReferenceBroken = new(
        "reference_broken",
        "A field names another piece of evidence (cert window, handoff week, rubric, slot, receipt, log, carve-out) that does not exist.",
        "Correct the id, or add the missing file in the same pull request.");

    // Lesson 171 allow-list as extended by Lessons 173, 182 and 186 (SPEC.md).
    public static readonly BlockReason MockAuditLogOrphan = new(
        "mock_audit_log_orphan",
        "A mock-audit log has no attendance_id, or its attendance receipt is missing, not completed, fails roster validation or does not name the log back (mock_audit_log_id); or a second log names the same receipt; or the log's window, rubric version, kind or date differ from its receipt and slot.",
        "Complete step 3 first: commit a completed, roster-matching receipt and create the log with `bootstrap --attendance <id>`; never write a log by hand.");

    public static readonly BlockReason MockAuditScoreMismatch = new(
        "mock_audit_score_mismatch",
        "A scored mock-audit log's weighted_score or pass_bit is not what its scores, its rubric and its deficiency tickets compute (for example a cert_blocking ticket was added after scoring), or its scores do not fit the rubric.",
        "Re-score the log with `score --log <mock_audit_id>`: weighted_score and pass_bit are computed, never typed or toggled.");
    public static readonly BlockReason PanelRosterInvalid = new(
        "panel_roster_invalid",
        "A roster slot breaks a Lesson 186 roster rule whatever the date: a locked slot without the four canonical roles, a role bound twice, one signer in two roles or as their own backup, a slot_local_tz other than its region's business zone, a slot outside its handoff week, a governance_owner who is not the region's owner without backup_promote_event, a signer bound to two overlapping slots (Lesson 184), or an exported ICS hold whose UID is no longer the slot's.",
        "Correct the slot in roster/slots/<cert_window_id>.yaml at the line shown: four roles, four different signers, the week's business zone and owner e-mail, no overlapping slots per signer, and ics_uid as it was exported; then re-run `ics` and `manifest`.");

    public static readonly BlockReason PanelRosterGapOpen = new(
        "panel_roster_gap_open",
        "A slot of an active cert window is draft, lacks one of the four bindings, has a signer conflict, or has no exported ICS after its lock deadline.",
        "Lock all slots or cancel the window: bind the four roles, resolve the overlap, set roster_status: locked and run the `ics` export.");

    public static readonly BlockReason AttendanceRosterMismatch = new(
        "attendance_roster_mismatch",
        "An attendance receipt does not match its roster slot: unknown or unlocked ics_uid, other window or phase, panel not exactly the four bound signers, one person in two roles, or a completed duration outside 75-120 minutes.",
        "Reconcile with the scribe's notes; if a backup attended, re-lock the roster bindings first (Lesson 174 event); a partial panel is cancelled and rescheduled, never faked.");

    public static readonly BlockReason DeficiencyLogMismatch = new(
        "deficiency_log_mismatch",
        "A deficiency ticket does not fit its mock-audit log: another cert window, an sla_tier other than the log's rehearsal_kind, a failure_mode_tag outside the log rubric's allow-list, or a log whose rehearsal did not complete (receipt missing, scheduled, cancelled or no_show).",
        "Raise tickets only on a log bootstrapped from a completed rehearsal, copying its cert_window_id and rehearsal_kind and a tag from its rubric; never from memory of a no_show or cancelled rehearsal.");

    public static readonly BlockReason TupleDrift = new(
        "tuple_drift",
        "A locked slot's publish_tuple_hash differs from its handoff week's active_publish_tuple_hash.",
        "Re-lock the slot against the week's active tuple hash (promoting a tuple hash means re-locking the roster rows).");

    public static readonly BlockReason ReceiptHashMismatch = new(
        "receipt_hash_mismatch",
        "receipt_sha256 is missing on a receipt that needs it, or is not the SHA-256 of the receipt's RFC 8785 canonical form without receipt_sha256.",
        "Never edit a sealed receipt by hand; reseal it with the tool (see docs/hashing.md) after correcting the data.");

    public static readonly BlockReason ManifestHashMismatch = new(
        "manifest_hash_mismatch",
        "A quorum manifest's signers_sha256 or manifest_sha256 does not recompute from the roster, or the manifest is stale.",
        "Regenerate it with the `manifest` verb (canonical JSON, slots sorted by roster_slot_id) and commit the result.");

    public static readonly BlockReason BudgetSumInvalid = new(
        "budget_sum_invalid",
        "A sprint hardening budget's lane percentages do not sum to exactly 100.00, break the cap or reserve, or do not recompute from the trend board at its as_of.",
        "Regenerate it with the `allocate` verb; never edit the percentages by hand.");

    public static readonly BlockReason TrendBoardSnapshotMismatch = new(
        "trend_board_snapshot_mismatch",
        "A sprint budget's trend_board_snapshot_hash does not recompute at its as_of (from the repository, nor from the unchanged inputs it recorded in inputs_sha256), or a partner readback's hash, as_of, allocation or input list differs from its budget.",
        "Never edit a budget or a readback by hand. If evidence a budget was cut from was edited so its board at the budget's as_of changed, revert that edit (a resolution or carve-out dated after the as_of changes nothing); regenerate a readback with `readback --sprint <id>`.");

    public static readonly BlockReason VarianceNoteMissing = new(
        "variance_note_missing",
        "A sprint budget has no variance_note although the previous sprint's Friday Block 6 answered n: the week's deficiency closures diverged from the allocation by more than 25 points in some lane.",
        "Before merging, delete the new budget and cut it again with `allocate --sprint <id> --approved-by <role> --variance-note \"why the closures diverged\"` (Lesson 173: the divergence is pinned with explicit reasoning).");

    public static readonly BlockReason RecurrenceRedUnhardened = new(
        "recurrence_red_unhardened",
        "A trend-board row is structural-red now and was 90 days earlier, with no carve-out covering it.",
        "Harden the mapped lesson, or document a carve-out in evidence/carve-outs/ covering the dimension and tag (Lesson 163).");

    public static readonly BlockReason EvidenceRewritten = new(
        "evidence_rewritten",
        "A pull request edits or deletes evidence that is already merged (a sealed receipt, a scored log, a manifest, a sprint budget or a readback).",
        "Revert the edit and add a new record instead; merged evidence is append-only.");

    // Warnings: reported, never blocking.
    public static readonly BlockReason CarveOutExpiring = new(
        "carve_out_expiring",
        "A carve-out in force expires within 14 days of as_of: the rows it covers will count against recurrence_red_unhardened once it lapses.",
        "Harden the covered dimension and tag before the expiry, or document a renewed carve-out (a new file in evidence/carve-outs/) with a fresh approval.",
        Severity.Warning);

    public static readonly BlockReason LateEvidence = new(
        "late_evidence",
        "Evidence added after a sprint budget was cut (a ticket or newly scored log for a rehearsal on or before its as_of) changes the trend board at that as_of; the budget still verifies from the inputs it recorded, and the next budget counts the new evidence.",
        "Nothing to undo: cut the next sprint's budget as usual. If the evidence should have been in the budget, say so in the next budget's variance_note.",
        Severity.Warning);

    // History rules (issue 6): judged over the commits of HEAD, not over one tree.
    public static readonly BlockReason IcsExportedBeforeLock = new(
        "ics_exported_before_lock",
        "The committed version of an ICS hold was first committed in a commit whose roster did not have its slot locked (lock after export: invitees, and then receipts, would name signers that were never locked).",
        "Lock the slot first (all four bindings, roster_status: locked), then export its ICS again with the `ics` verb so a new version with a higher SEQUENCE is committed after the lock.");

    public static readonly BlockReason IcsUidChanged = new(
        "ics_uid_changed",
        "A slot whose ICS hold was already exported now has a different UID (its ics_uid, or the UID inside the exported file), so calendars would keep an orphaned hold and receipts would name a UID nobody was invited to.",
        "Restore the UID of the first export (named in the message); a UID never changes once exported. To move a rehearsal, cancel the slot and roster a new one.");

    public static readonly BlockReason ReceiptLate = new(
        "receipt_late",
        "An attendance receipt was first committed more than 48 hours after its actual_end_utc (the T+48 h SLA of Lesson 182); the time is the committer date of the first commit that added the file.",
        "Commit receipts within 48 hours of the rehearsal. A late receipt stays valid evidence; the lateness is on record in the history.",
        Severity.Warning);

    /// <summary>The closed registry, in the order findings of equal severity are reported (most important first).</summary>
    public static ImmutableArray<BlockReason> All { get; } =
    [
        FileRejected,
        ParseError,
        SchemaInvalid,
        IdInvalid,
        ReferenceBroken,
        EvidenceRewritten,
        ReceiptHashMismatch,
        ManifestHashMismatch,
        TupleDrift,
        MockAuditLogOrphan,
        MockAuditScoreMismatch,
        AttendanceRosterMismatch,
        DeficiencyLogMismatch,
        PanelRosterInvalid,
        PanelRosterGapOpen,
        IcsExportedBeforeLock,
        IcsUidChanged,
        BudgetSumInvalid,
        TrendBoardSnapshotMismatch,
        VarianceNoteMissing,
        RecurrenceRedUnhardened,
        CarveOutExpiring,
        LateEvidence,
        ReceiptLate,
    ];

    public static BlockReason? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    /// <summary>Rank in <see cref="All"/>; used to put the most important findings first.</summary>
    public int Priority => All.IndexOf(this);

    public override string ToString() => Id;
}
