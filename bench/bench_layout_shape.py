"""Shape and speed of the layout styles (issue 9 targets), medians of repeated runs.

    python bench/bench_layout_shape.py [--repeat 5] [--sizes 10000,50000]

- the example laid out compactly for a 1600x900 window: the zoom at which it fits
  (target >= 70 %) and its aspect (target <= 2:1), with the app's card sizes;
- a 1,000-claim Kialo debate, imported, laid out with --aspect 16:9: aspect in 1.3..2.4;
- compact layout of the synthetic 10,000 / 50,000-statement maps: <= 100 ms / <= 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kialo_debate import kialo_text
from synthetic import generate_map

from argmap.formats.kialo import loads_kialo
from argmap.formats.project import load_project
from argmap.layout import STYLES, estimate_card_size, layout_map

EXAMPLE = HERE.parent / "examples" / "ottawa-convention.argmap.json"
VIEW = (1600.0, 900.0)


def extent(amap, pos, size_of):
    left = top = float("inf")
    right = bottom = float("-inf")
    for s in amap.statements():
        w, h = size_of(s)
        x, y = pos[s.id]
        left, top = min(left, x), min(top, y)
        right, bottom = max(right, x + w), max(bottom, y + h)
    return right - left, bottom - top


def fit_zoom(w: float, h: float) -> float:
    """As the app's Fit to window (a 2 % margin, never above 100 %)."""
    return min(VIEW[0] / w, VIEW[1] / h, 1.0) * 0.98


def median_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="10000,50000")
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication

    from argmap.ui.canvas.card_layout import card_size

    app = QGuiApplication.instance() or QGuiApplication(["bench"])  # noqa: F841
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    example = load_project(EXAMPLE).map
    saved = {s.id: s.pos for s in example.statements()}
    w, h = extent(example, saved, card_size)
    print(f"example as saved: {w:.0f} x {h:.0f}, aspect {w / h:.2f}:1, fits 1600x900 at {fit_zoom(w, h):.0%}")
    for style in STYLES:
        pos = layout_map(example, size_of=card_size, style=style, aspect=VIEW[0] / VIEW[1])
        w, h = extent(example, pos, card_size)
        print(f"example {style:>10}: {w:.0f} x {h:.0f}, aspect {w / h:.2f}:1, fits 1600x900 at {fit_zoom(w, h):.0%}")
    debate, _ = loads_kialo(kialo_text(1000))
    for style in STYLES:
        pos = layout_map(debate, style=style, aspect=16 / 9)
        w, h = extent(debate, pos, estimate_card_size)
        ms = median_ms(lambda style=style: layout_map(debate, style=style, aspect=16 / 9), args.repeat)
        print(f"Kialo debate of {len(debate.statements())} {style:>10} --aspect 16:9: aspect {w / h:.2f}:1 "
              f"(target 1.3..2.4 for compact), median {ms:.1f} ms")
    for n in (int(v) for v in args.sizes.split(",")):
        amap = generate_map(n, with_positions=False)
        repeat = args.repeat if n <= 10_000 else max(3, args.repeat // 2)
        for style in STYLES:
            ms = median_ms(lambda amap=amap, style=style: layout_map(amap, style=style), repeat)
            pos = layout_map(amap, style=style)
            w, h = extent(amap, pos, estimate_card_size)
            print(f"synthetic {n:>6} {style:>10}: median {ms:7.1f} ms, aspect {w / h:.2f}:1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
