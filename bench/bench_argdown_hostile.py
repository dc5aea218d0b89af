"""Time the Argdown reader on hostile 2 MB inputs (issue 14, item 9): long lines of
tags, emphasis markers, brackets, braces, comment openers and relation symbols. Each
should read in well under 2 s; a quadratic step shows up as tens of seconds.

Run: PYTHONPATH=src python bench/bench_argdown_hostile.py [MEGABYTES] [--short]
(--short: only the many-short-statements files, not the long lines)
"""

from __future__ import annotations

import statistics
import sys
import time

from argmap.formats.argdown_read import loads_argdown
from argmap.formats.errors import FileFormatError
from argmap.layout import with_layout

UNITS = {
    "tags '#a '": "#a ",
    "paren tags '#(a '": "#(a ",
    "stars '*a '": "*a ",
    "underscores '_a '": "_a ",
    "double stars '**a '": "**a ",
    "braces '{a '": "{a ",
    "closing braces 'a} '": "a} ",
    "data '{a: [' ": "{a: [",
    "brackets '[a '": "[a ",
    "angles '<a '": "<a ",
    "comment openers '<!-- '": "<!-- ",
    "dashes '-'": "-",
    "hashes '#'": "#",
    "backslashes": "\\",
    "links '](a '": "](a ",
    "slashes '/ '": "/ ",
    "comments in links '](a //'": "](a //",
    "words": "word ",
}
PREFIXES = {"plain": "", "statement": "[A]: ", "relation": "[A]\n  + ", "pcs": "(1) a\n-- "}


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--short"]
    mb = float(args[0]) if args else 2.0
    size = int(mb * 1024 * 1024)
    worst = 0.0
    for name, unit in {} if "--short" in sys.argv else UNITS.items():
        for pname, prefix in PREFIXES.items():
            text = prefix + unit * (size // len(unit)) + ".\n"
            t = time.perf_counter()
            try:
                loads_argdown(text)
                outcome = "read"
            except FileFormatError as exc:
                outcome = f"refused ({exc.problem[:40]})"
            dt = time.perf_counter() - t
            worst = max(worst, dt)
            print(f"{dt:7.2f} s  {pname:9} {name:28} {outcome}", flush=True)
    if worst:
        print(f"slowest: {worst:.2f} s for {mb:g} MB lines (target: under 2 s)")
    # Many short lines: the cost per statement (parse, build, lay out), not the lines.
    files = {
        "statements, one per block": "".join(f"[S{i}]: text {i}\n\n" for i in range(size // 16)),
        "children of one root": "[R]: root\n" + "".join(f"  + [C{i}]: child\n" for i in range(size // 20)),
    }
    for name, text in files.items():
        text = text[:size]
        reads, lays = [], []
        for _ in range(3):  # medians of three: the machine may be shared
            t = time.perf_counter()
            try:
                amap, _ = loads_argdown(text)
                outcome = f"{len(amap.statements())} statements"
            except FileFormatError as exc:
                amap, outcome = None, f"refused ({exc.problem[:40]})"
            reads.append(time.perf_counter() - t)
            if amap is not None:
                # what `argmap convert` does next: place every statement
                t = time.perf_counter()
                with_layout(amap)
                lays.append(time.perf_counter() - t)
        line = f"{statistics.median(reads):7.2f} s  {mb:g} MB of {name}: {outcome}"
        if lays:
            line += f"; laid out in {statistics.median(lays):.2f} s more"
        print(line, flush=True)


if __name__ == "__main__":
    main()
