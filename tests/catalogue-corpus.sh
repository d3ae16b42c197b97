#!/bin/sh
# catalogue-corpus.sh: no malformed catalogue makes logschema die by a signal.
# Every file under tests/data/catalogue/bad and tests/fuzz/corpus/catalogue
# is checked; the exit status must be 1 (findings) or 2 (unreadable).
bin=${1:-build/logschema}
failed=0
n=0
for f in tests/data/catalogue/bad/*.yaml tests/fuzz/corpus/catalogue/* \
	 tests/fuzz/regressions/catalogue/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	timeout 10 "$bin" check -s "$f" >/dev/null 2>&1
	status=$?
	if [ $status -ne 1 ] && [ $status -ne 2 ]; then
		echo "FAIL: logschema check -s $f exited $status" >&2
		failed=1
	fi
done
echo "  ok catalogue corpus ($n malformed files, none crashed)"
exit $failed
