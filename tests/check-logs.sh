#!/bin/sh
# check-logs.sh LOGSCHEMA: check-logs and diff end to end, through the binary.
logschema=${1:-build/logschema}
data=tests/data/logs
shop=$data/shop.yaml
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-logs-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0
count=0

fail() {
	echo "FAIL: check-logs.sh: $*" >&2
	failed=1
}

# expect STATUS DESCRIPTION COMMAND...: run, keep out/err, check the status
expect() {
	want=$1 what=$2
	shift 2
	count=$((count + 1))
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || { fail "$what: exit $got, expected $want"; cat "$tmp/err" >&2; }
}

if ! "$logschema" check-logs --help >/dev/null 2>&1 ||
   ! "$logschema" diff --help >/dev/null 2>&1; then
	echo "  skip check-logs.sh: $logschema does not dispatch check-logs and diff yet"
	exit 0
fi

expect 0 "clean events" "$logschema" check-logs -s "$shop" "$data/clean.log"
grep -q '^coverage: 3 of 5 actions seen (60.0%)$' "$tmp/out" || fail "coverage line"
grep -q '^  cart.checkout_failed$' "$tmp/out" || fail "unseen actions listed"
[ -s "$tmp/err" ] && fail "findings on clean events"

expect 1 "compose output" "$logschema" check-logs -s "$shop" "$data/compose.log"
diff -u "$data/compose.expected" "$tmp/err" >&2 || fail "compose findings differ"

expect 1 "stdin" sh -c "\"$logschema\" check-logs -s $shop < $data/compose.log"
sed 's|^tests/data/logs/compose.log:|<stdin>:|' "$data/compose.expected" >"$tmp/want"
diff -u "$tmp/want" "$tmp/err" >&2 || fail "stdin findings differ"
expect 1 "'-' for stdin" sh -c "\"$logschema\" check-logs -s $shop - < $data/compose.log"

expect 0 "warnings pass by default" "$logschema" check-logs -s "$shop" "$data/warnings.log"
expect 1 "--fail-on warning" "$logschema" check-logs -s "$shop" --fail-on warning "$data/warnings.log"
expect 1 "--werror" "$logschema" check-logs -s "$shop" --werror "$data/warnings.log"
expect 1 "-Werror" "$logschema" check-logs -s "$shop" -Werror "$data/warnings.log"
expect 0 "-Wno-CHECK" "$logschema" check-logs -s "$shop" --werror -Wno-unknown-field -Wno-level-mismatch "$data/warnings.log"
grep -q '^1 lines, 1 events, 0 errors, 0 warnings$' "$tmp/out" || fail "switched-off checks counted"
expect 2 "-W of an unknown check" "$logschema" check-logs -s "$shop" -Wno-such-check "$data/warnings.log"

expect 1 "--max-findings" "$logschema" check-logs -s "$shop" --max-findings 2 "$data/compose.log"
[ "$(grep -c '\[' "$tmp/err")" -eq 2 ] || fail "--max-findings 2 printed $(grep -c '\[' "$tmp/err")"
grep -q '5 more findings not shown' "$tmp/err" || fail "--max-findings note"
grep -q '^6 lines, 4 events, 6 errors, 1 warnings$' "$tmp/out" || fail "counts under --max-findings"

expect 1 "json report" "$logschema" check-logs -s "$shop" --format json --max-findings 3 "$data/compose.log"
python3 - "$tmp/out" <<'EOF' || fail "json report shape"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["lines"] == 6 and r["events"] == 4, r
assert len(r["findings"]) == 3 and r["findings_total"] == 7
assert set(r["findings"][1]) >= {"file", "line", "check", "severity", "message"}
assert r["counts"]["checks"]["invalid-json"] == 2
assert r["counts"]["errors"] == 6 and r["counts"]["warnings"] == 1
cov = r["coverage"]
assert cov["seen"] == 3 and cov["total"] == 5 and cov["percent"] == 60.0
assert {"module": "cart", "action": "checkout_failed"} in cov["unseen"]
EOF

expect 2 "missing file" "$logschema" check-logs -s "$shop" "$data/clean.log" "$tmp/none.log"
grep -q "cannot open '$tmp/none.log'" "$tmp/err" || fail "missing file message"
expect 2 "directory as input" "$logschema" check-logs -s "$shop" "$data"
expect 2 "missing catalogue" "$logschema" check-logs -s "$tmp/none.yaml" "$data/clean.log"
expect 2 "bad option" "$logschema" check-logs -s "$shop" --format xml "$data/clean.log"
expect 2 "bad --fail-on" "$logschema" check-logs -s "$shop" --fail-on note "$data/clean.log"

# Memory stays flat however long the stream: the peak resident size for
# 2 million lines (270 MB) through a pipe is within 48 MiB of that for
# none, on one thread and on four.
line='{"ts":"2025-01-15T14:30:22.123456Z","level":"INFO","module":"cart","action":"item_added","msg":"Item added","user_id":"u1","count":1}'
peak_kib() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
for jobs in 1 4; do
	count=$((count + 1))
	idle=$(peak_kib "$logschema" check-logs -s "$shop" -j $jobs -q /dev/null) ||
		fail "empty run, -j $jobs"
	busy=$(yes "$line" | head -n 2000000 |
		peak_kib "$logschema" check-logs -s "$shop" -j $jobs -q) ||
		fail "2M lines, -j $jobs"
	[ $((busy - idle)) -lt 49152 ] ||
		fail "2M lines, -j $jobs: peak $busy KiB, $idle KiB for none"
done
{ echo "$line"; head -c 20000000 /dev/zero | tr '\0' a; echo; echo "$line"; } >"$tmp/long.log"
expect 1 "a 20 MB line is skipped" sh -c "\"$logschema\" check-logs -s $shop < $tmp/long.log"
grep -q '^<stdin>:2:1: error: line too long: more than 16777216 bytes \[invalid-json\]$' "$tmp/err" || fail "too long line"
grep -q '^3 lines, 2 events, 1 errors, 0 warnings$' "$tmp/out" || fail "lines after a long one"

expect 1 "diff of the fixture pair" "$logschema" diff "$data/diff-old.yaml" "$data/diff-new.yaml"
sed -n '/^# expected:$/,$p' "$data/diff-new.yaml" | sed '1d; s/^# //' >"$tmp/want"
diff -u "$tmp/want" "$tmp/out" >&2 || fail "diff report differs"
expect 1 "diff --format json" "$logschema" diff --format json "$data/diff-old.yaml" "$data/diff-new.yaml"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["breaking"] == 9 and len(r["changes"]) == 18' "$tmp/out" || fail "diff json"
expect 0 "diff of a catalogue with itself" "$logschema" diff "$shop" "$shop"
[ -s "$tmp/out" ] && fail "changes between equal catalogues"
expect 2 "diff of a missing catalogue" "$logschema" diff "$shop" "$tmp/none.yaml"
if git rev-parse --verify -q HEAD:"$shop" >/dev/null 2>&1; then
	expect 0 "diff against git" "$logschema" diff HEAD:"$shop" "$shop"
	expect 1 "diff of two git revisions" "$logschema" diff HEAD:"$data/diff-old.yaml" HEAD:"$data/diff-new.yaml"
	expect 2 "diff of an unknown revision" "$logschema" diff no-such-rev:"$shop" "$shop"
fi

[ $failed -eq 0 ] && echo "  ok check-logs.sh ($count runs)"
exit $failed
