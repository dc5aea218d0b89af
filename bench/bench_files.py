"""Benchmark of project files: load, save and peak memory on synthetic maps.

    python bench/bench_files.py [SIZE ...]      (default: 1000 10000 50000)

Prints medians. ``load / json.loads`` compares a full load (read, validate, build the
model) with a bare ``json.loads`` of the same bytes, as it runs normally (garbage
collector on). "save" is a save of a map saved before (the usual case: autosave, Ctrl+S
after an edit); "first save" is the first save of a freshly loaded map.
Targets (issue 2): 10,000 statements load in <= 4x json.loads (<= 0.5 s at 50,000),
save in <= 20 ms (<= 100 ms at 50,000), peak memory < 200 MB at 10,000.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_map  # noqa: E402

from argmap.formats import load_project, save_project  # noqa: E402
from argmap.formats.project import dumps_project  # noqa: E402

TARGETS = {  # size: (load ratio, load seconds, save seconds, peak MB)
    10_000: (4.0, None, 0.020, 200.0),
    50_000: (None, 0.5, 0.100, None),
}


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mb(fn: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def bench(n: int, folder: Path) -> dict[str, float]:
    amap = generate_map(n)
    path = folder / f"synthetic-{n}.argmap.json"
    save_project(path, amap)
    data = path.read_bytes()
    runs = 7 if n <= 10_000 else 5

    json_s = median_time(lambda: json.loads(data), runs)
    load_s = median_time(lambda: load_project(path), runs)
    save_project(path, amap)  # warm: the usual save of a map saved before
    save_s = median_time(lambda: save_project(path, amap), runs)
    dumps_s = median_time(lambda: dumps_project(amap), runs)
    first_s = statistics.median(_first_save(path) for _ in range(3))
    peak = peak_mb(lambda: save_project(path, load_project(path).map))
    return {
        "statements": n,
        "MB": len(data) / 1e6,
        "json.loads s": json_s,
        "load s": load_s,
        "load/json": load_s / json_s,
        "save s": save_s,
        "dumps s": dumps_s,
        "first save s": first_s,
        "peak MB": peak,
    }


def _first_save(path: Path) -> float:
    amap = load_project(path).map
    gc.collect()
    start = time.perf_counter()
    save_project(path, amap)
    return time.perf_counter() - start


def verdicts(row: dict[str, float]) -> list[str]:
    target = TARGETS.get(int(row["statements"]))
    if target is None:
        return []
    ratio, load_s, save_s, peak = target
    out = []
    if ratio is not None:
        out.append(_verdict(f"load <= {ratio:g}x json.loads", row["load/json"] <= ratio))
    if load_s is not None:
        out.append(_verdict(f"load <= {load_s:g} s", row["load s"] <= load_s))
    if save_s is not None:
        out.append(_verdict(f"save <= {save_s * 1000:g} ms", row["save s"] <= save_s))
    if peak is not None:
        out.append(_verdict(f"peak < {peak:g} MB", row["peak MB"] < peak))
    return out


def _verdict(what: str, ok: bool) -> str:
    return f"{what}: {'ok' if ok else 'MISSED'}"


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1_000, 10_000, 50_000]
    print(f"{'statements':>10} {'MB':>6} {'json.loads':>10} {'load':>8} {'ratio':>6} "
          f"{'save':>8} {'dumps':>8} {'1st save':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            row = bench(n, Path(tmp))
            print(
                f"{n:>10} {row['MB']:>6.1f} {row['json.loads s'] * 1000:>8.1f}ms {row['load s'] * 1000:>6.1f}ms "
                f"{row['load/json']:>5.2f}x {row['save s'] * 1000:>6.1f}ms {row['dumps s'] * 1000:>6.1f}ms "
                f"{row['first save s'] * 1000:>6.1f}ms {row['peak MB']:>8.1f}"
            )
            for line in verdicts(row):
                print(f"{'':>12}{line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
