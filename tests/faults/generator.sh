#!/bin/sh
# generator.sh LOGSCHEMA SHIM: `generate` under injected write faults.
#
# Each fault (a read-only directory, a disk that fills mid-write, a failing
# fsync, close, fchmod or rename) must leave the previous outputs
# byte-identical and untouched, leave no temporary file behind, exit 2 and
# name the file and the system error. A run after the fault then succeeds,
# and a run with nothing changed keeps every output's inode and mtime.
bin=${1:-build/logschema}
shim=${2:-build/faults/failwrite.so}
work=build/faults/generator
cat_src=tests/data/catalogue/good/minimal.yaml
failed=0

rm -rf "$work"
mkdir -p "$work/out" "$work/ref1" "$work/ref2"
cp "$cat_src" "$work/v1.yaml"
sed 's/msg: Payment started/msg: Payment begun/' "$cat_src" >"$work/v2.yaml"
out=$work/out

fail() {
	echo "FAIL: generator fault: $*" >&2
	failed=1
}

# File names, sizes, inodes and mtimes (to the nanosecond) of the outputs.
state() {
	(cd "$1" && stat -c '%n %s %i %.9Y' * 2>/dev/null)
}

# The outputs must be exactly those of reference directory $1.
same_as() {
	for f in "$1"/*; do
		cmp -s "$f" "$out/${f##*/}" || return 1
	done
	[ "$(ls "$1")" = "$(ls "$out")" ]
}

gen() {
	"$bin" generate -s "$1" --target c -o "$2"
}

gen "$work/v1.yaml" "$work/ref1" 2>"$work/err" &&
	gen "$work/v2.yaml" "$work/ref2" 2>>"$work/err" &&
	gen "$work/v1.yaml" "$out" 2>>"$work/err" ||
	{ cat "$work/err"; echo "FAIL: generator fault: cannot set up" >&2; exit 1; }
cmp -s "$work/ref1/shp_log.c" "$work/ref2/shp_log.c" &&
	{ echo "FAIL: generator fault: v2 renders as v1" >&2; exit 1; }
csize=$(stat -c %s "$work/ref2/shp_log.c")

# expect_intact DESC FILE ERRTEXT STATUS: after a faulty run, the previous
# outputs are as they were and the diagnostic names FILE and the error.
expect_intact() {
	desc=$1 file=$2 text=$3 status=$4
	if [ "$status" -ne 2 ]; then
		fail "$desc: exit status $status, not 2"
	elif ! grep -q "$out/$file.*$text" "$work/err"; then
		cat "$work/err" >&2
		fail "$desc: no diagnostic naming $file and '$text'"
	elif [ "$(state "$out")" != "$before" ] || ! same_as "$work/ref1"; then
		fail "$desc: the previous outputs changed"
	elif ls -a "$out" | grep -q tmp; then
		fail "$desc: a temporary file was left behind: $(ls -a "$out")"
	else
		echo "  ok generator fault: $desc"
	fi
}

# inject DESC FILE ERRTEXT OP ERRNO [AFTER [SKIP]]: regenerate v2 under a
# fault, which must really happen (the shim logs it), and leave v1 intact.
inject() {
	desc=$1 file=$2 text=$3
	rm -f "$work/log"
	before=$(state "$out")
	FAILWRITE_MATCH="$out/" FAILWRITE_OP=$4 FAILWRITE_ERRNO=$5 \
		FAILWRITE_AFTER=${6:-0} FAILWRITE_SKIP=${7:-0} \
		FAILWRITE_LOG="$work/log" ASAN_OPTIONS=verify_asan_link_order=0 \
		LD_PRELOAD="$shim" "$bin" generate -s "$work/v2.yaml" \
		--target c -o "$out" 2>"$work/err"
	status=$?
	if [ ! -s "$work/log" ]; then
		fail "$desc: the fault was never injected (exit $status)"
		return
	fi
	expect_intact "$desc" "$file" "$text" $status
}

inject "read-only directory (mkstemp EROFS)" shp_log.c \
	"Read-only file system" mkstemp EROFS
inject "full disk at the first byte (write ENOSPC)" shp_log.c \
	"No space left on device" write ENOSPC 0
inject "disk fills mid-write (short write, then ENOSPC)" shp_log.c \
	"No space left on device" write ENOSPC 4096
inject "quota reached in the second output (EDQUOT)" shp_log.h \
	"Disk quota exceeded" write EDQUOT $((csize + 1000))
inject "second output cannot be created" shp_log.h \
	"Read-only file system" mkstemp EROFS 0 1
inject "fsync fails (EIO)" shp_log.c "Input/output error" fsync EIO
inject "close fails (EIO)" shp_log.c "Input/output error" close EIO
inject "fchmod fails (EPERM)" shp_log.c "Operation not permitted" \
	fchmod EPERM
inject "first rename fails (EROFS)" shp_log.c "Read-only file system" \
	rename EROFS

# A rename that fails after another output was renamed: generate puts the
# renamed ones back (every later rename fails too, so it must use a link).
rm -f "$work/log"
before=$(state "$out")
FAILWRITE_MATCH="$out/" FAILWRITE_OP=rename FAILWRITE_ERRNO=EIO \
	FAILWRITE_SKIP=1 FAILWRITE_LOG="$work/log" \
	ASAN_OPTIONS=verify_asan_link_order=0 LD_PRELOAD="$shim" \
	"$bin" generate -s "$work/v2.yaml" --target c -o "$out" 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && same_as "$work/ref1"; then
	echo "  ok generator fault: second rename fails (EIO): previous set intact"
else
	fail "second rename fails (EIO): exit status $status"
fi

# After the fault, the same run succeeds.
before=$(state "$out")
if ! gen "$work/v2.yaml" "$out" 2>"$work/err"; then
	cat "$work/err" >&2
	fail "the run after the faults failed"
elif ! same_as "$work/ref2"; then
	fail "the run after the faults wrote other content"
else
	echo "  ok generator fault: the run after the faults writes the new outputs"
fi

# Nothing changed: nothing is rewritten, inodes and mtimes stay.
before=$(state "$out")
sleep 0.01
"$bin" generate -s "$work/v2.yaml" --target c -o "$out" -v 2>"$work/err"
status=$?
if [ $status -ne 0 ] || [ "$(state "$out")" != "$before" ]; then
	fail "regenerating without change rewrote the outputs (exit $status)"
elif ! grep -q "0 written, 2 unchanged" "$work/err"; then
	fail "regenerating without change: $(tail -1 "$work/err")"
else
	echo "  ok generator fault: regenerating without change keeps mtimes"
fi

sh tests/faults/generator-real.sh "$bin" || failed=1
exit $failed
