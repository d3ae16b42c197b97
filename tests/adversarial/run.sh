#!/bin/sh
# run.sh LOGSCHEMA: hostile catalogues, each a clean error or safe output.
#
# Every `check` and `generate` runs under `timeout` (ADVERSARIAL_TIMEOUT,
# 1 second) and a memory bound (ADVERSARIAL_VMEM_KB, 1 GiB; empty for none,
# as under AddressSanitizer). A clean error is the expected exit status and
# a diagnostic naming the file (with line and column where there is one)
# and the check. Safe output is C that gcc and clang compile at c99, c11,
# c17 and gnu11 with -Wall -Wextra -Wpedantic -Werror, whose events come
# out one line each, every message byte-exact.
#
# Cases listed in KNOWN fail today for a reason docs/RELIABILITY.md gives;
# they print "known breakage" and do not fail the run, and say so when they
# start passing.
bin=${1:-build/logschema}
limit=${ADVERSARIAL_TIMEOUT:-1}
vmem=${ADVERSARIAL_VMEM_KB-1048576}
work=build/adversarial
dir=tests/adversarial
failed=0

KNOWN=""

rm -rf "$work"
mkdir -p "$work"

is_known() {
	for k in $KNOWN; do
		[ "$k" = "$1" ] && return 0
	done
	return 1
}

# pass NAME WHAT / miss NAME WHY: report a case against the known list.
pass() {
	if is_known "$1"; then
		echo "  fixed adversarial: $1: $2 (take it off KNOWN)"
	else
		echo "  ok adversarial: $1: $2"
	fi
}

miss() {
	if is_known "$1"; then
		echo "  known breakage adversarial: $1: $2"
	else
		echo "FAIL: adversarial: $1: $2" >&2
		failed=1
	fi
}

# bounded CMD...: run under the time and memory bounds.
bounded() {
	(
		if [ -n "$vmem" ]; then
			ulimit -v "$vmem" || exit 125
		fi
		exec timeout "$limit" "$@"
	)
}

# expect_error NAME FILE STATUS CHECK [whole-file]: `check` stops with
# STATUS and a [CHECK] diagnostic at a line and column of FILE.
expect_error() {
	name=$1 file=$2 want=$3 check=$4
	bounded "$bin" check -s "$file" >/dev/null 2>"$work/$name.err"
	status=$?
	pos='[0-9][0-9]*:[0-9][0-9]*: '
	[ "$5" = whole-file ] && pos=
	if [ $status -eq 124 ]; then
		miss "$name" "no answer within ${limit}s"
	elif [ $status -ne "$want" ]; then
		miss "$name" "exit status $status, not $want"
	elif ! grep -q "^$file:$pos.*error: .*\[$check\]" "$work/$name.err"; then
		miss "$name" "no [$check] error at $file${pos:+:LINE:COL}: $(head -1 "$work/$name.err")"
	else
		pass "$name" "$(sed -n 's/.*error: //p' "$work/$name.err" | head -1)"
	fi
}

# compiles NAME DIR: the generated C and the driver compile warning-free
# with both compilers in every mode, and link.
compiles() {
	for cc in gcc clang; do
		for std in c99 c11 c17 gnu11; do
			for src in "$2"/*.c; do
				$cc -std=$std -Wall -Wextra -Wpedantic -Werror -O2 \
					-c "$src" -o "$2/test.o" 2>"$work/$1.cc" ||
					{ echo "$cc -std=$std ${src##*/}: $(grep -m1 error "$work/$1.cc")"; return 1; }
			done
		done
	done
	gcc -std=c99 -O2 -o "$2/driver" "$2"/*.c -pthread -lm 2>"$work/$1.cc" ||
		{ echo "link: $(grep -m1 error "$work/$1.cc")"; return 1; }
}

# expect_safe NAME FILE: the catalogue passes, generates within the bounds,
# compiles, and its driver writes each message byte-exact in both formats.
expect_safe() {
	name=$1 file=$2 out=$work/$1
	mkdir -p "$out"
	bounded "$bin" check -s "$file" >/dev/null 2>"$work/$name.err"
	status=$?
	if [ $status -ne 0 ]; then
		miss "$name" "check exit status $status: $(head -1 "$work/$name.err")"
		return
	fi
	if ! bounded "$bin" generate -s "$file" --target c -o "$out" \
		2>"$work/$name.err" ||
	   ! "$bin" generate -s "$file" --templates "$dir/driver" -o "$out" \
		2>>"$work/$name.err" ||
	   ! "$bin" resolve -s "$file" >"$work/$name.json" 2>>"$work/$name.err"; then
		miss "$name" "generate failed: $(head -1 "$work/$name.err")"
		return
	fi
	if ! why=$(compiles "$name" "$out"); then
		miss "$name" "generated C does not compile: $why"
		return
	fi
	"$out/driver" >"$work/$name.jsonl" 2>"$work/$name.err" &&
		LOG_FORMAT=pretty "$out/driver" >"$work/$name.pretty" \
			2>>"$work/$name.err"
	status=$?
	if [ $status -ne 0 ]; then
		miss "$name" "the driver exited $status: $(head -1 "$work/$name.err")"
	elif ! why=$(python3 "$dir/msgcheck.py" "$work/$name.json" \
		    "$work/$name.jsonl" "$work/$name.pretty" 2>&1); then
		miss "$name" "$why"
	else
		pass "$name" "safe C, $(wc -l <"$work/$name.jsonl") messages byte-exact"
	fi
}

# expect_rejected_or_safe NAME FILE: a name the C target cannot carry is
# either refused by `check` or generates code that compiles.
expect_rejected_or_safe() {
	bounded "$bin" check -s "$2" >/dev/null 2>"$work/$1.err"
	status=$?
	if [ $status -eq 1 ] || [ $status -eq 2 ]; then
		if grep -q "^$2:[0-9][0-9]*:[0-9][0-9]*: error: " "$work/$1.err"; then
			pass "$1" "$(sed -n 's/.*error: //p' "$work/$1.err" | head -1)"
		else
			miss "$1" "refused without a position: $(head -1 "$work/$1.err")"
		fi
		return
	fi
	expect_safe "$1" "$2"
}

# Aliases: every form refused at the first anchor or alias.
expect_error billion-laughs $dir/billion-laughs.yaml 2 yaml-syntax
expect_error alias-merge $dir/alias-merge.yaml 2 yaml-syntax
expect_error alias-as-key $dir/alias-as-key.yaml 2 yaml-syntax
expect_error alias-undefined $dir/alias-undefined.yaml 2 yaml-syntax

# Size: 100 MB of comments after a valid catalogue, one 100 MB scalar,
# a 16 MB file under the limit (read whole, in time), 120 MB spread over
# three files of a directory catalogue.
min=tests/data/catalogue/good/minimal.yaml
pad='# padding padding padding padding padding padding padding padding pad'
{ cat $min; yes "$pad" | head -c 104857600; } >"$work/huge-comments.yaml"
expect_error huge-100mb-comments "$work/huge-comments.yaml" 2 file-size whole-file
{ printf 'logschema: 1\nname: "'; yes aaaaaaaaaaaaaaa | tr -d '\n' |
	head -c 104857600; printf '"\n'; } >"$work/huge-scalar.yaml"
expect_error huge-100mb-scalar "$work/huge-scalar.yaml" 2 file-size whole-file
rm -f "$work/huge-comments.yaml" "$work/huge-scalar.yaml"
{ cat $min; yes "$pad" | head -c 16777216; } >"$work/large.yaml"
bounded "$bin" check -s "$work/large.yaml" >/dev/null 2>"$work/large.err"
status=$?
if [ $status -eq 0 ]; then
	pass large-16mb "a 16 MB catalogue checks clean in time"
else
	miss large-16mb "exit status $status"
fi
rm -f "$work/large.yaml"
mkdir -p "$work/huge-dir"
cp $min "$work/huge-dir/a.yaml"
for i in 1 2 3; do
	{ echo "modules: {}"; yes "$pad" | head -c 40000000; } >"$work/huge-dir/pad$i.yaml"
done
bounded "$bin" check -s "$work/huge-dir" >/dev/null 2>"$work/huge-dir.err"
status=$?
case $status in
0) pass huge-directory "120 MB over three files read in time" ;;
1|2) pass huge-directory "refused: $(sed -n 's/.*error: //p' "$work/huge-dir.err" | head -1)" ;;
124) miss huge-directory "120 MB over three files: no answer within ${limit}s" ;;
*) miss huge-directory "exit status $status" ;;
esac
rm -rf "$work/huge-dir"

# Depth: 10,000 levels as flow sequences, flow mappings, block sequences.
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]"; print "" }' \
	>"$work/deep-seq.yaml"
expect_error deep-flow-sequences "$work/deep-seq.yaml" 2 yaml-syntax
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "{a: "; printf "1"; for (i = 0; i < 10000; i++) printf "}"; print "" }' \
	>"$work/deep-map.yaml"
expect_error deep-flow-mappings "$work/deep-map.yaml" 2 yaml-syntax
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "x" }' \
	>"$work/deep-block.yaml"
expect_error deep-block-sequences "$work/deep-block.yaml" 2 yaml-syntax

# Breadth: one mapping of 200,000 keys; 20,000 modules.
awk 'BEGIN { print "logschema: 1"; print "extra:"; for (i = 0; i < 200000; i++) printf "  k%d: v\n", i }' \
	>"$work/many-keys.yaml"
bounded "$bin" check -s "$work/many-keys.yaml" >/dev/null 2>"$work/many-keys.err"
status=$?
case $status in
1|2) pass many-keys "200,000 keys in one mapping: refused in time" ;;
124) miss many-keys "200,000 keys in one mapping: no answer within ${limit}s" ;;
*) miss many-keys "exit status $status" ;;
esac
awk 'BEGIN {
	print "logschema: 1\nname: shop\nprefix: shp\nservices:\n  api: {doc: The API, containers: [x]}\nmodules:"
	for (i = 0; i < 20000; i++)
		printf "  m%d:\n    service: api\n    doc: d\n    actions: {a: {level: INFO, msg: m}}\n", i
}' >"$work/many-modules.yaml"
bounded "$bin" check -s "$work/many-modules.yaml" >/dev/null 2>"$work/many-modules.err"
status=$?
case $status in
0|1|2) pass many-modules "20,000 modules checked in time (exit $status)" ;;
124) miss many-modules "20,000 modules: no answer within ${limit}s" ;;
*) miss many-modules "exit status $status" ;;
esac
rm -f "$work/many-keys.yaml" "$work/many-modules.yaml"

# Names the C target cannot carry.
expect_error keyword-module $dir/keyword-module.yaml 1 c-keyword
expect_error keyword-action $dir/keyword-action.yaml 1 c-keyword
expect_error keyword-field $dir/keyword-field.yaml 1 c-keyword
expect_error keyword-c11-field $dir/keyword-c11-field.yaml 1 c-keyword
expect_error keyword-prefix $dir/keyword-prefix.yaml 1 c-keyword
for f in $dir/libc-macro-*.yaml $dir/runtime-name-*.yaml; do
	n=${f##*/}
	expect_rejected_or_safe "${n%.yaml}" "$f"
done

# Text: comment and string breakers, bytes that are not text.
expect_safe injection $dir/injection.yaml
expect_error nul-in-msg $dir/nul-in-msg.yaml 2 yaml-syntax
expect_error surrogate-escape $dir/surrogate-escape.yaml 2 yaml-syntax
expect_error invalid-utf8-msg $dir/invalid-utf8-msg.yaml 2 encoding
msg=$(yes x | head -n 4096 | tr -d '\n')
sed "s/msg: Payment started/msg: $msg/" $min >"$work/overlong.yaml"
expect_rejected_or_safe overlong-msg "$work/overlong.yaml"

exit $failed
