#!/bin/sh
# run.sh: every benchmark of `make bench`, side by side, into one Markdown
# file (the first argument; `run.sh FILE --assemble` only puts the last
# run's parts together again). The Makefile passes paths and sizes:
#
#   LOGBENCH LOGSCHEMA BENCH_DIR BENCH_GEN BENCH_SCHEMA
#   BENCH_CC BENCH_CFLAGS BENCH_CXX BENCH_CXXFLAGS
#   BENCH_ROUNDS BENCH_BATCHES   logbench rounds and batches per round
#   BENCH_RUNS                   runs per command of hyperfine (>= 5)
#   BENCH_LOG_LINES              lines of the check-logs stream
#   BENCH_CORPUS_FILES           generated files of the linter corpus
set -e

out=${1:-bench/RESULTS.md}
work=$BENCH_DIR/run
jobs=$(nproc)
mkdir -p "$work"
targets=$work/targets.md

note() {
	echo "bench: $*" >&2
}

median_of() {	# hyperfine JSON, command index -> median seconds
	python3 -c 'import json,sys
print("%.3f" % json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$1" "$2"
}

ratio() {	# a / b to one decimal
	python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"
}

verdict() {	# value op goal -> met | missed
	python3 -c 'import sys
v, op, g = float(sys.argv[1]), sys.argv[2], float(sys.argv[3])
print("met" if (v <= g if op == "le" else v >= g) else "missed")' "$1" "$2" "$3"
}

version_of() {
	dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "not installed"
}

header() {
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	cat <<EOF
# Benchmark results

Written by \`make bench\` (bench/run.sh); do not edit by hand. Every
contender runs in the same process or the same hyperfine run, side by
side, on the same machine; the machine is shared, so the ratios and
medians count more than any single time.

| | |
|---|---|
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| CPU | $cpu |
| cores | $(nproc) |
| C compiler | $($BENCH_CC --version | head -n 1) |
| C++ compiler | $($BENCH_CXX --version | head -n 1) |
| flags | C: \`$BENCH_CFLAGS -std=c11 -pthread\`; C++: \`$BENCH_CXXFLAGS -std=c++17\` (bench.mk) |
| kernel | $(uname -r) |
| libraries | spdlog $(version_of libspdlog-dev), fmt $(version_of libfmt-dev), cJSON $(version_of libcjson-dev), jansson $(version_of libjansson-dev), log4c $(version_of liblog4c-dev) |
| tools | clang $(version_of clang-14), clang-tidy $(version_of clang-tidy-14), jq $(version_of jq), hyperfine $(version_of hyperfine), $(python3 --version) |
| reproduce | \`make bench BENCH_ROUNDS=$BENCH_ROUNDS BENCH_BATCHES=$BENCH_BATCHES BENCH_RUNS=$BENCH_RUNS BENCH_LOG_LINES=$BENCH_LOG_LINES BENCH_CORPUS_FILES=$BENCH_CORPUS_FILES\` |

EOF
}

# One contender's syscalls for `count` events of the reference example.
strace_calls() {	# contender count -> "total writes"
	strace -f -c -o "$work/strace.txt" \
		"$LOGBENCH" --emit "$1" ref "$2" >/dev/null 2>&1
	awk '$NF == "total" { t = $4 }
	     $NF == "write" || $NF == "writev" { w += $4 }
	     END { print t + 0, w + 0 }' "$work/strace.txt"
}

syscalls() {
	n=2000
	cat <<EOF

### Syscalls per event, from outside

\`strace -f -c\` of \`logbench --emit CONTENDER ref N\` (one write to
/dev/null per event), for N = $n less N = 0: every syscall the contender
makes, not only writes.

| contender | syscalls/event | write or writev/event |
|---|---:|---:|
EOF
	for c in generated snprintf spdlog cJSON jansson log4c; do
		set -- $(strace_calls "$c" 0)
		t0=$1 w0=$2
		set -- $(strace_calls "$c" $n)
		printf '| %s | %s | %s |\n' "$c" \
			"$(ratio $(($1 - t0)) $n)" "$(ratio $(($2 - w0)) $n)"
	done
}

# Instructions per event: valgrind's count, the same on any run.
instructions() {	# mode contender event n -> instructions per event
	for k in $4 $(($4 * 3)); do
		valgrind --tool=callgrind --callgrind-out-file="$work/cg.$k" \
			"$LOGBENCH" "$1" "$2" "$3" $k 2>&1 |
			sed -n 's/.*Collected : //p' > "$work/ir.$k"
	done
	python3 -c 'import sys
a, b = (int(open(p).read()) for p in sys.argv[1:3])
print("%.1f" % ((b - a) / (2 * int(sys.argv[3]))))' \
		"$work/ir.$4" "$work/ir.$(($4 * 3))" "$4"
}

callgrind() {
	cat <<EOF

### Instructions per event

\`valgrind --tool=callgrind\` of \`logbench --format CONTENDER EVENT N\`
(formatting into memory, real clock), for N = 3000 less N = 1000:
deterministic, unlike the times, and a check on the ratios above.

| contender | reference | × | 10 fields | × | static | × |
|---|---:|---:|---:|---:|---:|---:|
EOF
	g_ref= g_ten= g_static=
	for c in generated snprintf spdlog cJSON jansson log4c; do
		line="| $c |"
		for ev in ref ten static; do
			ir=$(instructions --format "$c" "$ev" 1000)
			eval "base=\$g_$ev"
			if [ -z "$base" ]; then
				eval "g_$ev=$ir"
				base=$ir
			fi
			line="$line $ir | $(ratio "$ir" "$base")× |"
		done
		echo "$line"
	done
	echo
	echo "A disabled INFO call of the reference event, instructions per" \
		"call, loop included:"
	echo
	echo '| contender | instructions/call |'
	echo '|---|---:|'
	for c in generated snprintf spdlog cJSON jansson log4c; do
		echo "| $c | $(instructions --disabled "$c" ref 100000) |"
	done
	echo
	echo "Where the generated reference event spends them (callgrind," \
		"self instructions per event, functions over 1%):"
	echo
	echo '| function | instructions/event |'
	echo '|---|---:|'
	valgrind --tool=callgrind --callgrind-out-file="$work/cg.gen" \
		"$LOGBENCH" --format generated ref 10000 >/dev/null 2>&1
	callgrind_annotate --auto=no --threshold=99 "$work/cg.gen" 2>/dev/null |
		grep -E 'ffl_log\.c:|libc\.so|vdso' |
		awk '{ gsub(",", "", $1); f = $NF; if ($(NF-1) ~ /:/) f = $(NF-1)
		       sub(/.*:/, "", f); if ($1 / 10000 >= 5)
		       printf "| %s | %.0f |\n", f, $1 / 10000 }' | head -n 20
}

lint_bench() {
	corpus=$BENCH_DIR/corpus
	cflags="-std=c11 -I$BENCH_GEN"
	rm -rf "$corpus"
	"$LOGSCHEMA" resolve -s "$BENCH_SCHEMA" --compact |
		python3 bench/gen_corpus.py "$corpus" "$BENCH_CORPUS_FILES"
	files=$(find "$corpus" -name '*.c' | sort)
	examples=$(find examples/service -name '*.c' 2>/dev/null | sort)
	if [ -n "$examples" ]; then
		files="$examples $files"
		cflags="$cflags -Iexamples/service"
	fi
	nfiles=$(echo $files | wc -w)
	per=$(( (nfiles + jobs - 1) / jobs ))
	echo $files | tr ' ' '\n' > "$work/files.txt"
	echo "xargs -P $jobs -n $per clang-14 -fsyntax-only $cflags" \
		"< $work/files.txt" > "$work/clang.sh"
	echo "xargs -P $jobs -n $per sh -c 'clang-tidy-14 --quiet" \
		"-checks=-*,bugprone-suspicious-semicolon \"\$@\" -- $cflags' sh" \
		"< $work/files.txt" > "$work/tidy.sh"
	cat <<EOF

## The linter against clang

$nfiles files: examples/service ($(echo $examples | wc -w) files) and
$BENCH_CORPUS_FILES generated by bench/gen_corpus.py (each includes
stdio.h, stdlib.h, string.h and the generated ffl_log.h, twelve functions
with loops, branches and about fifty logging calls). The same flags
\`$cflags\` and $jobs files at once for each:

- \`logschema lint -s $BENCH_SCHEMA -j $jobs FILES -- $cflags\`
- \`$(cat "$work/clang.sh")\`
- \`$(cat "$work/tidy.sh")\`

hyperfine, $BENCH_RUNS runs of each in one run (no warm-up run: the
corpus was just written and sits in the page cache).

EOF
	if ! "$LOGSCHEMA" lint --help >/dev/null 2>&1; then
		echo "Not measured: this build of logschema has no \`lint\` verb."
		echo "| linter within 1.3× of clang -fsyntax-only | ≤ 1.3× |" \
			"not measured | missed |" >> "$targets"
		return 0
	fi
	hyperfine -N --runs "$BENCH_RUNS" -i \
		--export-json "$work/lint.json" \
		--export-markdown "$work/lint.md" \
		-n "logschema lint" \
		"$LOGSCHEMA lint -s $BENCH_SCHEMA -j $jobs $(echo $files) -- $cflags" \
		-n "clang -fsyntax-only" "sh $work/clang.sh" \
		-n "clang-tidy (one check)" "sh $work/tidy.sh" \
		>/dev/null 2>"$work/lint.err" || {
		echo "hyperfine failed:"; echo; sed 's/^/    /' "$work/lint.err"
		return 0
	}
	sed 's/`//g' "$work/lint.md" | sed "s|$LOGSCHEMA|logschema|"
	l=$(median_of "$work/lint.json" 0)
	c=$(median_of "$work/lint.json" 1)
	t=$(median_of "$work/lint.json" 2)
	x=$(ratio "$l" "$c")
	echo
	echo "Medians: lint ${l} s, clang -fsyntax-only ${c} s ($x×)," \
		"clang-tidy ${t} s ($(ratio "$l" "$t")× of it)."
	echo "| linter vs clang -fsyntax-only, same files and jobs | ≤ 1.3× |" \
		"$x× (${l} s vs ${c} s) | $(verdict "$x" le 1.3) |" >> "$targets"
}

checklogs_bench() {
	stream=$work/stream.jsonl
	resolved=$work/found-footy.json
	"$LOGSCHEMA" resolve -s schema/found-footy --compact > "$resolved"
	if [ ! -s "$stream" ] ||
	   [ "$(wc -l < "$stream")" -ne "$BENCH_LOG_LINES" ]; then
		note "writing $BENCH_LOG_LINES log lines"
		python3 bench/gen_logs.py "$BENCH_LOG_LINES" < "$resolved" \
			> "$stream"
	fi
	cat <<EOF

## check-logs against jq and Python

A stream of $BENCH_LOG_LINES lines ($(du -m "$stream" | cut -f1) MiB) from the
found-footy catalogue by bench/gen_logs.py, one line in a hundred with a
defect. The same validation in each (module and action known, level
matching, required IDs present, field types, undeclared fields, invalid
JSON): \`logschema check-logs -q\` (its own threads, one per core),
bench/check_logs.jq under \`jq -n -R\`, bench/check_logs.py. Findings
to /dev/null; hyperfine, $BENCH_RUNS runs in one run, after one run of
each that counts its findings.

EOF
	if ! "$LOGSCHEMA" check-logs --help >/dev/null 2>&1; then
		echo "Not measured: this build of logschema has no" \
			"\`check-logs\` verb."
		echo "| check-logs vs jq | ≥ 10× | not measured | missed |" \
			>> "$targets"
		return 0
	fi
	python3 bench/check_logs.py "$resolved" "$stream" > "$work/py.out"
	jq -n -R -r --slurpfile cat "$resolved" -f bench/check_logs.jq \
		"$stream" > "$work/jq.out"
	"$LOGSCHEMA" check-logs -s schema/found-footy -q "$stream" \
		> /dev/null 2> "$work/cl.out" || true
	hyperfine -N --runs "$BENCH_RUNS" -i \
		--export-json "$work/logs.json" \
		--export-markdown "$work/logs.md" \
		-n "logschema check-logs" \
		"$LOGSCHEMA check-logs -s schema/found-footy -q $stream" \
		-n "jq" \
		"jq -n -R -r --slurpfile cat $resolved -f bench/check_logs.jq $stream" \
		-n "python3" \
		"python3 bench/check_logs.py $resolved $stream" \
		>/dev/null 2>"$work/logs.err" || {
		echo "hyperfine failed:"; echo; sed 's/^/    /' "$work/logs.err"
		return 0
	}
	sed 's/`//g' "$work/logs.md" | sed "s|$LOGSCHEMA|logschema|"
	l=$(median_of "$work/logs.json" 0)
	j=$(median_of "$work/logs.json" 1)
	p=$(median_of "$work/logs.json" 2)
	x=$(ratio "$j" "$l")
	echo
	echo "Medians: check-logs ${l} s, jq ${j} s ($x× slower)," \
		"python3 ${p} s ($(ratio "$p" "$l")× slower)." \
		"Findings: check-logs $(grep -c ': \(error\|warning\):' "$work/cl.out" || true)," \
		"jq $(wc -l < "$work/jq.out"), python3 $(wc -l < "$work/py.out")."
	echo "| check-logs vs jq, 1M lines | ≥ 10× | $x× (${l} s vs ${j} s) |" \
		"$(verdict "$x" ge 10) |" >> "$targets"
}

assemble() {
	{
		cat "$work/header.md"
		echo "## Targets"
		echo
		echo "| target | goal | measured | verdict |"
		echo "|---|---|---|---|"
		cat "$targets"
		echo
		cat bench/why.md
		echo
		echo "## Logging: the generated API against the others"
		echo
		cat bench/contenders.md
		echo
		cat "$work/logbench.md"
		cat "$work/syscalls.md"
		cat "$work/callgrind.md"
		cat "$work/logs-section.md"
		cat "$work/lint-section.md"
	} > "$out.tmp"
	mv "$out.tmp" "$out"
	note "wrote $out"
}

# --assemble: write the file again from the last run's parts, for a change
# of the prose alone.
if [ "$2" = "--assemble" ]; then
	assemble
	exit 0
fi

: > "$targets"
header > "$work/header.md"
for part in logbench syscalls callgrind logs-section lint-section; do
	printf '\n### %s\n\nNot run yet: this run stopped before it.\n' \
		"$part" > "$work/$part.md"
done

# The file is put together after every part, so that a run cut short
# still leaves every part it finished.
note "logbench"
"$LOGBENCH" -r "$BENCH_ROUNDS" -b "$BENCH_BATCHES" -T "$work/targets-lb.md" \
	> "$work/logbench.md"
cat "$work/targets-lb.md" >> "$targets"
assemble
note "syscalls"
syscalls > "$work/syscalls.md"
note "instruction counts"
callgrind > "$work/callgrind.md"
assemble
note "check-logs"
checklogs_bench > "$work/logs-section.md"
assemble
note "linter"
lint_bench > "$work/lint-section.md"
assemble
