#!/bin/sh
# run.sh NAME SECONDS: replay NAME's regression inputs, then fuzz it.
# A crash is saved under build/fuzz/ and fails the run; add the input to
# tests/fuzz/regressions/NAME/ once fixed, so every run replays it.
name=$1
seconds=${2:-30}
bin=build/fuzz/fuzz_$name
work=build/fuzz/work-$name
mkdir -p "$work/corpus" "$work/crashes"
[ -x "$bin" ] || { echo "FAIL: $bin is not built" >&2; exit 1; }
dict=
[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
if [ -d "tests/fuzz/regressions/$name" ] &&
   [ -n "$(ls "tests/fuzz/regressions/$name")" ]; then
	"$bin" $dict tests/fuzz/regressions/"$name"/* >"$work/replay.log" 2>&1 ||
		{ cat "$work/replay.log"; echo "FAIL: $name regression replay" >&2; exit 1; }
fi
"$bin" $dict -max_total_time="$seconds" -max_len=65536 -timeout=10 \
	-rss_limit_mb=2048 -artifact_prefix="$work/crashes/" -print_final_stats=1 \
	"$work/corpus" "tests/fuzz/corpus/$name" >"$work/fuzz.log" 2>&1
status=$?
runs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$work/fuzz.log" | grep -o '[0-9]*$')
if [ $status -ne 0 ]; then
	tail -40 "$work/fuzz.log"
	echo "FAIL: fuzz_$name found a problem; input in $work/crashes/" >&2
	exit 1
fi
echo "  ok fuzz_$name (${seconds}s, ${runs:-?} runs, no finding)"
