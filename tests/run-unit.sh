#!/bin/sh
# run-unit.sh: run each cmocka binary from the repository root; fail if any fails.
failed=0
for t in "$@"; do
	if ! "$t" >"$t.log" 2>&1; then
		cat "$t.log"
		echo "FAIL: $t" >&2
		failed=1
	else
		echo "  ok $(basename "$t") ($(grep -c '^\[       OK \]' "$t.log") tests)"
	fi
done
exit $failed
