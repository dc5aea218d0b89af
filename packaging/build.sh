#!/usr/bin/env bash
# Build the self-contained Linux bundle with PyInstaller from packaging/argmap.spec:
#   dist/argmap/                                 (one folder; run dist/argmap/argmap)
#   dist/argmap-VERSION-linux-ARCH.tar.gz        (the same folder, packed)
# Needs argmap importable and PyInstaller installed: pip install -e '.[bundle]'.
# PYTHON selects the interpreter (default: python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
version=$("$PYTHON" -c 'import argmap; print(argmap.__version__)')
arch=$(uname -m)
rm -rf build/pyinstaller dist/argmap
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/argmap.spec
tarball="dist/argmap-$version-linux-$arch.tar.gz"
tar -C dist -czf "$tarball" argmap
echo "bundle: dist/argmap ($(du -sm dist/argmap | cut -f1) MB unpacked)"
echo "archive: $tarball ($(du -sm "$tarball" | cut -f1) MB)"
