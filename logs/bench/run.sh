#!/bin/sh
# run.sh LOGSCHEMA [LINES]: time check-logs against jq and Python on the
# same generated found-footy log, and check that all three count alike.
logschema=${1:-build/logschema}
lines=${2:-1000000}
dir=build/bench-check-logs
here=logs/bench
mkdir -p "$dir"

"$logschema" resolve -s schema/found-footy --compact >"$dir/resolved.json" || exit 2
python3 $here/index.py "$dir/resolved.json" >"$dir/index.json" || exit 2
log=$dir/logs-$lines.jsonl
[ -s "$log" ] || python3 $here/gen.py "$lines" 1 "$dir/resolved.json" >"$log" || exit 2

now() { date +%s.%N; }
# time_it NAME OUTPUT COMMAND...: run, print the seconds and lines per second
time_it() {
	name=$1 out=$2
	shift 2
	start=$(now)
	"$@" >"$out" 2>&1
	end=$(now)
	awk -v n="$name" -v s="$start" -v e="$end" -v l="$lines" \
		'BEGIN { t = e - s; printf "| %-28s | %8.2f s | %12.0f lines/s |\n", n, t, l / t }'
}

echo "check-logs benchmark: $lines lines, $(wc -c <"$log") bytes, $(nproc) CPUs"
echo
echo "| checker                      |       time |           throughput |"
echo "|------------------------------|------------|----------------------|"
time_it "logschema check-logs -j 1" "$dir/ls1.out" "$logschema" check-logs -s schema/found-footy -j 1 -q "$log"
time_it "logschema check-logs" "$dir/ls.out" "$logschema" check-logs -s schema/found-footy -q "$log"
time_it "python3 check.py" "$dir/py.out" python3 $here/check.py "$log" "$dir/index.json"
if command -v jq >/dev/null; then
	time_it "jq -f check.jq" "$dir/jq.out" jq -R -r --slurpfile idx "$dir/index.json" -f $here/check.jq "$log"
fi

# Same findings per check from each, or the comparison means nothing.
sed -n 's/.*\[\([a-z-]*\)\]$/\1/p' "$dir/ls.out" | sort | uniq -c >"$dir/ls.counts"
awk '{ print $2 }' "$dir/py.out" | sort | uniq -c >"$dir/py.counts"
cmp -s "$dir/ls.counts" "$dir/py.counts" || { echo "python3 counts differ:" >&2; diff "$dir/ls.counts" "$dir/py.counts" >&2; exit 1; }
if [ -s "$dir/jq.out" ]; then
	awk '{ print $2 }' "$dir/jq.out" | sort | uniq -c >"$dir/jq.counts"
	cmp -s "$dir/ls.counts" "$dir/jq.counts" || { echo "jq counts differ" >&2; exit 1; }
fi
echo
echo "All checkers report the same counts per check:"
cat "$dir/ls.counts"
