#!/bin/sh
# generator-real.sh LOGSCHEMA: `generate` against real failing file systems.
#
# As root: a small tmpfs filled up so the next output cannot be written
# whole, then the same tmpfs remounted read-only. Otherwise: a directory
# without write permission (root ignores permissions, hence the mounts).
# Either way the previous outputs stay byte-identical, the run exits 2
# naming the file and the error, and a run after the fault succeeds.
bin=${1:-build/logschema}
work=build/faults/real
cat_src=tests/data/catalogue/good/minimal.yaml
failed=0
mnt=

cleanup() {
	if [ -n "$mnt" ]; then
		umount "$mnt" 2>/dev/null
		mnt=
	fi
	chmod -R u+w "$work" 2>/dev/null
}
trap cleanup EXIT INT TERM

rm -rf "$work"
mkdir -p "$work/out" "$work/ref1" "$work/ref2"
cp "$cat_src" "$work/v1.yaml"
sed 's/msg: Payment started/msg: Payment begun/' "$cat_src" >"$work/v2.yaml"
out=$work/out
"$bin" generate -s "$work/v2.yaml" --target c -o "$work/ref2" ||
	{ echo "FAIL: generator fault: cannot set up" >&2; exit 1; }

fail() {
	echo "FAIL: generator fault: $*" >&2
	failed=1
}

gen() {
	"$bin" generate -s "$1" --target c -o "$out" 2>"$work/err"
}

# same_as REF: the outputs are those of REF, and no temporary file is left.
same_as() {
	for f in "$1"/*; do
		cmp -s "$f" "$out/${f##*/}" || return 1
	done
	! ls -a "$out" | grep -q tmp
}

# check DESC ERRTEXT: the run just made failed cleanly and changed nothing.
check() {
	if [ "$status" -ne 2 ]; then
		fail "$1: exit status $status, not 2"
	elif ! grep -q "$out/shp_log\.[ch].*$2" "$work/err"; then
		cat "$work/err" >&2
		fail "$1: no diagnostic naming the file and '$2'"
	elif ! same_as "$work/ref1"; then
		fail "$1: the previous outputs changed"
	else
		echo "  ok generator fault: $1"
	fi
}

if [ "$(id -u)" -eq 0 ] &&
   mount -t tmpfs -o size=256k logschema-faults "$out" 2>/dev/null; then
	mnt=$out
	gen "$work/v1.yaml" || { cat "$work/err"; fail "tmpfs: cannot set up"; exit 1; }
	cp "$out"/* "$work/ref1/"

	# Fill the disk, then leave 8 KiB: the next output fills it mid-write.
	dd if=/dev/zero of="$out/filler" bs=4096 2>/dev/null
	truncate -s -8K "$out/filler"
	gen "$work/v2.yaml"
	status=$?
	rm -f "$out/filler"
	check "tmpfs fills mid-write (real ENOSPC)" "No space left on device"

	mount -o remount,ro "$out"
	gen "$work/v2.yaml"
	status=$?
	mount -o remount,rw "$out"
	check "tmpfs remounted read-only (real EROFS)" "Read-only file system"

	if gen "$work/v2.yaml" && same_as "$work/ref2"; then
		echo "  ok generator fault: the run after the real faults succeeds"
	else
		fail "the run after the real faults did not write the new outputs"
	fi
	cleanup
elif [ "$(id -u)" -ne 0 ]; then
	gen "$work/v1.yaml" || { cat "$work/err"; fail "cannot set up"; exit 1; }
	cp "$out"/* "$work/ref1/"
	chmod a-w "$out"
	gen "$work/v2.yaml"
	status=$?
	chmod u+w "$out"
	check "directory without write permission (real EACCES)" "Permission denied"
	if gen "$work/v2.yaml" && same_as "$work/ref2"; then
		echo "  ok generator fault: the run after the real fault succeeds"
	else
		fail "the run after the real fault did not write the new outputs"
	fi
else
	echo "  skip generator fault: real file systems (root, but cannot mount a tmpfs)"
fi
exit $failed
