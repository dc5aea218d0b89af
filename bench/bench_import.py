"""Import speed: a Kialo debate of 3,000 claims and an AIF map of about 1,500 nodes
(statements + relation nodes, no positions, so the automatic layout is included).

    python bench/bench_import.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_map  # noqa: E402

from argmap.formats.aif import dumps_aif, loads_aif  # noqa: E402
from argmap.formats.argdown_read import loads_argdown  # noqa: E402
from argmap.formats.argdown_write import dumps_argdown  # noqa: E402
from argmap.formats.kialo import loads_kialo  # noqa: E402

_WORDS = "mines treaty border civilians deterrence Russia Baltic NATO decades risk capacity ban".split()


def kialo_text(claims: int, seed: int = 1) -> str:
    """A newer-layout Kialo export with ``claims`` claims (about 3% reuses) and sources."""
    rng = random.Random(seed)
    lines = ["Discussion Name:", "Should the ban be left?", "", "1. Thesis:", "The ban should be left.", ""]
    labels = ["1"]
    children: dict[str, int] = {"1": 0}
    for i in range(claims):
        parent = rng.choice(labels[-200:] if rng.random() < 0.7 else labels)
        if parent.count(".") >= 7:
            parent = "1"
        children[parent] += 1
        label = f"{parent}.{children[parent]}"
        children[label] = 0
        indent = "  " * label.count(".")
        stance = rng.choice(("Pro", "Con"))
        if i > 10 and rng.random() < 0.03:
            text = f"-> See {rng.choice(labels[1:])}."
        else:
            text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 25))).capitalize() + f" [{rng.randint(1, 20)}]."
            labels.append(label)
        lines += [f"{indent}{label}. {stance}:", f"{indent}{text}", ""]
    lines.append("Sources:")
    for n in range(1, 21):
        lines += [f"[{n}] https://example.org/{n}", f'"Quoted passage {n}.', "1. Not a claim.", '2. Nor this."']
    return "\r\n".join(lines) + "\r\n"


def _median(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    text = kialo_text(3000)
    amap, report = loads_kialo(text)
    print(f"Kialo: {report.statements} statements, {report.links} links")
    print(f"  import 3,000-claim Kialo debate: median {_median(lambda: loads_kialo(text)):.3f} s (target < 1 s)")

    source = generate_map(760, with_positions=False)
    data, _ = dumps_aif(source)
    amap, report = loads_aif(data)
    nodes = report.statements + report.links
    print(f"AIF: {nodes} nodes ({report.statements} I-nodes, {report.links} RA/CA)")
    print(f"  import {nodes}-node AIF map: median {_median(lambda: loads_aif(data)):.3f} s (target < 1 s)")

    argdown, _ = dumps_argdown(source)
    print(f"  import Argdown of the same map: median {_median(lambda: loads_argdown(argdown)):.3f} s")

    big = generate_map(10_000, with_positions=False)
    for name, dump in (("Argdown", dumps_argdown), ("AIF", dumps_aif)):
        print(f"  write the 10,000-statement map as {name}: median {_median(lambda: dump(big), repeat=3):.3f} s")


if __name__ == "__main__":
    main()
