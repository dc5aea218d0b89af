"""argmap.compare is Qt-free: it may use model, formats, reasoning and export, never
the UI, the CLI or Qt (checked on the source and by importing it in a fresh process)."""

from __future__ import annotations

import subprocess
import sys

from tests.test_architecture import SRC, imports_of


def test_compare_source_imports_no_qt_ui_or_cli():
    offenders = [
        f"{path.name}: {name}"
        for path in sorted((SRC / "compare").glob("*.py"))
        for name in imports_of(path)
        if name.split(".")[0] in {"PySide6", "shiboken6"} or name.startswith(("argmap.ui", "argmap.cli"))
    ]
    assert offenders == []


def test_compare_imports_without_loading_qt():
    code = (
        "import sys, argmap.compare, argmap.compare.report, argmap.compare.assignment, argmap.formats.templates\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'argmap.ui'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"
