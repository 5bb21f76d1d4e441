#!/bin/sh
# Installs newstag into a temporary prefix, then builds the example program outside the tree
# with pkg-config and with find_package (C and C++), runs it, and checks what it prints.
# Usage: run_install_test.sh BUILD_DIR SOURCE_DIR
set -eu
BUILD=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
PREFIX=$TMP/prefix
cmake --install "$BUILD" --prefix "$PREFIX" >/dev/null
LIBDIR=$(find "$PREFIX" -name 'libnewstag.so' -printf '%h\n' | head -n 1)
PC=$(find "$PREFIX" -name newstag.pc -printf '%h\n' | head -n 1)
fail=0
check() { # name, output file
    if grep -q '^newstag [0-9]' "$2" && grep -q '^topic neet [0-9.]* assigned$' "$2" && grep -q '^entity LOC Павлодарской области$' "$2"; then
        echo "ok: $1"
    else
        echo "FAIL: $1"; cat "$2"; fail=1
    fi
}
for f in bin/newstag include/newstag.h include/newstag_version.h share/newstag/newstag-ru.ntm share/man/man1/newstag.1; do
    [ -e "$PREFIX/$f" ] && echo "ok: installed $f" || { echo "FAIL: $f not installed"; fail=1; }
done
[ -e "$LIBDIR/libnewstag.a" ] && echo "ok: static library" || { echo "FAIL: no static library"; fail=1; }
# pkg-config
# --define-prefix: the files were installed somewhere else than the configured prefix
cc "$SRC/tests/install/example.c" $(PKG_CONFIG_PATH=$PC pkg-config --define-prefix --cflags --libs newstag) -o "$TMP/ex_pc"
LD_LIBRARY_PATH=$LIBDIR "$TMP/ex_pc" >"$TMP/out_pc"
check "pkg-config build" "$TMP/out_pc"
# find_package, C and C++
cmake -S "$SRC/tests/install/consumer" -B "$TMP/consumer" -DCMAKE_PREFIX_PATH="$PREFIX" >/dev/null
cmake --build "$TMP/consumer" >/dev/null
LD_LIBRARY_PATH=$LIBDIR "$TMP/consumer/example_c" >"$TMP/out_c"
check "find_package C build" "$TMP/out_c"
LD_LIBRARY_PATH=$LIBDIR "$TMP/consumer/example_cxx" >"$TMP/out_cxx"
check "find_package C++ build" "$TMP/out_cxx"
# the installed command finds the installed model
"$PREFIX/bin/newstag" info >/dev/null && echo "ok: installed newstag finds its model" || { echo "FAIL: installed newstag info"; fail=1; }
[ $fail -eq 0 ] && echo "install: 8 passed, 0 failed" || echo "install: some failed"
exit $fail
