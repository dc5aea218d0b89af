"""Absurd positions: the example map with one card moved to 1e18 (and one to -1e18 on
both axes), exported as PNG, SVG, PDF (fit, A4 pages, A4 tiles) and opened in a window.
Each run is a separate process; prints wall time and peak memory (ru_maxrss).

    python bench/bench_far_cards.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ottawa-convention.argmap.json"

OPEN = r"""
import sys
from argmap.ui.app import make_app
app = make_app()
from argmap.ui.session import Session
session = Session()
w = session.new_window()
w.files.open_path(sys.argv[1])
w.resize(1400, 900)
w.actions_by_name["zoom_fit"].trigger()
app.processEvents()
w.grab()
w.document._forced_modified = False
w.close()
"""


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, timeout=600, check=False)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024, done.returncode


def main() -> None:
    data = json.loads(EXAMPLE.read_text())
    data["statements"][0]["pos"] = [1e18, 5]
    data["statements"][1]["pos"] = [-1e18, -1e18]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "far.argmap.json"
        src.write_text(json.dumps(data))
        env["ARGMAP_DATA_DIR"] = env["ARGMAP_CONFIG_DIR"] = tmp
        cases = [
            ("export png", ["-o", f"{tmp}/far.png"]),
            ("export svg", ["-o", f"{tmp}/far.svg"]),
            ("export pdf fit", ["-o", f"{tmp}/far.pdf"]),
            ("export pdf a4 pages", ["-o", f"{tmp}/far2.pdf", "--paper", "a4"]),
            ("export pdf a4 tiles", ["-o", f"{tmp}/far3.pdf", "--paper", "a4", "--pages", "tiles"]),
        ]
        for name, extra in cases:
            wall, mb, rc = run([sys.executable, "-m", "argmap", "export", str(src), *extra], env)
            print(f"{name:22s} {wall:6.2f} s  peak {mb:7.0f} MB  exit {rc}")
        wall, mb, rc = run([sys.executable, "-c", OPEN, str(src)], env)
        print(f"{'open + fit in window':22s} {wall:6.2f} s  peak {mb:7.0f} MB  exit {rc}")


if __name__ == "__main__":
    main()
