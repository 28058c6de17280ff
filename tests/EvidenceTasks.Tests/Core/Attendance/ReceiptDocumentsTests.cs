using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Hashing;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Attendance;

public class ReceiptDocumentsTests
{
    /// <summary>
    /// Lesson 182's ATTENDANCE_RECEIPT.json example, with concrete values for its "…" placeholders (docs/hashing.md).
    /// </summary>
    public const string SeedExampleReceipt = """
        {
          "attendance_id": "8f2c-4e1a-b3d9-7c55",
          "cert_window_id": "q1_2027_meta_holiday",
          "ics_uid": "us_t14_2027_01_08@cert.studio.example",
          "rehearsal_phase": "t_minus_14",
          "scheduled_start_utc": "2027-01-08T14:00:00Z",
          "actual_start_utc": "2027-01-08T14:03:00Z",
          "actual_end_utc": "2027-01-08T15:28:00Z",
          "panel_present": [
            {"role": "scribe", "signer_id": "eng.alice"},
            {"role": "leadership_voice", "signer_id": "ceo.bob"},
            {"role": "partner_voice", "signer_id": "partner.liaison"},
            {"role": "engineering_voice", "signer_id": "eng.carol"}
          ],
          "mock_audit_log_id": "log-q1-2027-meta-holiday-us-t14",
          "receipt_sha256": "…"
        }
        """;

    /// <summary>
    /// Computed independently with the npm package canonicalize 4.0.0 (by RFC 8785's co-author) and Node's SHA-256:
    /// the exact command is in docs/hashing.md.
    /// </summary>
    public const string SeedExampleSealByNodeCanonicalize = "5871b8ea79c5faa0312ef6e4c939b6e70fd6f51522897f507a669caa971ad89a";

    [Fact]
    public void Given_the_seed_example_receipt_When_sealed_by_us_Then_it_equals_an_independent_rfc8785_implementation()
    {
        var receipt = JsonNode.Parse(SeedExampleReceipt)!.AsObject();
        Assert.Equal(SeedExampleSealByNodeCanonicalize, ReceiptDocuments.Seal(receipt));
        Assert.Equal(SeedExampleSealByNodeCanonicalize, Sha256Hex.OfCanonicalWithout(receipt, "receipt_sha256"));
        Assert.Equal(SeedExampleSealByNodeCanonicalize, ReceiptDocuments.Sealed(receipt, null)["receipt_sha256"]!.GetValue<string>());
    }

    [Fact]
    public void Given_the_seed_example_receipt_When_canonicalised_Then_the_exact_bytes_hashed_are_the_documented_ones()
    {
        var receipt = JsonNode.Parse(SeedExampleReceipt)!.AsObject();
        receipt.Remove("receipt_sha256");
        Assert.Equal(
            """{"actual_end_utc":"2027-01-08T15:28:00Z","actual_start_utc":"2027-01-08T14:03:00Z","attendance_id":"8f2c-4e1a-b3d9-7c55","cert_window_id":"q1_2027_meta_holiday","ics_uid":"us_t14_2027_01_08@cert.studio.example","mock_audit_log_id":"log-q1-2027-meta-holiday-us-t14","panel_present":[{"role":"scribe","signer_id":"eng.alice"},{"role":"leadership_voice","signer_id":"ceo.bob"},{"role":"partner_voice","signer_id":"partner.liaison"},{"role":"engineering_voice","signer_id":"eng.carol"}],"rehearsal_phase":"t_minus_14","scheduled_start_utc":"2027-01-08T14:00:00Z"}""",
            Jcs.Canonicalize(receipt));
    }

    [Fact]
    public void Given_every_bundled_receipt_without_its_seal_When_resealed_Then_the_file_is_reproduced_byte_for_byte()
    {
        var dir = Path.Combine(TempEvidenceRepo.RepositoryRoot, "evidence", "attendance");
        var files = Directory.GetFiles(dir, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var receipt = JsonNode.Parse(text)!.AsObject();
            receipt.Remove("receipt_sha256");
            Assert.Equal(text, EvidenceJson.Write(ReceiptDocuments.Sealed(receipt, null)));
        }
    }

    [Fact]
    public void Given_a_receipt_When_sealed_with_a_log_id_Then_only_mock_audit_log_id_and_receipt_sha256_change()
    {
        var receipt = JsonNode.Parse(KindSamples.ValidFiles["evidence/attendance/att-1.json"])!.AsObject();
        receipt.Remove("mock_audit_log_id");
        receipt.Remove("receipt_sha256");
        var sealedReceipt = ReceiptDocuments.Sealed(receipt, "log-7");
        Assert.Equal("log-7", sealedReceipt["mock_audit_log_id"]!.GetValue<string>());
        Assert.Equal(ReceiptDocuments.Seal(sealedReceipt), sealedReceipt["receipt_sha256"]!.GetValue<string>());
        var rest = sealedReceipt.DeepClone().AsObject();
        rest.Remove("mock_audit_log_id");
        rest.Remove("receipt_sha256");
        Assert.True(JsonNode.DeepEquals(receipt, rest));
        Assert.Equal(["attendance_status", "mock_audit_log_id", "receipt_sha256"], sealedReceipt.Select(p => p.Key).TakeLast(3));
    }

    [Fact]
    public void Given_a_slot_When_scaffolded_Then_the_roster_fields_and_status_scheduled()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var slot = EvidenceLoader.Default.Load(repo.Root).Evidence.SlotsById["us_t14"];
        Assert.Equal("att-w1-us-t14", ReceiptDocuments.DefaultAttendanceId(slot));
        Assert.Equal("""
            {
              "attendance_id": "att-w1-us-t14",
              "cert_window_id": "w1",
              "ics_uid": "us_t14@cert.example",
              "rehearsal_phase": "t_minus_14",
              "scheduled_start_utc": "2027-01-15T01:00:00Z",
              "scribe_signer_id": "eng.alice",
              "panel_present": [
                {
                  "role": "engineering_lead",
                  "signer_id": "eng.carol"
                },
                {
                  "role": "governance_owner",
                  "signer_id": "ceo.bob"
                },
                {
                  "role": "partner_liaison",
                  "signer_id": "partner.liaison"
                },
                {
                  "role": "scribe",
                  "signer_id": "eng.alice"
                }
              ],
              "attendance_status": "scheduled"
            }

            """, EvidenceJson.Write(ReceiptDocuments.Scaffold(slot, ReceiptDocuments.DefaultAttendanceId(slot))));
    }

    [Fact]
    public void Given_a_tail_too_long_for_an_id_When_bounded_Then_128_characters_and_still_distinct()
    {
        var a = Ids.Bounded("att-", new string('a', 130) + "1");
        var b = Ids.Bounded("att-", new string('a', 130) + "2");
        Assert.Equal(128, a.Length);
        Assert.NotEqual(a, b);
        Assert.True(EvidenceLayout.IsValidId(a));
        Assert.Equal("att-short", Ids.Bounded("att-", "short"));
    }
}
