"""Entry point of the PyInstaller bundle: the same `argmap` command line as the
installed script (no arguments or files open the app).

``ARGMAP_BUNDLE_SELFTEST=1`` runs a check of the bundle instead (packaging/smoke.sh
uses it): every argmap module imports, the libraries loaded only on some paths (pypdf,
rapidfuzz) import, and Qt reads the app's SVG icon and SVG pictures."""

import os
import sys


def selftest() -> int:
    """Import every argmap module and check what the bundle left out is not needed;
    print one line per check and return the exit status."""
    import importlib
    import pkgutil

    import argmap

    failures = []
    names = [m.name for m in pkgutil.walk_packages(argmap.__path__, "argmap.") if not m.name.endswith("__main__")]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - report every module that fails, whatever the error
            failures.append(f"import {name}: {type(exc).__name__}: {exc}")
    print(f"selftest: imported {len(names)} argmap modules")
    if len(names) < 50:
        failures.append(f"only {len(names)} argmap modules found")
    for name in ("pypdf", "rapidfuzz.fuzz", "rapidfuzz.process", "pydantic", "networkx"):
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001
            failures.append(f"import {name}: {type(exc).__name__}: {exc}")

    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from argmap.ui.icons import app_icon

    app = QApplication.instance() or QApplication(["argmap"])
    formats = sorted(bytes(f.data()).decode() for f in QImageReader.supportedImageFormats())
    print(f"selftest: Qt image formats: {' '.join(formats)}")
    for fmt in ("png", "svg"):
        if fmt not in formats:
            failures.append(f"Qt cannot read {fmt.upper()} images")
    sizes = app_icon().availableSizes()
    print(f"selftest: app icon sizes: {' '.join(f'{s.width()}x{s.height()}' for s in sizes)}")
    if not sizes:
        failures.append("the app icon (argmap.svg) could not be read")
    del app
    for line in failures:
        print(f"selftest: FAILED: {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    if os.environ.get("ARGMAP_BUNDLE_SELFTEST") == "1":
        sys.exit(selftest())
    from argmap.cli import main

    sys.exit(main())
