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
    failures += icu_failures()
    del app
    for line in failures:
        print(f"selftest: FAILED: {line}", file=sys.stderr)
    return 1 if failures else 0


def icu_failures() -> list[str]:
    """What Qt does with ICU (the bundle's ICU data is slimmed: packaging/slim_icu.py), each
    checked against ICU's answer: locale case mapping, collation, time-zone names, codecs."""
    from PySide6.QtCore import QCollator, QLocale, QStringConverter, QStringDecoder, QTimeZone

    collator = QCollator(QLocale("en_US"))
    collator.setNumericMode(True)
    berlin = QTimeZone(b"Europe/Berlin")
    new_york = QTimeZone(b"America/New_York")
    long_name, short_name = QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName
    checks = {
        "Turkish upper case of i": (QLocale("tr_TR").toUpper("i"), "\u0130"),
        "German upper case of straße": (QLocale("de_DE").toUpper("straße"), "STRASSE"),
        "Swedish sorts ä after z": (QCollator(QLocale("sv_SE")).compare("ä", "z") > 0, True),
        "German sorts ä before z": (QCollator(QLocale("de_DE")).compare("ä", "z") < 0, True),
        "numeric sorting puts file9 before file10": (collator.compare("file9", "file10") < 0, True),
        "Berlin's time-zone name in English": (
            berlin.displayName(QTimeZone.TimeType.StandardTime, long_name, QLocale("en_US")), "Central European Standard Time"),
        "Berlin's time-zone name in German": (
            berlin.displayName(QTimeZone.TimeType.StandardTime, long_name, QLocale("de_DE")), "Mitteleuropäische Normalzeit"),
        "New York's short time-zone name in English": (
            new_york.displayName(QTimeZone.TimeType.StandardTime, short_name, QLocale("en_US")), "EST"),
        "New York's short time-zone name in French (the GMT format)": (
            new_york.displayName(QTimeZone.TimeType.StandardTime, short_name, QLocale("fr_FR")), "UTC\u22125"),
        "New York's summer time-zone name in French": (
            new_york.displayName(QTimeZone.TimeType.DaylightTime, long_name, QLocale("fr_FR")),
            "heure d\u2019été de l\u2019Est nord-américain"),
        "a Shift_JIS decoder": (QStringDecoder("Shift_JIS").isValid(), True),
        "over 100 codecs": (len(QStringConverter.availableCodecs()) > 100, True),
    }
    print(f"selftest: ICU: {len(checks)} checks of case mapping, collation, time-zone names and codecs")
    return [f"ICU: {what}: got {got!r}, expected {want!r}" for what, (got, want) in checks.items() if got != want]


if __name__ == "__main__":
    if os.environ.get("ARGMAP_BUNDLE_SELFTEST") == "1":
        sys.exit(selftest())
    from argmap.cli import main

    sys.exit(main())
