"""Reasoning speed on synthetic maps: grounded labels (target: 10,000 statements within
200 ms) and a live refresh after a one-statement edit (target: within 50 ms). Prints medians.

    python bench/bench_reasoning.py [sizes...]     (default: 1000 10000 50000)
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_map  # noqa: E402

from argmap.model import AddStatement, Batch, RemoveItems, Statement, StatementKind, change_statement, connect  # noqa: E402
from argmap.reasoning import Framework, Labeller, check_map, explain, grounded, preferred, propagate_ratings  # noqa: E402


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


def main(sizes: list[int]) -> None:
    rng = random.Random(7)
    print(f"{'statements':>10} {'grounded':>9} {'(compiled)':>10} {'text edit':>9} {'add attack':>10} "
          f"{'undo':>6} {'preferred':>9} {'checks':>7} {'ratings':>8} {'explain':>8}   (ms, medians)")
    for n in sizes:
        amap = generate_map(n)
        fw = Framework.from_map(amap)
        full = median_ms(lambda: grounded(amap))
        compiled = median_ms(fw.grounded)
        text, add, undo = edit_refresh_ms(amap, rng)
        pref = median_ms(lambda: preferred(amap), 3)
        checks = median_ms(lambda: check_map(amap), 3)
        ratings = median_ms(lambda: propagate_ratings(amap), 3)
        labels = grounded(amap)
        some = [s.id for s in amap.statements()][:50]
        expl = median_ms(lambda: [explain(amap, sid, labels) for sid in some], 3) / len(some)
        print(f"{n:>10} {full:>9.1f} {compiled:>10.1f} {text:>9.3f} {add:>10.2f} {undo:>6.2f} "
              f"{pref:>9.1f} {checks:>7.1f} {ratings:>8.1f} {expl:>8.3f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 50000])
