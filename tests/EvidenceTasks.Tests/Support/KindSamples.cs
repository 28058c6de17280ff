namespace EvidenceTasks.Tests.Support;

/// <summary>One small, schema-valid file of every structured kind, at its layout path.</summary>
public static class KindSamples
{
    public static readonly IReadOnlyDictionary<string, string> ValidFiles = new Dictionary<string, string>
    {
        ["governance/rubric/rubric_v9.yaml"] = """
            rubric_version: rubric_v9
            max_score: 4
            pass_threshold: 75
            dimensions:
              - {rubric_dimension: 1, name: Leadership vs partner SLA alignment, weight: 20}
              - {rubric_dimension: 2, name: Carve-out annex presence, weight: 10}
              - {rubric_dimension: 3, name: Footer semver + replay parser pin, weight: 10}
              - {rubric_dimension: 4, name: Weekly reconciliation green, weight: 15}
              - {rubric_dimension: 5, name: Synthetic replay diff gate green, weight: 20}
              - {rubric_dimension: 6, name: FAQ-bound readback discipline, weight: 10}
              - {rubric_dimension: 7, name: Publish-pipeline tuple-drift block, weight: 15}
            failure_mode_tags: [replay_diff_epsilon_drift, faq_unbound_readback]

            """,
        ["governance/allocator.yaml"] = """
            allocator_version: 1
            lanes:
              - {lane: lessons_164_166, rubric_dimensions: [1, 4], title: Alignment}
              - {lane: lesson_163, rubric_dimensions: [2], title: Carve-out trails}
              - {lane: lesson_165, rubric_dimensions: [3], title: Footer schema}
              - {lane: lesson_167, rubric_dimensions: [5], title: Diff gate}
              - {lane: lesson_170, rubric_dimensions: [6], title: FAQ discipline}
              - {lane: lesson_171, rubric_dimensions: [7], title: Publish gate}
            classification_weights: {structural-red: 5, hot: 3, recurring-minor: 1, improving: 0.5, stable: 0}
            lane_cap_pct: 40
            reserved_min_pct: 20
            lock_deadline_hours: 72

            """,
        ["roster/cert_windows.yaml"] = """
            cert_windows:
              - {cert_window_id: w1, opens_utc: 2027-01-04T00:00:00Z, closes_utc: 2027-02-15T00:00:00Z}

            """,
        ["roster/handoff_weeks/w1_wk02.yaml"] = """
            handoff_week_id: w1_wk02
            cert_window_id: w1
            week_starts_utc: 2027-01-11T00:00:00Z
            us_owner_email: bob@studio.example
            eu_owner_email: eva@studio.example
            asia_owner_email: kenji@studio.example
            us_business_tz: America/Los_Angeles
            eu_business_tz: Europe/Berlin
            asia_business_tz: Asia/Tokyo
            active_publish_tuple_hash: a1b2c3

            """,
        ["roster/slots/w1.yaml"] = """
            cert_window_id: w1
            slots:
              - roster_slot_id: us_t14
                handoff_week_id: w1_wk02
                cert_rehearsal_label: T-14 tabletop
                rehearsal_phase: t_minus_14
                slot_region: us
                slot_local_tz: America/Los_Angeles
                slot_starts_at_utc: 2027-01-15T01:00:00Z
                slot_ends_at_utc: 2027-01-15T02:30:00Z
                ics_uid: us_t14@cert.example
                rubric_version: rubric_v9
                publish_tuple_hash: a1b2c3
                roster_status: locked
                bindings:
                  - {panel_role: scribe, signer_id: eng.alice, signer_email: alice@studio.example}
                  - {panel_role: governance_owner, signer_id: ceo.bob, signer_email: bob@studio.example}
                  - {panel_role: partner_liaison, signer_id: partner.liaison, signer_email: liaison@partner.example}
                  - {panel_role: engineering_lead, signer_id: eng.carol, signer_email: carol@studio.example, backup_signer_id: eng.dan}

            """,
        ["evidence/attendance/att-1.json"] = """
            {
              "attendance_id": "att-1",
              "cert_window_id": "w1",
              "ics_uid": "us_t14@cert.example",
              "rehearsal_phase": "t_minus_14",
              "scheduled_start_utc": "2027-01-15T01:00:00Z",
              "actual_start_utc": "2027-01-15T01:03:00Z",
              "actual_end_utc": "2027-01-15T02:28:00Z",
              "scribe_signer_id": "eng.alice",
              "panel_present": [
                {"role": "scribe", "signer_id": "eng.alice"},
                {"role": "leadership_voice", "signer_id": "ceo.bob"},
                {"role": "partner_voice", "signer_id": "partner.liaison"},
                {"role": "engineering_voice", "signer_id": "eng.carol"}
              ],
              "attendance_status": "completed",
              "mock_audit_log_id": "log-1",
              "receipt_sha256": "5672d9f172a87eddaa85a98300506df5ec6783993e6fbab20d41c9a3add9f234"
            }

            """,
        ["evidence/mock-audit-logs/log-1.json"] = """
            {
              "mock_audit_id": "log-1",
              "attendance_id": "att-1",
              "cert_window_id": "w1",
              "rubric_version": "rubric_v9",
              "rehearsal_kind": "T-14",
              "rehearsal_dt_utc": "2027-01-15T01:03:00Z",
              "status": "draft"
            }

            """,
        ["evidence/deficiencies/def-1.yaml"] = """
            deficiency_id: def-1
            mock_audit_id: log-1
            cert_window_id: w1
            rubric_dimension: 5
            failure_mode_tag: replay_diff_epsilon_drift
            severity: cert_blocking
            sla_tier: T-14
            status: resolved
            resolved_dt_utc: 2027-01-18T10:00:00Z
            footer_schema_semver: 1.4.0
            epsilon_policy_version: eps-2026.3

            """,
        ["evidence/carve-outs/co-1.yaml"] = """
            carve_out_id: co-1
            rubric_dimension: 5
            failure_mode_tag: replay_diff_epsilon_drift
            approved_by: governance_owner
            approved_dt_utc: 2027-01-01T00:00:00Z
            expires_dt_utc: 2027-06-30T00:00:00Z
            rationale: Epsilon policy migration in flight.

            """,
        ["evidence/sprint-budgets/2027-Q1-S01.json"] = """
            {
              "sprint_id": "2027-Q1-S01",
              "as_of": "2027-01-04T00:00:00Z",
              "generated_dt_utc": "2027-01-04T00:00:00Z",
              "lessons_164_166_pct": 0,
              "lesson_163_pct": 0,
              "lesson_165_pct": 0,
              "lesson_167_pct": 0,
              "lesson_170_pct": 0,
              "lesson_171_pct": 0,
              "reserved_pct": 100,
              "trend_board_snapshot_hash": "5963014e78998a5104ddd467083728a687603c7e599020145dc3e9ecb89d136c",
              "approved_by": "governance_owner"
            }

            """,
        ["evidence/manifests/w1_wk02.json"] = """
            {
              "schema": "regional_panel_quorum_manifest_v1",
              "handoff_week_id": "w1_wk02",
              "cert_window_id": "w1",
              "publish_tuple_hash": "a1b2c3",
              "slots": [
                {
                  "roster_slot_id": "us_t14",
                  "slot_region": "us",
                  "slot_local_tz": "America/Los_Angeles",
                  "slot_starts_at_utc": "2027-01-15T01:00:00Z",
                  "signers_sha256": "07178523fef997cc4df7a28e2b90da40f4e5bb9f4cb8d5237526a5def1719b9a"
                }
              ],
              "manifest_sha256": "6460f3cb20f98568bb1ba8fd5b64bdfa990048e12df068afd72a59547d47d23a"
            }

            """,
    };

    /// <summary>Writes every sample into <paramref name="repo"/>.</summary>
    public static TempEvidenceRepo WriteAll(TempEvidenceRepo repo)
    {
        foreach (var (path, content) in ValidFiles) repo.Write(path, content);
        return repo;
    }
}
