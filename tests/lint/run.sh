#!/bin/sh
# run.sh: lint every fixture of tests/lint/cases against tests/lint/catalogue.yaml
# and compare the findings and the exit status with the fixture's own
# expectations. Run from the repository root:
#
#	sh tests/lint/run.sh [CASE.c ...]
#
# A fixture may start with "/* args: OPTIONS */" (extra lint options) and
# ends with its expectations:
#
#	/* expect:
#	 * LINE:COL: error: message [check]
#	 * tests/lint/catalogue.yaml:LINE:COL: warning: ... [check]
#	 * exit: 2
#	 */
#
# Findings in the fixture itself are written without its path, those in
# other files with theirs. "exit:" is needed only when the status is not
# the one the findings imply (2 with a parse-error, 1 with an error or,
# under --werror, a warning, else 0).

LOGSCHEMA=${LOGSCHEMA:-build/logschema}
if ! "$LOGSCHEMA" lint --help >/dev/null 2>&1; then
	echo "  skip lint fixtures: $LOGSCHEMA does not dispatch lint yet"
	exit 0
fi
dir=tests/lint
tmp=$(mktemp -d "${TMPDIR:-/tmp}/logschema-lint.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

expected_status() {
	status=$(sed -n 's/^exit: //p' "$tmp/expect.all")
	if [ -n "$status" ]; then
		echo "$status"
	elif grep -q '\[parse-error\]$' "$tmp/expected"; then
		echo 2
	elif grep -q ': error: ' "$tmp/expected"; then
		echo 1
	elif case " $1 " in *" --werror "*) true ;; *) false ;; esac &&
	     grep -q ': warning: ' "$tmp/expected"; then
		echo 1
	else
		echo 0
	fi
}

failed=0
total=0
[ $# -gt 0 ] || set -- "$dir"/cases/*.c
for case in "$@"; do
	total=$((total + 1))
	args=$(sed -n '1s|^/\* args: \(.*\) \*/$|\1|p' "$case")
	if ! grep -q '^/\* expect:$' "$case"; then
		echo "FAIL: $case has no expect block" >&2
		failed=$((failed + 1))
		continue
	fi
	sed -n '/^\/\* expect:$/,/^ \*\/$/p' "$case" | sed '1d;$d' |
		sed 's/^ \*[ ]\{0,1\}//' | grep -v '^$' >"$tmp/expect.all"
	grep -v '^exit: ' "$tmp/expect.all" >"$tmp/expected"
	want=$(expected_status "$args")

	# shellcheck disable=SC2086
	"$LOGSCHEMA" lint -s "$dir/catalogue.yaml" $args "$case" \
		-- -I"$dir/include" >"$tmp/stdout" 2>"$tmp/stderr"
	got=$?
	grep -v '^ ' "$tmp/stderr" | sed "s|^$case:||" >"$tmp/actual"

	if ! cmp -s "$tmp/expected" "$tmp/actual" || [ "$got" != "$want" ]; then
		echo "FAIL: $case (exit $got, expected $want)" >&2
		diff -u "$tmp/expected" "$tmp/actual" | sed '1,2d' >&2
		failed=$((failed + 1))
	fi
done

if [ "$failed" -ne 0 ]; then
	echo "lint fixtures: $failed of $total failed" >&2
	exit 1
fi
echo "  ok lint fixtures ($total cases)"
