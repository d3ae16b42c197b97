#!/bin/sh
# catalogue-corpus.sh: no malformed catalogue makes logschema die by a signal.
# A bad file must exit 1 (findings) or 2 (unreadable); any other input
# must exit 0, 1 or 2, within 10 seconds.
bin=${1:-build/logschema}
failed=0
n=0
# Bad files must fail; fuzz seeds and regressions must only not crash.
for f in tests/data/catalogue/bad/*.yaml tests/fuzz/corpus/catalogue/* \
	 tests/fuzz/regressions/catalogue/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	timeout 10 "$bin" check -s "$f" >/dev/null 2>&1
	status=$?
	case $f in tests/data/*) ok="1 2" ;; *) ok="0 1 2" ;; esac
	if ! echo " $ok " | grep -q " $status "; then
		echo "FAIL: logschema check -s $f exited $status" >&2
		failed=1
	fi
done
echo "  ok catalogue corpus ($n files, none crashed or hung)"
exit $failed
