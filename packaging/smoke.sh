#!/usr/bin/env bash
# Smoke test of the Linux bundle: unpack the .tar.gz into a temporary folder and run it
# with a clean environment (no virtual environment, no Python on PATH, no display):
#   argmap --version, validate the bundled example, export it to PNG and PDF, convert it
#   to Argdown, compare it with itself, add the exported PDF to it as a source (pypdf),
#   --install-desktop and --uninstall-desktop into a temporary XDG folder, the bundle's
#   self-test (every argmap module imports; Qt reads the SVG app icon); then the app itself
#   for a few seconds under Xvfb when Xvfb is installed, with a second `argmap FILE`
#   handing its file over to it (single instance).
# Usage: packaging/smoke.sh [dist/argmap-VERSION-linux-ARCH.tar.gz]
set -euo pipefail
cd "$(dirname "$0")/.."
tarball=${1:-$(ls -t dist/argmap-*-linux-*.tar.gz 2>/dev/null | head -n 1)}
[ -n "$tarball" ] && [ -f "$tarball" ] || { echo "smoke: no bundle archive (run packaging/build.sh first)" >&2; exit 2; }
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
work=$(mktemp -d)
xvfb_pid=""
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
tar -C "$work" -xzf "$tarball"
bundle="$work/argmap"
echo "smoke: unpacked $(basename "$tarball") into $work ($(du -sm --apparent-size "$bundle" | cut -f1) MB)"
mkdir -p "$work/home" "$work/out"
# a clean environment: only system folders on PATH, no Python variables, no display
run() {
    env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 TMPDIR="$work" \
        ARGMAP_CONFIG_DIR="$work/home/config" ARGMAP_DATA_DIR="$work/home/data" "$@"
}
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
example=$(find "$bundle" -name 'ottawa-convention.argmap.json' | head -n 1)
[ -n "$example" ] || fail "the bundled example is missing"
cd "$work/out"

version=$(run "$bundle/argmap" --version) || fail "argmap --version"
echo "smoke: --version: $version"
[[ "$version" == argmap\ * ]] || fail "unexpected --version output: $version"

run "$bundle/argmap" validate "$example" || fail "argmap validate"

run "$bundle/argmap" export "$example" -o map.png --legend --title || fail "export to PNG"
[ "$(head -c 8 map.png | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "map.png is not a PNG"
run "$bundle/argmap" export "$example" -o map.pdf --paper a4 || fail "export to PDF"
[ "$(head -c 5 map.pdf)" = "%PDF-" ] || fail "map.pdf is not a PDF"
echo "smoke: export: map.png $(stat -c %s map.png) bytes, map.pdf $(stat -c %s map.pdf) bytes"

run "$bundle/argmap" convert "$example" -o map.argdown -q || fail "convert to Argdown"
grep -q "Deterrence" map.argdown || fail "map.argdown lacks the example's statements"
echo "smoke: convert: map.argdown $(wc -l < map.argdown) lines"

# compare (rapidfuzz, whose AVX2 builds the bundle leaves out): the example against itself
cp "$example" student.argmap.json
run "$bundle/argmap" compare "$example" student.argmap.json > compare.txt || fail "compare"
grep -q "100/100" compare.txt || fail "compare of the example with itself did not score 100"
echo "smoke: compare: $(head -n 1 compare.txt)"

# sources add of a PDF (pypdf, which reads the text of PDF sources): the PDF exported above
cp "$example" sourced.argmap.json
run "$bundle/argmap" sources add sourced.argmap.json map.pdf --title "Exported map" >/dev/null || fail "sources add of a PDF"
run "$bundle/argmap" sources list sourced.argmap.json > sources.txt || fail "sources list"
grep -q "pages," sources.txt && grep -q "Exported map" sources.txt || fail "the PDF source is not listed with its pages: $(cat sources.txt)"
echo "smoke: sources add map.pdf: $(grep "Exported map" sources.txt | head -n 1)"

mkdir -p "$work/xdg/data" "$work/xdg/config"
run XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config" "$bundle/argmap" --install-desktop >/dev/null \
    || fail "argmap --install-desktop"
grep -q "^Exec=$bundle/argmap %F" "$work/xdg/data/applications/argmap.desktop" || fail "the desktop entry does not start the bundle"
run XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config" "$bundle/argmap" --uninstall-desktop >/dev/null \
    || fail "argmap --uninstall-desktop"
[ -z "$(find "$work/xdg" -mindepth 2)" ] || fail "--uninstall-desktop left files behind: $(find "$work/xdg" -mindepth 2)"
echo "smoke: --install-desktop and --uninstall-desktop into a temporary XDG folder"

# every argmap module imports in the bundle (nothing it needs was left out), and Qt reads
# SVG and PNG images: the app icon (argmap.svg) loads (packaging/launcher.py)
run QT_QPA_PLATFORM=offscreen ARGMAP_BUNDLE_SELFTEST=1 "$bundle/argmap" || fail "the bundle's self-test"

if command -v Xvfb >/dev/null 2>&1; then
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
    xvfb_pid=$!
    for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.2; done
    [ -s "$work/display" ] || fail "Xvfb did not start"
    display=":$(head -n 1 "$work/display")"
    set +e
    run DISPLAY="$display" timeout 10 "$bundle/argmap" "$example" >"$work/app.log" 2>&1 &
    app_pid=$!
    # single instance: once the app listens on its local socket (QtNetwork; in TMPDIR), a
    # second `argmap FILE` hands the file over to it and exits at once
    for _ in $(seq 40); do [ -n "$(find "$work" -maxdepth 1 -type s)" ] && break; sleep 0.2; done
    [ -n "$(find "$work" -maxdepth 1 -type s)" ] || echo "smoke: the app's local socket did not appear" >&2
    run DISPLAY="$display" timeout 5 "$bundle/argmap" student.argmap.json >"$work/second.log" 2>&1
    second=$?
    wait "$app_pid"
    status=$?
    set -e
    # 124: still running when timeout stopped it, which is what an app should do
    [ "$status" = 124 ] || { cat "$work/app.log" >&2; fail "the app exited with $status under Xvfb"; }
    [ "$second" = 0 ] || { cat "$work/second.log" >&2; fail "a second argmap did not hand its file to the running app ($second)"; }
    echo "smoke: the app ran for 10 s under Xvfb ($display); a second argmap FILE handed its file over to it"
else
    echo "smoke: Xvfb not installed: skipped running the app itself (apt-get install xvfb)"
fi
echo "smoke: OK"
