#!/bin/sh
# run-tests.sh BIN...: run cmocka binaries like tests/run-unit.sh, and show
# the known breakages their skipped tests print.
failed=0
for t in "$@"; do
	if ! "$t" >"$t.log" 2>&1; then
		cat "$t.log"
		echo "FAIL: $t" >&2
		failed=1
		continue
	fi
	echo "  ok $(basename "$t") ($(grep -c '^\[       OK \]' "$t.log") tests)"
	grep '^known breakage' "$t.log" | sed 's/^/  /'
done
exit $failed
