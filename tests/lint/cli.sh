#!/bin/sh
# cli.sh: the lint verb's command line: output formats, directories,
# compile_commands.json, --staged, parallel runs and exit statuses.
# Run from the repository root: sh tests/lint/cli.sh

LOGSCHEMA=${LOGSCHEMA:-build/logschema}
case $LOGSCHEMA in /*) ;; *) LOGSCHEMA=$PWD/$LOGSCHEMA ;; esac
if ! "$LOGSCHEMA" lint --help >/dev/null 2>&1; then
	echo "  skip lint command line: $LOGSCHEMA does not dispatch lint yet"
	exit 0
fi
root=$PWD
dir=tests/lint
cat_=$root/$dir/catalogue.yaml
inc=$root/$dir/include
tmp=$(mktemp -d "${TMPDIR:-/tmp}/logschema-lint-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0
total=0

fail() {
	echo "FAIL: $*" >&2
	failed=$((failed + 1))
}

# expect_status NAME WANT COMMAND...: run COMMAND, check its exit status.
expect_status() {
	name=$1 want=$2
	shift 2
	total=$((total + 1))
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		fail "$name: exit $got, expected $want"
		sed 's/^/  | /' "$tmp/err" >&2
		return 1
	fi
	return 0
}

# same NAME EXPECTED_FILE ACTUAL_FILE
same() {
	total=$((total + 1))
	if ! cmp -s "$2" "$3"; then
		fail "$1"
		diff -u "$2" "$3" | sed '1,2d' >&2
	fi
}

lint() {
	"$LOGSCHEMA" lint -s "$cat_" "$@"
}

# JSON: the shared diagnostics shape, one object per finding.
expect_status "json output" 1 \
	lint --format json $dir/cases/level_mismatch.c -- -I$inc
if command -v jq >/dev/null; then
	jq -c '.diagnostics[0], .errors, .warnings' "$tmp/out" >"$tmp/got"
	cat >"$tmp/want" <<'EOF'
{"file":"tests/lint/cases/level_mismatch.c","line":7,"column":16,"severity":"error","check":"level-mismatch","message":"action 'rag.fallback_aliases' has level WARNING in the catalogue, not INFO"}
3
0
EOF
	same "json output" "$tmp/want" "$tmp/got"
fi
[ -s "$tmp/err" ] && fail "json output: stderr is not empty"

# GitHub annotations: properties and data escaped.
mkdir -p "$tmp/odd"
cat >"$tmp/odd/a,b:c.c" <<'EOF'
#include "ffl_log.h"
void f(void)
{
	ffl_log(NULL, FFL_INFO, "100%\ndone", "x", "y");
	ffl_log(NULL, FFL_INFO, "mod", "x", "y");
}
EOF
(cd "$tmp/odd" && expect_status "github output" 1 \
	lint --format github "a,b:c.c" -- -I"$inc")
cat >"$tmp/want" <<'EOF'
::error file=a%2Cb%3Ac.c,line=4,col=26,title=unknown-module::module '100%25\ndone' is not in the catalogue
::error file=a%2Cb%3Ac.c,line=5,col=26,title=unknown-module::module 'mod' is not in the catalogue
EOF
same "github output" "$tmp/want" "$tmp/out"

# SARIF: a rule per check, relative URIs, fingerprints that survive a
# line moving down.
expect_status "sarif output" 1 \
	lint --format sarif $dir/cases/missing_id.c -- -I$inc
cp "$tmp/out" "$tmp/first.sarif"
if command -v jq >/dev/null; then
	jq -r '.version, (.runs[0].tool.driver.rules | map(.id) | join(",")),
		(.runs[0].results[0] | .ruleId, .level,
		 .locations[0].physicalLocation.artifactLocation.uri,
		 .locations[0].physicalLocation.artifactLocation.uriBaseId,
		 .locations[0].physicalLocation.region.startLine,
		 .locations[0].physicalLocation.region.startColumn),
		(.runs[0].originalUriBaseIds.SRCROOT.uri | endswith("/")),
		.runs[0].invocations[0].executionSuccessful' \
		"$tmp/out" >"$tmp/got"
	cat >"$tmp/want" <<'EOF'
2.1.0
undocumented-action,unknown-module,missing-id,unknown-field,field-type,level-mismatch,dynamic-name,unused-action,unused-suppression,parse-error
missing-id
error
tests/lint/cases/missing_id.c
SRCROOT
9
2
true
true
EOF
	same "sarif output" "$tmp/want" "$tmp/got"

	# The same path, one line further down.
	mkdir -p "$tmp/moved/$dir/cases"
	{ echo; cat $dir/cases/missing_id.c; } \
		>"$tmp/moved/$dir/cases/missing_id.c"
	(cd "$tmp/moved" && "$LOGSCHEMA" lint -s "$cat_" --format sarif \
		$dir/cases/missing_id.c -- -I"$inc" >"$tmp/second.sarif")
	jq -r '.runs[0].results[] | .partialFingerprints[]' \
		"$tmp/first.sarif" >"$tmp/want"
	jq -r '.runs[0].results[] | .partialFingerprints[]' \
		"$tmp/second.sarif" >"$tmp/got"
	total=$((total + 1))
	[ "$(sort -u "$tmp/want" | wc -l)" -eq 6 ] ||
		fail "sarif fingerprints are not distinct"
	same "sarif fingerprints survive moved lines" "$tmp/want" "$tmp/got"
fi

# Directories are searched for *.c, in a stable order; -j changes nothing.
mkdir -p "$tmp/tree/sub" "$tmp/tree/.hidden"
cp $dir/cases/missing_id.c "$tmp/tree/sub/"
cp $dir/cases/level_mismatch.c "$tmp/tree/"
cp $dir/cases/missing_id.c "$tmp/tree/.hidden/"
echo 'not C' >"$tmp/tree/notes.txt"
(cd "$tmp" && expect_status "directory" 1 \
	"$LOGSCHEMA" lint -s "$cat_" -j 1 tree -- -I"$inc")
grep -v '^ ' "$tmp/err" | cut -d: -f1 | uniq >"$tmp/got"
printf 'tree/level_mismatch.c\ntree/sub/missing_id.c\n' >"$tmp/want"
same "directory" "$tmp/want" "$tmp/got"
lint -j 1 --format json $dir/cases/*.c -- -I$inc >"$tmp/j1" 2>/dev/null
lint -j 4 --format json $dir/cases/*.c -- -I$inc >"$tmp/j4" 2>/dev/null
same "-j 4 gives what -j 1 gives" "$tmp/j1" "$tmp/j4"

# compile_commands.json: flags and working directory of each file.
mkdir -p "$tmp/proj/src" "$tmp/proj/build"
cp $dir/cases/missing_id.c "$tmp/proj/src/"
cat >"$tmp/proj/build/compile_commands.json" <<EOF
[{"directory": "$tmp/proj",
  "command": "cc -std=c99 -I$inc -c -o src/missing_id.o src/missing_id.c -MMD -MF src/missing_id.d",
  "file": "src/missing_id.c"}]
EOF
(cd "$tmp/proj" && expect_status "-p with a file" 1 \
	"$LOGSCHEMA" lint -s "$cat_" -p build src/missing_id.c)
(cd "$tmp/proj" && expect_status "-p alone lints the database" 1 \
	"$LOGSCHEMA" lint -s "$cat_" -p build)
grep -c '\[missing-id\]$' "$tmp/err" | grep -qx 6 ||
	fail "-p alone: expected 6 missing-id findings"
[ -e "$tmp/proj/src/missing_id.d" ] && fail "-p wrote a dependency file"
expect_status "-p without a database" 2 lint -p "$tmp" $dir/cases/typed_clean.c

# --staged lints what is staged, not the working tree.
if command -v git >/dev/null; then
	mkdir -p "$tmp/repo" && cd "$tmp/repo" &&
	git init -q . && cp "$root/$dir/cases/missing_id.c" bad.c &&
	cp "$root/$dir/cases/typed_clean.c" good.c &&
	git add bad.c good.c && echo 'int fixed;' >bad.c && cd "$root"
	(cd "$tmp/repo" && expect_status "--staged" 1 \
		"$LOGSCHEMA" lint -s "$cat_" --staged -- -I"$inc")
	grep -c '^bad.c:.*\[missing-id\]$' "$tmp/err" | grep -qx 6 ||
		fail "--staged: expected the staged bad.c's 6 findings"
	(cd "$tmp/repo" && git reset -q bad.c && expect_status \
		"--staged, clean" 0 "$LOGSCHEMA" lint -s "$cat_" --staged -- -I"$inc")
fi

# Exit statuses and usage.
expect_status "missing file" 2 lint no/such/file.c
expect_status "unknown check" 2 lint -Wmissing-ids $dir/cases/typed_clean.c
grep -q "unknown check 'missing-ids'; did you mean 'missing-id'?" "$tmp/err" ||
	fail "unknown check: no suggestion"
expect_status "no files" 2 lint
expect_status "help" 0 lint --help
expect_status "clean" 0 lint $dir/cases/typed_clean.c -- -I$inc
[ -s "$tmp/out" ] || [ -s "$tmp/err" ] && fail "clean: output is not empty"

if [ "$failed" -ne 0 ]; then
	echo "lint command line: $failed failed" >&2
	exit 1
fi
echo "  ok lint command line ($total checks)"
