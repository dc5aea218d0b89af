"""Canvas benchmark (offscreen): open time as a whole process, repaint at 100% and at
fit, one-statement edit, scene memory. Prints medians.

    python bench/bench_canvas.py [sizes...]      (default: 1000 10000 50000)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

OPEN_SCRIPT = r"""
import os, sys, time
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
from argmap.formats import load_project
from argmap.ui.scene import MapScene
from argmap.ui.view import MapView
app = QApplication([])
t1 = time.perf_counter()
project = load_project(sys.argv[1])
t2 = time.perf_counter()
scene = MapScene(project.map)
t3 = time.perf_counter()
view = MapView(scene)
view.resize(1920, 1080)
view.show()
view.zoom_reset()
view.centerOn(scene.item_for(project.map.questions()[0].id).card_rect().center())
app.processEvents()  # the first paint
t4 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {t3 - t2:.4f} {t4 - t3:.4f}")
os._exit(0)
"""


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _painter(view):
    """A function painting the view's viewport once, synchronously (offscreen)."""
    from PySide6.QtGui import QImage

    vp = view.viewport()
    image = QImage(vp.size(), QImage.Format.Format_ARGB32_Premultiplied)

    def paint():
        vp.render(image)

    return paint


def _median_ms(fn, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def bench_open(path: Path, runs: int = 3) -> tuple[float, list[float]]:
    """Whole process from interpreter start to first paint (median), and the median
    breakdown inside it: imports+QApplication, load, scene build, first paint."""
    walls, parts = [], []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", OPEN_SCRIPT, str(path)], capture_output=True, text=True, check=True)
        walls.append(time.perf_counter() - t)
        parts.append([float(v) for v in out.stdout.split()])
    return statistics.median(walls), [statistics.median(p[i] for p in parts) for i in range(4)]


def bench_in_process(n: int, amap) -> dict[str, float]:
    import gc

    from PySide6.QtWidgets import QApplication

    from argmap.model import change_statement
    from argmap.ui.scene import MapScene
    from argmap.ui.view import MapView

    QApplication.instance() or QApplication([])
    gc.collect()
    before = _rss()
    t = time.perf_counter()
    scene = MapScene(amap)
    build = time.perf_counter() - t
    gc.collect()
    memory = (_rss() - before) / n
    view = MapView(scene)
    view.resize(1920, 1080)
    view.show()
    QApplication.processEvents()
    paint = _painter(view)
    view.zoom_reset()
    q = amap.questions()[0].id
    view.centerOn(scene.item_for(q).card_rect().center())
    paint()
    repaint_100 = _median_ms(paint)
    # a busy region: the middle of the map
    view.centerOn(scene.content_rect().center())
    paint()
    repaint_mid = _median_ms(paint)
    view.zoom_fit()
    fit_zoom = view.zoom()
    t = time.perf_counter()
    paint()
    fit_first = (time.perf_counter() - t) * 1000
    repaint_fit = _median_ms(paint)
    view.zoom_reset()
    view.centerOn(scene.content_rect().center())
    paint()
    ids = [s.id for s in amap.statements()][:: max(1, n // 15)]
    texts = iter(range(10**6))

    def edit_one():
        sid = ids[next(texts) % len(ids)]
        change_statement(amap, sid, text=f"Edited statement number {next(texts)} with a few more words.").apply(amap)
        view.centerOn(scene.item_for(sid).card_rect().center())
        paint()

    edit = _median_ms(edit_one)
    result = {
        "build_s": build,
        "memory_kb": memory / 1024,
        "repaint_100_ms": repaint_100,
        "repaint_100_mid_ms": repaint_mid,
        "fit_first_ms": fit_first,
        "repaint_fit_ms": repaint_fit,
        "edit_ms": edit,
        "fit_zoom": fit_zoom,
    }
    scene.detach()
    view.close()
    return result


def main(argv: list[str]) -> int:
    from synthetic import generate_map

    from argmap.formats import save_project
    from argmap.layout import layout_map
    from argmap.ui.items.card_layout import card_size

    sizes = [int(a) for a in argv] or [1000, 10000, 50000]
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    print("targets: open 10k <= 1.0 s, 50k <= 4 s; repaint 100% <= 5 ms; fit <= 16 ms; edit <= 20 ms; <= 10 KB/statement")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            raw = generate_map(n, with_positions=False)
            placed = layout_map(raw, size_of=card_size)
            from argmap.model import move

            move(raw, placed).apply(raw)  # a saved map: positions from the layout
            laid_out = Path(tmp) / f"laid-{n}.argmap.json"
            save_project(laid_out, raw)
            unplaced = Path(tmp) / f"raw-{n}.argmap.json"
            save_project(unplaced, generate_map(n, with_positions=False))
            wall, parts = bench_open(laid_out)
            wall_raw, parts_raw = bench_open(unplaced)
            print(f"\n== {n} statements ==")
            print(f"open (whole process, saved positions): {wall:.3f} s   [imports+app {parts[0]:.3f}, load {parts[1]:.3f}, scene {parts[2]:.3f}, first paint {parts[3]:.3f}]")
            print(f"open (whole process, layout at open):  {wall_raw:.3f} s   [imports+app {parts_raw[0]:.3f}, load {parts_raw[1]:.3f}, layout+scene {parts_raw[2]:.3f}, first paint {parts_raw[3]:.3f}]")
            r = bench_in_process(n, raw)
            print(f"scene build in process: {r['build_s']:.3f} s; memory {r['memory_kb']:.2f} KB/statement")
            print(f"repaint 1920x1080 at 100%: {r['repaint_100_ms']:.2f} ms (at the question), {r['repaint_100_mid_ms']:.2f} ms (middle of map)")
            print(f"zoomed out to fit (zoom {r['fit_zoom']:.4f}): {r['repaint_fit_ms']:.2f} ms (first frame incl. overview build {r['fit_first_ms']:.1f} ms)")
            print(f"edit one statement (model + scene update + repaint of the view on it): {r['edit_ms']:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
