"""The layout package stays Qt-free: importing it loads neither PySide6 nor argmap.ui."""

from __future__ import annotations

import subprocess
import sys


def test_layout_imports_no_qt():
    code = (
        "import sys, argmap.layout, argmap.layout.edits\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'argmap.ui')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
