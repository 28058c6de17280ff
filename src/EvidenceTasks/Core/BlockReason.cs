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
        "A mock-audit log has no attendance_id, or its attendance receipt is missing, not completed, or fails roster validation; or a second log names the same receipt.",
        "Complete step 3 first: commit a completed, roster-matching receipt and create the log with `bootstrap --attendance <id>`; never write a log by hand.");

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

    public static readonly BlockReason RecurrenceRedUnhardened = new(
        "recurrence_red_unhardened",
        "A trend-board row is structural-red now and was 90 days earlier, with no carve-out covering it.",
        "Harden the mapped lesson, or document a carve-out in evidence/carve-outs/ covering the dimension and tag (Lesson 163).");

    public static readonly BlockReason EvidenceRewritten = new(
        "evidence_rewritten",
        "A pull request edits or deletes evidence that is already merged (a sealed receipt, a scored log, a manifest, a sprint budget or a readback).",
        "Revert the edit and add a new record instead; merged evidence is append-only.");

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
        AttendanceRosterMismatch,
        PanelRosterInvalid,
        PanelRosterGapOpen,
        BudgetSumInvalid,
        RecurrenceRedUnhardened,
    ];

    public static BlockReason? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    /// <summary>Rank in <see cref="All"/>; used to put the most important findings first.</summary>
    public int Priority => All.IndexOf(this);

    public override string ToString() => Id;
}
