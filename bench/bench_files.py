"""Benchmark of project files: load, save and peak memory on synthetic maps.

    python bench/bench_files.py [SIZE ...]      (default: 1000 10000 50000)

Prints medians. ``load / json.loads`` compares a full load (read, validate, build the
model) with a bare ``json.loads`` of the same bytes, as it runs normally (garbage
collector on). "save after an edit" changes one statement and saves a map saved before
(the usual case: Ctrl+S or autosave while working; unchanged statements reuse the JSON
text of the last save); "first save" is the first save of a freshly loaded map. CPU
times are shown too: on a busy machine they are the fairer measure.
Targets (issue 2): 10,000 statements load in <= 4x json.loads (<= 0.5 s at 50,000),
save in <= 20 ms (<= 100 ms at 50,000), peak memory < 200 MB at 10,000.
"""

from __future__ import annotations

import gc
import itertools
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_map  # noqa: E402

from argmap.formats import load_project, save_project  # noqa: E402

TARGETS = {  # size: (load ratio, load seconds, save seconds, peak MB)
    10_000: (4.0, None, 0.020, 200.0),
    50_000: (None, 0.5, 0.100, None),
}


def median_time(fn: Callable[[], object], runs: int, before: Callable[[], object] | None = None) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``fn`` (``before`` runs untimed each time)."""
    wall, cpu = [], []
    for _ in range(runs):
        if before is not None:
            before()
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


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

    json_s, json_cpu = median_time(lambda: json.loads(data), runs)
    load_s, load_cpu = median_time(lambda: load_project(path), runs)
    save_project(path, amap)
    edits = itertools.count()
    some = amap.statements()[len(amap.statements()) // 2].id

    def edit_one() -> None:  # the usual save: after an edit, of a map saved before
        amap.replace_statement(replace(amap.statement(some), text=f"Edited {next(edits)} times."))

    save_s, save_cpu = median_time(lambda: save_project(path, amap), runs, before=edit_one)
    first_s = statistics.median(_first_save(path) for _ in range(3))
    peak = peak_mb(lambda: save_project(path, load_project(path).map))
    return {
        "statements": n,
        "MB": len(data) / 1e6,
        "json.loads s": json_s,
        "json.loads cpu": json_cpu,
        "load s": load_s,
        "load cpu": load_cpu,
        "load/json": load_s / json_s,
        "load/json cpu": load_cpu / json_cpu,
        "save s": save_s,
        "save cpu": save_cpu,
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
    print("Medians; wall-clock time, with CPU time of this process in brackets.")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            row = bench(n, Path(tmp))
            print(
                f"{n:>6} statements ({row['MB']:.1f} MB): "
                f"json.loads {_ms(row, 'json.loads')}, load {_ms(row, 'load')}, "
                f"load/json.loads {row['load/json']:.2f}x ({row['load/json cpu']:.2f}x); "
                f"save after an edit {_ms(row, 'save')}, first save {row['first save s'] * 1000:.1f} ms; "
                f"peak memory {row['peak MB']:.1f} MB"
            )
            for line in verdicts(row):
                print(f"        {line}")
    return 0


def _ms(row: dict[str, float], key: str) -> str:
    return f"{row[key + ' s'] * 1000:.1f} ms ({row[key + ' cpu'] * 1000:.1f})"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
