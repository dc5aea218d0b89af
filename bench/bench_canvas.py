"""Canvas benchmark (offscreen): open time as a whole process, repaint at 100% and at
fit, one-statement edit, scene memory. Prints medians (wall clock, and the process's
CPU time beside it: on a loaded machine the CPU figure is the steadier one).

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
c0 = time.process_time()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
from argmap.formats import load_project
from argmap.ui.canvas.scene import MapScene
from argmap.ui.canvas.view import MapView
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
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {t3 - t2:.4f} {t4 - t3:.4f} {time.process_time():.4f}")
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


def _median_ms(fn, repeat: int = 15) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``fn()``."""
    times, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(times), statistics.median(cpus)


def bench_open(path: Path, runs: int = 5) -> tuple[float, float, list[float]]:
    """Whole process from interpreter start to first paint: median wall time, median
    CPU time (user + system of the child), and the median breakdown inside it:
    imports+QApplication, load, scene build, first paint."""
    walls, cpus, parts = [], [], []
    for _ in range(runs):
        before = os.times()
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", OPEN_SCRIPT, str(path)], capture_output=True, text=True, check=True)
        walls.append(time.perf_counter() - t)
        after = os.times()
        cpus.append(after.children_user - before.children_user + after.children_system - before.children_system)
        parts.append([float(v) for v in out.stdout.split()])
    return statistics.median(walls), statistics.median(cpus), [statistics.median(p[i] for p in parts) for i in range(4)]


def bench_in_process(n: int, amap) -> dict[str, float]:
    import gc

    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from argmap.model import change_statement
    from argmap.ui.canvas.scene import MapScene
    from argmap.ui.canvas.view import MapView

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
    # the first paint of places not seen yet (items and arrow tiles made on the way)
    rect = scene.content_rect()
    spots = iter([QPointF(rect.left() + rect.width() * (i + 0.5) / 15, rect.top() + rect.height() * ((i * 7) % 15 + 0.5) / 15) for i in range(15)])

    def first_look():
        view.centerOn(next(spots))
        paint()

    unseen = _median_ms(first_look)
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

    walls, cpus = [], []
    for sid in ids:  # the user looks at a card, then edits it: time the edit and repaint
        view.centerOn(scene.item_for(sid).card_rect().center())
        paint()
        t, c = time.perf_counter(), time.process_time()
        change_statement(amap, sid, text=f"Edited statement number {next(texts)} with a few more words.").apply(amap)
        paint()
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    edit = statistics.median(walls), statistics.median(cpus)
    result = {
        "build_s": build,
        "memory_kb": memory / 1024,
        "repaint_100_ms": repaint_100,
        "repaint_100_mid_ms": repaint_mid,
        "unseen_ms": unseen,
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
    from argmap.ui.canvas.card_layout import card_size

    sizes = [int(a) for a in argv] or [1000, 10000, 50000]
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    print("targets: open 10k <= 1.0 s, 50k <= 4 s; repaint 100% <= 5 ms; fit <= 16 ms; edit <= 20 ms; <= 10 KB/statement")
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; times are wall (cpu)")
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
            wall, cpu, parts = bench_open(laid_out)
            wall_raw, cpu_raw, parts_raw = bench_open(unplaced)
            print(f"\n== {n} statements ==")
            print(f"open (whole process, saved positions): {wall:.3f} s ({cpu:.3f})   [imports+app {parts[0]:.3f}, load {parts[1]:.3f}, scene {parts[2]:.3f}, first paint {parts[3]:.3f}]")
            print(f"open (whole process, layout at open):  {wall_raw:.3f} s ({cpu_raw:.3f})   [imports+app {parts_raw[0]:.3f}, load {parts_raw[1]:.3f}, layout+scene {parts_raw[2]:.3f}, first paint {parts_raw[3]:.3f}]")
            r = bench_in_process(n, raw)

            def ms(key: str) -> str:
                return f"{r[key][0]:.2f} ms ({r[key][1]:.2f})"

            print(f"scene build in process: {r['build_s']:.3f} s; memory {r['memory_kb']:.2f} KB/statement")
            print(f"repaint 1920x1080 at 100%: {ms('repaint_100_ms')} at the question, {ms('repaint_100_mid_ms')} in the middle of the map")
            print(f"first paint of a place not seen yet, 100%: {ms('unseen_ms')}")
            print(f"zoomed out to fit (zoom {r['fit_zoom']:.4f}): {ms('repaint_fit_ms')} (first frame incl. overview build {r['fit_first_ms']:.1f} ms)")
            print(f"edit one statement (model + scene update + repaint of the view on it): {ms('edit_ms')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
