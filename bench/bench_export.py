"""Export speed: PNG of the 1,000-statement synthetic map at 2x (target 1 s), SVG and PDF
of the 10,000-statement map (target 3 s each). Prints the median of a few runs.

    python bench/bench_export.py [--runs 3] [--png-only]

The 1,000-statement map is measured twice: as generated (cards on a grid, about 9,300 x
7,400 units) and as ``argmap.layout.layout_map`` lays it out (what a user gets after
auto-layout: one wide tree, about 115,000 x 3,500 units). Both are far bigger than a PNG
may be at 2x, so the export scales them down to its size cap (and says so); the example
map at 2x is measured too. Each run builds a fresh export scene from the map, renders and
encodes, as ``argmap export`` does (loading the file and the layout are not timed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.synthetic import generate_map  # noqa: E402


def _time(fn, runs: int) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    """Median wall-clock and CPU seconds (CPU time shows the cost on a busy machine)."""
    times, cpu = [], []
    result = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(times), statistics.median(cpu), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--png-only", action="store_true", help="skip the SVG and PDF cases")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from argmap.ui.render.export import ExportOptions, render_bytes

    app = QApplication.instance() or QApplication([])  # noqa: F841
    render_bytes(generate_map(50), "png", ExportOptions())  # warm up fonts and caches

    two = ExportOptions(scale=2.0)
    cases = [
        ("PNG 1,000 statements @2x (grid)", generate_map(1000), "png", two, 1.0),
        ("PNG 1,000 statements @2x (layout)", _laid_out(generate_map(1000, with_positions=False)), "png", two, 1.0),
        ("PNG example @2x", _example(), "png", two, None),
        ("PNG 150 statements @2x", generate_map(150), "png", two, None),
    ]
    if not args.png_only:
        big = generate_map(10_000)
        cases += [
            ("SVG 10,000 statements", big, "svg", ExportOptions(), 3.0),
            ("PDF 10,000 statements (fit)", big, "pdf", ExportOptions(), 3.0),
            ("PDF 10,000 statements (A4 pages)", big, "pdf", ExportOptions(paper="a4"), None),
            ("PDF 10,000 statements (A4 tiles)", big, "pdf", ExportOptions(paper="a4", pages="tiles"), None),
        ]
    failed = False
    for name, amap, fmt, options, target in cases:
        warnings: list[str] = []
        median, cpu, data = _time(lambda: render_bytes(amap, fmt, options, warnings), args.runs)
        size = len(data) / 1e6  # type: ignore[arg-type]
        verdict = "" if target is None else ("  ok" if median <= target else f"  SLOW (target {target:.0f} s)")
        failed |= target is not None and median > target
        print(f"{name:<36} median {median:6.2f} s (cpu {cpu:5.2f} s)  {size:7.1f} MB{verdict}")
        for w in sorted(set(warnings)):
            print(f"{'':<36} note: {w}")
    return 1 if failed else 0


def _laid_out(amap):  # type: ignore[no-untyped-def]
    """``amap`` with every statement where ``layout_map`` puts it (card sizes as drawn)."""
    from argmap.layout import layout_map
    from argmap.model.edits import MoveStatements
    from argmap.ui.canvas.card_layout import card_size

    positions = layout_map(amap, size_of=card_size)
    MoveStatements(tuple((sid, amap.statement(sid).pos, pos) for sid, pos in positions.items())).apply(amap)
    return amap


def _example():  # type: ignore[no-untyped-def]
    from argmap.formats import load_project

    return load_project(Path(__file__).resolve().parents[1] / "examples" / "ottawa-convention.argmap.json").map


if __name__ == "__main__":
    raise SystemExit(main())
