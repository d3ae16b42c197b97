#!/bin/sh
# run.sh LOGSCHEMA: build a small user program with logschema.mk and with
# cmake/Logschema.cmake, and check that the API is regenerated when, and
# only when, the catalogue changes.
set -eu

logschema=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: build-systems: $*" >&2
	exit 1
}

setup() {
	mkdir -p "$1/logging"
	cp "$here/app.c" "$here/Makefile" "$here/CMakeLists.txt" "$1/"
	cp "$root/logschema.mk" "$root/cmake/Logschema.cmake" "$1/"
	cp "$root/tests/generated/naive/catalogue.yaml" "$1/logging/"
}

# Make
setup "$work/make"
cd "$work/make"
make -s LOGSCHEMA="$logschema" app >build.log 2>&1 || { cat build.log; fail "make"; }
./app | grep -q '"action":"job_started","msg":"Job started","job_id":"j1"' ||
	fail "make: unexpected output: $(./app)"
make LOGSCHEMA="$logschema" app >again.log 2>&1 || { cat again.log; fail "make again"; }
! grep -q 'generate\|app\.c' again.log || fail "make: a second build did work"
sleep 1
touch logging/catalogue.yaml
make LOGSCHEMA="$logschema" app >rebuild.log 2>&1 || { cat rebuild.log; fail "make rebuild"; }
grep -q 'generate' rebuild.log || fail "make: a touched catalogue did not regenerate"
! grep -q 'app\.c' rebuild.log || fail "make: an unchanged header rebuilt app.o"
sed 's/msg: Job started/msg: Job begun/' logging/catalogue.yaml >c.tmp
mv c.tmp logging/catalogue.yaml
make -s LOGSCHEMA="$logschema" app >rebuild.log 2>&1 || { cat rebuild.log; fail "make rebuild"; }
./app | grep -q '"msg":"Job begun"' || fail "make: a changed catalogue was not picked up"
echo "  ok logschema.mk builds, regenerates on change, and only then"

# CMake
if ! command -v cmake >/dev/null 2>&1; then
	echo "  skip cmake/Logschema.cmake (no cmake)"
	exit 0
fi
setup "$work/cmake"
cd "$work/cmake"
cmake -S . -B build -DLOGSCHEMA_EXECUTABLE="$logschema" >build.log 2>&1 ||
	{ cat build.log; fail "cmake configure"; }
cmake --build build >>build.log 2>&1 || { cat build.log; fail "cmake build"; }
./build/app | grep -q '"action":"job_started"' || fail "cmake: unexpected output"
sed 's/msg: Job started/msg: Job begun/' logging/catalogue.yaml >c.tmp
mv c.tmp logging/catalogue.yaml
cmake --build build >>build.log 2>&1 || { cat build.log; fail "cmake rebuild"; }
./build/app | grep -q '"msg":"Job begun"' || fail "cmake: a changed catalogue was not picked up"
echo "  ok cmake/Logschema.cmake builds and regenerates on change"
