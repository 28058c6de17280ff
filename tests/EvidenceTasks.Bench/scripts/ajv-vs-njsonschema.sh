#!/usr/bin/env bash
# Schema validation, side by side: ajv-cli 5 + ajv-formats vs the project's NJsonSchema validation (bench `schema`),
# on the same JSON files (the JSON mirror of a synthetic repository) and the same schemas.
# Usage: ajv-vs-njsonschema.sh REPO   (needs: cd /tmp/ajv && npm install ajv-cli@5 ajv-formats js-yaml)
set -euo pipefail
repo=$1; mirror=${repo%/}-json; here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../../.." && pwd)
AJV=/tmp/ajv
[ -d "$mirror" ] || (cd $AJV && node "$here/yaml-to-json.mjs" "$repo" "$mirror")
kinds=(
  "rubric:governance/rubric/*.yaml.json" "allocator:governance/allocator.yaml.json" "cert-windows:roster/cert_windows.yaml.json"
  "handoff-week:roster/handoff_weeks/*.yaml.json" "roster-slots:roster/slots/*.yaml.json" "attendance-receipt:evidence/attendance/*.json"
  "mock-audit-log:evidence/mock-audit-logs/*.json" "deficiency-ticket:evidence/deficiencies/*.yaml.json" "carve-out:evidence/carve-outs/*.yaml.json"
  "quorum-manifest:evidence/manifests/*.json")
start=$(date +%s.%N)
for k in "${kinds[@]}"; do
  schema=${k%%:*}; glob=${k#*:}
  (cd $AJV && npx --no-install ajv validate --spec=draft7 --strict=false -c ajv-formats -s "$top/schemas/$schema.schema.json" -d "$mirror/$glob" > /dev/null)
done
end=$(date +%s.%N)
echo "ajv-cli 5 + ajv-formats: $(echo "$end - $start" | bc) s wall for all kinds of $mirror (one node process per schema, one thread)"
dotnet "$top/tests/EvidenceTasks.Bench/bin/Release/net10.0/EvidenceTasks.Bench.dll" schema "$mirror"
