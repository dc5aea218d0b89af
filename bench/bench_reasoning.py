"""Reasoning speed on synthetic maps: grounded labels (target: 10,000 statements within
200 ms), a live refresh after a one-statement edit (target: within 50 ms), the checks
(``check_map`` on the whole map; the live ``Checker`` after a text edit, target 5 ms at
10,000, and after adding or removing a support link, target 20 ms) and the Checks dock's
refresh (offscreen Qt). Prints medians.

    python bench/bench_reasoning.py [sizes...]     (default: 1000 10000 50000)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_map  # noqa: E402

from argmap.model import AddStatement, Batch, RemoveItems, Statement, StatementKind, change_statement, connect  # noqa: E402
from argmap.reasoning import (  # noqa: E402
    Checker,
    Framework,
    Labeller,
    check_map,
    explain,
    grounded,
    preferred,
    propagate_ratings,
)


def median_ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def edit_refresh_ms(amap, rng: random.Random, rounds: int = 21) -> tuple[float, float, float]:
    """Median ms for labels() after: a text edit; adding a rebuttal with its attack
    (one undo step); undoing it. Each edit is applied to the live map first (untimed:
    the model's own cost is not reasoning), then the refresh is timed."""
    labeller = Labeller(amap)
    labeller.labels()
    ids = [s.id for s in amap.statements() if s.kind is not StatementKind.QUESTION]
    text_t, add_t, undo_t = [], [], []
    for i in range(rounds):
        target = rng.choice(ids)
        change_statement(amap, target, text=f"edited {i}").apply(amap)
        start = time.perf_counter()
        labeller.labels()
        text_t.append((time.perf_counter() - start) * 1000)
        new = Statement(f"bench{i}", StatementKind.REBUTTAL, "A new objection")
        edit = Batch((AddStatement(new), connect(amap, new.id, target, "attack", link_id=f"benchl{i}")))
        edit.apply(amap)
        start = time.perf_counter()
        labeller.labels()
        add_t.append((time.perf_counter() - start) * 1000)
        RemoveItems.build(amap, [new.id]).apply(amap)
        start = time.perf_counter()
        labeller.labels()
        undo_t.append((time.perf_counter() - start) * 1000)
    assert labeller.labels() == dict(grounded(amap).labels)
    labeller.detach()
    return statistics.median(text_t), statistics.median(add_t), statistics.median(undo_t)


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _edits(amap, rng: random.Random, rounds: int):
    """Pairs of (kind, edit) to apply and then time a refresh after: a text edit that
    empties a statement's text (a finding appears) and one that gives it back (the
    finding goes); a support link between two random statements, then its removal."""
    ids = [s.id for s in amap.statements() if s.kind is not StatementKind.QUESTION]
    for i in range(rounds):
        sid = rng.choice(ids)
        text = amap.statement(sid).text
        yield "text", change_statement(amap, sid, text="")
        yield "text", change_statement(amap, sid, text=text)
        a, b = rng.sample(ids, 2)
        edit = connect(amap, a, b, "support", link_id=f"benchs{i}")
        yield "link", edit
        yield "link", RemoveItems.build(amap, [edit.link.id])


def checker_ms(amap, rng: random.Random, rounds: int = 21) -> tuple[float, float, float]:
    """Checker: (first check of the whole map, update after a text edit, update after
    adding or removing a support link), medians in ms. Edits are applied untimed."""
    start = time.perf_counter()
    checker = Checker(amap)
    build = (time.perf_counter() - start) * 1000
    times: dict[str, list[float]] = {"text": [], "link": []}
    for kind, edit in _edits(amap, rng, rounds):
        edit.apply(amap)
        times[kind].append(_timed(checker.update))
    assert checker.findings() == check_map(amap)
    checker.detach()
    return build, statistics.median(times["text"]), statistics.median(times["link"])


def panel_ms(amap, rng: random.Random, rounds: int = 11) -> tuple[float, float, float]:
    """The Checks dock (offscreen): (first fill, refresh after a text edit, after a
    support link edit), medians in ms. Edits go through the document's undo stack."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from argmap.ui.document import Document
    from argmap.ui.panels.checks import ChecksPanel

    app = QApplication.instance() or QApplication([])
    doc = Document(amap.copy())
    panel = ChecksPanel()
    first = _timed(lambda: panel.set_document(doc))
    times: dict[str, list[float]] = {"text": [], "link": []}
    for kind, edit in _edits(doc.map, rng, rounds):
        doc.apply(edit)
        times[kind].append(_timed(panel.refresh_now))
    assert panel.findings() == check_map(doc.map)
    panel.set_document(None)
    panel.deleteLater()
    app.processEvents()
    return first, statistics.median(times["text"]), statistics.median(times["link"])


def main(sizes: list[int]) -> None:
    rng = random.Random(7)
    print(f"{'statements':>10} {'grounded':>9} {'(compiled)':>10} {'text edit':>9} {'add attack':>10} "
          f"{'undo':>6} {'preferred':>9} {'checks':>7} {'ratings':>8} {'explain':>8}   (ms, medians)")
    check_rows = []
    for n in sizes:  # one map alive at a time: big heaps make the collector's pauses noise
        amap = generate_map(n)
        checks = median_ms(lambda: check_map(amap), 3)
        build, c_text, c_link = checker_ms(amap, rng)
        fill, dock_text, dock_link = panel_ms(amap, rng)
        check_rows.append(f"{n:>10} {checks:>9.1f} {build:>8.1f} {c_text:>9.3f} {c_link:>12.3f} "
                          f"{fill:>9.1f} {dock_text:>9.3f} {dock_link:>9.3f}")
        fw = Framework.from_map(amap)
        full = median_ms(lambda: grounded(amap))
        compiled = median_ms(fw.grounded)
        text, add, undo = edit_refresh_ms(amap, rng)
        pref = median_ms(lambda: preferred(amap), 3)
        ratings = median_ms(lambda: propagate_ratings(amap), 3)
        labels = grounded(amap)
        some = [s.id for s in amap.statements()][:50]
        expl = median_ms(lambda: [explain(amap, sid, labels) for sid in some], 3) / len(some)
        print(f"{n:>10} {full:>9.1f} {compiled:>10.1f} {text:>9.3f} {add:>10.2f} {undo:>6.2f} "
              f"{pref:>9.1f} {checks:>7.1f} {ratings:>8.1f} {expl:>8.3f}")
        del amap, fw, labels
    print()
    print(f"{'statements':>10} {'check_map':>9} {'Checker':>8} {'text edit':>9} {'support link':>12} "
          f"{'dock fill':>9} {'dock text':>9} {'dock link':>9}   (ms, medians; targets at 10,000: text 5, link 20)")
    print("\n".join(check_rows))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 50000])
