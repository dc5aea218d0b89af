"""Auto-layout benchmark: median time of `argmap.layout` on synthetic maps of 1,000,
10,000 and 50,000 statements, beside Graphviz `dot` on the same graph when installed.

    python bench/bench_layout.py [--sizes 1000,10000,50000] [--repeat 7] [--no-dot] [--style compact]

Targets (issue 3): at most 50 ms for 10,000 statements and 0.5 s for 50,000 (classic);
issue 9: the compact style within 100 ms and 1 s. bench_layout_shape.py measures the
shapes the styles give.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_map  # noqa: E402

from argmap.layout import estimate_card_size, layout_map, layout_missing  # noqa: E402
from argmap.model import ArgumentMap, MapMeta  # noqa: E402

DOT_TIMEOUT = 60.0


def median_ms(fn, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of ``fn`` (CPU time tells a slow function
    from a busy machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def write_dot(amap: ArgumentMap, path: Path) -> None:
    """Statements as fixed-size boxes; every premise points at the statement its link
    (or, for an undercut, the attacked link) ends at."""

    def final_target(link_id: str) -> str:
        target = amap.link(link_id).target
        while amap.is_link(target):
            target = amap.link(target).target
        return target

    lines = ["digraph map {", "  rankdir=TB;", '  node [shape=box, fixedsize=true, label=""];']
    for s in amap.statements():
        w, h = estimate_card_size(s)
        lines.append(f'  "{s.id}" [width={w / 72:.2f}, height={h / 72:.2f}];')
    for link in amap.links():
        target = final_target(link.id)
        lines.extend(f'  "{p}" -> "{target}";' for p in link.premises)
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def time_dot(amap: ArgumentMap) -> str:
    dot = shutil.which("dot")
    if dot is None:
        return "dot not installed"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.dot"
        write_dot(amap, path)
        start = time.perf_counter()
        try:
            subprocess.run([dot, "-Tplain", str(path)], capture_output=True, check=True, timeout=DOT_TIMEOUT)
        except subprocess.TimeoutExpired:
            return f"dot > {DOT_TIMEOUT:.0f} s (timed out)"
        except subprocess.CalledProcessError as exc:
            return f"dot failed: {exc.stderr.decode(errors='replace').strip()[:200]}"
        return f"dot {time.perf_counter() - start:.2f} s (one run)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-dot", action="store_true", help="skip the Graphviz comparison")
    parser.add_argument("--style", default="classic", help="classic, compact or left-right (whole-map layout)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for n in (int(v) for v in args.sizes.split(",")):
        amap = generate_map(n, with_positions=False)
        repeat = args.repeat if n <= 10_000 else max(3, args.repeat // 2)
        whole = median_ms(lambda: layout_map(amap, style=args.style), repeat)
        placed = layout_map(amap)
        positioned = ArgumentMap.from_parts(
            MapMeta(), [replace(s, pos=placed[s.id]) for s in amap.statements()], amap.links()
        )
        ids = sorted(placed)
        selection = ids[len(ids) // 2 : len(ids) // 2 + 100]
        only = median_ms(lambda: layout_map(positioned, only=selection), repeat)
        gaps = ArgumentMap.from_parts(
            MapMeta(),
            [replace(s, pos=None if k % 100 == 0 else placed[s.id]) for k, s in enumerate(amap.statements())],
            amap.links(),
        )
        missing = median_ms(lambda: layout_missing(gaps), repeat)
        line = (
            f"{n:>6} statements: layout_map ({args.style}) median {whole[0]:7.1f} ms (cpu {whole[1]:7.1f}) | "
            f"100 selected {only[0]:6.1f} ms | 1% missing {missing[0]:6.1f} ms"
        )
        if not args.no_dot:
            line += f" | {time_dot(amap)}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
