"""Window benchmark (offscreen): the whole app opening a map (as ``argmap FILE`` does:
load, scene, outline, inspector, evaluation and checks docks, first paint), editing one
statement's text, and adding a supporting child. Prints medians.

    python bench/bench_window.py [sizes...]      (default: 1000 10000 50000)
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

# Runs in a fresh interpreter: the app's own start-up path, timed until the first paint
# of the canvas after the initial view (zoom and scroll) has been set.
OPEN_SCRIPT = r"""
import os, sys, time
t0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QObject
from argmap.ui.app import make_app, start
from argmap.ui.window import MainWindow
app = make_app()
t1 = time.perf_counter()
state = {"ready": False, "painted": False}
initial = MainWindow._initial_view
def _initial_view(self):
    initial(self)
    state["ready"] = True
MainWindow._initial_view = _initial_view
class PaintWatch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and state["ready"]:
            state["painted"] = True
        return False
session = start([sys.argv[1]])
window = session.windows[-1]
watch = PaintWatch()
window.view.viewport().installEventFilter(watch)
t2 = time.perf_counter()
while not state["painted"]:
    app.processEvents()
t3 = time.perf_counter()
assert window.document is not None and len(window.document.map) > 0
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {t3 - t2:.4f} {time.perf_counter() - t0:.4f}")
os._exit(0)
"""


def bench_open(path: Path, env: dict[str, str], runs: int = 5) -> tuple[float, list[float]]:
    """Median wall seconds of the whole process until the first paint (measured from
    the parent, so interpreter start-up counts) and the median parts inside it:
    imports+QApplication, start (load, scene, docks), events until the first paint."""
    walls, parts = [], []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", OPEN_SCRIPT, str(path)], capture_output=True, text=True, env=env)
        if out.returncode != 0:
            raise SystemExit(f"open of {path} failed:\n{out.stderr}")
        walls.append(time.perf_counter() - t)
        parts.append([float(v) for v in out.stdout.split()])
    return statistics.median(walls), [statistics.median(p[i] for p in parts) for i in range(3)]


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_in_process(path: Path, show_labels: bool) -> dict[str, float]:
    """Edit and insert timings in one open window (labels on or off)."""
    from PySide6.QtWidgets import QApplication

    from argmap.model import change_statement
    from argmap.ui.app import make_app
    from argmap.ui.document import Document
    from argmap.ui.window import MainWindow

    app = make_app()
    window = MainWindow(Document.open(path))
    window.resize(1600, 1000)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.set_show_labels(show_labels)
    _settle(window)
    amap = window.document.map
    ids = [s.id for s in amap.statements()][:: max(1, len(amap) // 30)][:15]
    counter = iter(range(10**6))
    edit_ms, deferred_ms, insert_ms, undo_ms = [], [], [], []
    for sid in ids:
        window.reveal(sid)  # selected: the inspector shows it, the outline has its row
        _settle(window)
        t = time.perf_counter()
        window.apply_edit(change_statement(amap, sid, text=f"Edited statement {next(counter)} with a few more words."))
        app.processEvents()  # outline, inspector, canvas and title repaint
        edit_ms.append(time.perf_counter() - t)
        _check_views(window, sid)
        t = time.perf_counter()
        _run_deferred(window)  # the debounced work an edit leaves (labels, checks)
        deferred_ms.append(time.perf_counter() - t)
    for sid in ids:
        window.reveal(sid)
        _settle(window)
        t = time.perf_counter()
        window.commands.insert_support()  # Insert supporting child: card, link, outline row, editor
        app.processEvents()
        insert_ms.append(time.perf_counter() - t)
        window.scene._finish_editing(commit=False)  # close the in-place editor unchanged
        _settle(window)
        t = time.perf_counter()
        window.commands.edit_undo()
        app.processEvents()
        undo_ms.append(time.perf_counter() - t)
    result = {
        "edit": _median_ms(edit_ms),
        "deferred": _median_ms(deferred_ms),
        "insert": _median_ms(insert_ms),
        "undo": _median_ms(undo_ms),
    }
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return result


def _settle(window) -> None:
    from PySide6.QtWidgets import QApplication

    _run_deferred(window)
    for _ in range(3):
        QApplication.processEvents()


def _run_deferred(window) -> None:
    """Run the debounce timers of the docks now (as if the user paused)."""
    from PySide6.QtWidgets import QApplication

    for timer in (window.evaluation._timer, window.checks._timer):
        if timer.isActive():
            timer.stop()
            timer.timeout.emit()
    QApplication.processEvents()


def _check_views(window, sid: str) -> None:
    """The edit reached every view (a benchmark of a broken window would be no use)."""
    text = window.document.map.statement(sid).text
    item = window.scene.item_for(sid)
    assert item is not None and item.statement.text == text, "canvas did not follow"
    assert window.inspector.text.toPlainText() == text, "inspector did not follow"
    model = window.outline.model
    path = model.find_path(sid)
    assert path and text[:40] in model.data(model.index_of(path[-1])), "outline did not follow"


def main(argv: list[str]) -> int:
    from synthetic import generate_map

    from argmap.formats import save_project
    from argmap.layout import layout_map
    from argmap.model import move
    from argmap.ui.canvas.card_layout import card_size

    sizes = [int(a) for a in argv] or [1000, 10000, 50000]
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    print("targets: open 10k <= 1.0 s, 50k <= 4 s; edit one statement at 10k <= 20 ms; add a card at 10k well under 100 ms")
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ARGMAP_CONFIG_DIR=str(Path(tmp) / "config"),
                   ARGMAP_DATA_DIR=str(Path(tmp) / "data"))
        os.environ.update(ARGMAP_CONFIG_DIR=env["ARGMAP_CONFIG_DIR"], ARGMAP_DATA_DIR=env["ARGMAP_DATA_DIR"])
        for n in sizes:
            amap = generate_map(n, with_positions=False)
            move(amap, layout_map(amap, size_of=card_size)).apply(amap)  # a saved map: laid out
            path = Path(tmp) / f"map-{n}.argmap.json"
            save_project(path, amap)
            wall, parts = bench_open(path, env)
            print(f"\n== {n} statements ==")
            print(f"open window (whole process to first paint): {wall:.3f} s   "
                  f"[imports+app {parts[0]:.3f}, load+scene+docks {parts[1]:.3f}, events to first paint {parts[2]:.3f}]")
            if n > 20000:
                continue
            for labels in (False, True):
                r = bench_in_process(path, labels)
                tag = "labels on " if labels else "labels off"
                print(f"[{tag}] edit one statement's text (all views updated, painted): {r['edit']:.1f} ms;"
                      f" debounced work after it: {r['deferred']:.1f} ms")
                print(f"[{tag}] Insert supporting child: {r['insert']:.1f} ms; undo it: {r['undo']:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
