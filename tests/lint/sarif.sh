#!/bin/sh
# sarif.sh: validate the linter's SARIF with Microsoft's SARIF multitool
# (schema and SARIF rules), installed by `make lint-sarif` under build/.
# Run from the repository root: sh tests/lint/sarif.sh
#
# The multitool exits 0 even when the file breaks the schema, so what it
# prints decides: any error line fails the test.

LOGSCHEMA=${LOGSCHEMA:-build/logschema}
NODE_PREFIX=${NODE_PREFIX:-build}
if ! "$LOGSCHEMA" lint --help >/dev/null 2>&1; then
	echo "  skip lint SARIF: $LOGSCHEMA does not dispatch lint yet"
	exit 0
fi
dir=tests/lint
tmp=$(mktemp -d "${TMPDIR:-/tmp}/logschema-sarif.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0

validate() {
	# npx finds the package installed in $NODE_PREFIX.
	(cd "$NODE_PREFIX" &&
	 npx -y @microsoft/sarif-multitool validate "$1") >"$tmp/out" 2>&1
	if grep -qi ' error \|exception' "$tmp/out" ||
	   ! grep -q 'Analysis completed successfully' "$tmp/out"; then
		echo "FAIL: sarif-multitool validate, $2:" >&2
		sed 's/^/  | /' "$tmp/out" >&2
		failed=$((failed + 1))
	fi
}

# Every fixture at once: every check, parse errors, catalogue positions.
"$LOGSCHEMA" lint -s $dir/catalogue.yaml --format sarif -Wunused-action \
	$dir/cases/*.c -- -I$dir/include >"$tmp/all.sarif" 2>/dev/null
validate "$tmp/all.sarif" "every fixture"

# A clean run: no results at all.
"$LOGSCHEMA" lint -s $dir/catalogue.yaml --format sarif \
	$dir/cases/typed_clean.c -- -I$dir/include >"$tmp/clean.sarif"
validate "$tmp/clean.sarif" "a clean run"

# A file that does not exist: a tool notification, not a result.
"$LOGSCHEMA" lint -s $dir/catalogue.yaml --format sarif \
	$dir/cases/no-such-file.c >"$tmp/missing.sarif" 2>/dev/null
validate "$tmp/missing.sarif" "a missing file"

if [ "$failed" -ne 0 ]; then
	exit 1
fi
echo "  ok lint SARIF validated by sarif-multitool (3 runs)"
