#!/bin/sh
# bench.sh: wall and CPU time of `logschema lint` against `clang
# -fsyntax-only` on the same files with the same flags.
#
#	sh tests/lint/bench.sh CATALOGUE COPIES SOURCE.c [CFLAGS...]
#
# SOURCE.c is copied COPIES times (a project of that many files); each
# command runs three times and the fastest wall time counts. clang gets all
# the files in one command; lint runs with -j 1 and with its default (one
# job per core).

LOGSCHEMA=${LOGSCHEMA:-build/logschema}
CLANG=${CLANG:-clang-14}
catalogue=$1 copies=$2 source=$3
shift 3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/logschema-lint-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

i=0
while [ $i -lt "$copies" ]; do
	cp "$source" "$tmp/file_$i.c"
	i=$((i + 1))
done

# best NAME COMMAND...: the fastest of three runs, wall and CPU seconds.
best() {
	name=$1
	shift
	bw= bc=
	for run in 1 2 3; do
		/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >/dev/null 2>&1
		read -r w u s <"$tmp/time"
		c=$(echo "$u + $s" | bc)
		if [ -z "$bw" ] || [ "$(echo "$w < $bw" | bc)" = 1 ]; then
			bw=$w bc=$c
		fi
	done
	printf '%-34s %8.2f s wall %8.2f s cpu\n' "$name" "$bw" "$bc"
	echo "$bw" >"$tmp/$name.wall"
}

echo "$copies copies of $source, flags: $*"
best clang "$CLANG" -fsyntax-only "$@" "$tmp"/file_*.c
best lint-j1 "$LOGSCHEMA" lint -s "$catalogue" -j 1 "$tmp" -- "$@"
best lint "$LOGSCHEMA" lint -s "$catalogue" "$tmp" -- "$@"
for n in lint-j1 lint; do
	printf '%s / clang: %s\n' "$n" \
		"$(echo "scale=2; $(cat "$tmp/$n.wall") / $(cat "$tmp/clang.wall")" | bc)"
done
