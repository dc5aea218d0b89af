"""Reasoning speed on synthetic maps: grounded labels (target: 10,000 statements within
200 ms), weighing and weighed labels, "what would it take" for every position that does
not stand (targets: 200 ms on the example, 2 s on a 1,000-statement map; the Evaluation
dock runs it a slice at a time, so what the window feels is its longest single step,
"step max"), a live refresh after a one-statement edit (target: within 50 ms), the
checks (``check_map`` on the whole map; the live ``Checker`` after a text edit, target
5 ms at 10,000, and after adding or removing a support link, target 20 ms) and the
Checks dock's refresh (offscreen Qt). Prints medians.

The checks use the weighed labels, kept by a ``WeighedLabeller`` that after an edit
works out only the strengths downstream of it and the labels those can move. Medians of
one run each (2 shared cores, 2026-12-06), before (re-weighing the whole map; the search
compiling the whole map) -> after:

    Checker after a support-link edit      1,000: 7.1 -> 0.04 ms   10,000: 138 -> 0.06 ms
                                           (50,000: 0.07 ms; building it, unchanged:
                                           14 / 230 / 2,900 ms)
    Checks dock after a support-link edit  1,000: 7.0 -> 0.07 ms   10,000: 146 -> 0.06 ms
    what would it take, slowest position   1,000: 45 -> 0.5 ms     10,000: 137 -> 28 ms
                                           1,000 web: 507 -> 512 ms (all 18: 3.7 s; the
                                           same answers, 4 too many to list)
    longest single step of that search     1,000 web: 12.8 ms, 10,000: 1.4 ms (the dock
                                           runs 10 ms slices: the window never stalls
                                           for longer than a slice and a step)

    python bench/bench_reasoning.py [sizes...]     (default: 1000 10000 50000)
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_map  # noqa: E402

from argmap.model import AddStatement, Batch, RemoveItems, Statement, StatementKind, change_statement, connect  # noqa: E402
from argmap.formats import load_project  # noqa: E402
from argmap.reasoning import (  # noqa: E402
    Label,
    TakesSearch,
    positions,
    weigh,
    weighed,
    what_would_it_take,
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


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ottawa-convention.argmap.json"


def weighing_ms(amap, base_dir=None) -> tuple[float, float, float, float, float, int, int]:
    """(weigh, weighed labels, what-would-it-take: slowest position, all positions, the
    longest single step of its search) in ms, with how many positions were asked about
    and how many answers gave up."""
    w = weigh(amap, base_dir)
    weigh_t = median_ms(lambda: weigh(amap, base_dir), 3)
    label_t = median_ms(lambda: weighed(amap, w), 3)
    lab = weighed(amap, w)
    asked = [sid for sid in positions(amap) if lab[sid] is not Label.IN]
    times, steps, gave_up = [], [], 0
    for sid in asked:
        start = time.perf_counter()
        result = what_would_it_take(amap, sid, lab)
        times.append((time.perf_counter() - start) * 1000)
        gave_up += result.gave_up
        search = TakesSearch(amap, sid, lab)
        gc.disable()  # the collector's pauses are not the search's
        while True:  # one step at a time, as the dock would with no time left in a slice
            start = time.perf_counter()
            done = search.run(0.0)
            steps.append((time.perf_counter() - start) * 1000)
            if done is not None:
                break
        gc.enable()
        assert search.result == result
    return weigh_t, label_t, max(times, default=0.0), sum(times), max(steps, default=0.0), len(asked), gave_up


def hard_map(n: int = 1000):
    """A synthetic map where the first position is defeated by four independent strong
    attacks (no set of three changes makes it stand: the search runs to its bound)."""
    from argmap.model import Link, LinkKind, Strength

    amap = generate_map(n)
    target = positions(amap)[0]
    for i in range(4):
        amap.add_statement(Statement(f"hard{i}", StatementKind.REBUTTAL, f"Objection {i}"))
        amap.add_link(Link(f"hardl{i}", LinkKind.ATTACK, (f"hard{i}",), target, strength=Strength.STRONG))
    return amap


def web_map(n: int = 1000, attacks: int = 1500, seed: int = 3):
    """``n`` bare claims tangled by ``attacks`` random attacks: big regions, many
    positions with no small answer (the search's bounds are reached)."""
    from argmap.model import ArgumentMap, Link, LinkKind, MapError

    rng = random.Random(seed)
    amap = ArgumentMap()
    for i in range(n):
        kind = StatementKind.POSITION if i < 30 else StatementKind.CLAIM
        amap.add_statement(Statement(f"w{i}", kind, f"claim {i}"))
    for j in range(attacks):
        a, b = rng.sample(range(n), 2)
        try:
            amap.add_link(Link(f"wl{j}", LinkKind.ATTACK, (f"w{a}",), f"w{b}"))
        except MapError:
            pass
    return amap


def print_weighing(sizes: list[int]) -> None:
    print(f"{'map':>10} {'weigh':>8} {'weighed':>8} {'takes max':>9} {'takes all':>9} {'step max':>8} {'asked':>6} "
          f"{'gave up':>7}   (ms; targets: what would it take 200 ms on the example, 2 s at 1,000)")
    rows = [("example", load_project(EXAMPLE).map, EXAMPLE.parent)] + [(str(n), generate_map(n), None) for n in sizes]
    rows.append(("1000 hard", hard_map(1000), None))
    rows.append(("1000 web", web_map(), None))
    for name, amap, base in rows:
        wt, lt, tmax, tall, smax, asked, gave_up = weighing_ms(amap, base)
        print(f"{name:>10} {wt:>8.1f} {lt:>8.1f} {tmax:>9.1f} {tall:>9.1f} {smax:>8.2f} {asked:>6} {gave_up:>7}")


def main(sizes: list[int]) -> None:
    print_weighing([n for n in sizes if n <= 10000])
    print()
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
