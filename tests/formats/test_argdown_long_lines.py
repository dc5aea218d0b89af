"""The Argdown reader is linear on long lines (issue 14, item 9): 2 MB lines of tags,
emphasis markers, dashes, escapes and comment markers inside links are read in one
subprocess under a generous timeout (a quadratic step takes minutes on these).
Figures: bench/bench_argdown_hostile.py."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from argmap.formats.argdown_read import loads_argdown

SIZE = 2 * 1024 * 1024

SCRIPT = textwrap.dedent(
    f"""
    from argmap.formats.argdown_read import loads_argdown
    units = ["#a ", "#(a ", "*a ", "_a ", "**a ", "\\\\", "](a //"]
    texts = ["[A]: " + "#a " * 33333 + "."]
    texts += [u * ({SIZE} // len(u)) + "." for u in units]
    texts.append("(1) a\\n-- " + "-" * {SIZE} + "\\n(2) b")
    for t in texts:
        amap, _ = loads_argdown(t + "\\n")
        assert len(amap.statements()) >= 1
    print("ok", len(texts))
    """
)


def test_two_megabyte_lines_are_read_in_linear_time():
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok 9")


def test_long_line_results_are_what_the_syntax_says():
    amap, _ = loads_argdown("[A]: text " + "#a " * 3000 + "\n")
    (s,) = amap.statements()
    assert s.text == "text" and s.tags == ("a",)
    amap, _ = loads_argdown("*b* and **c** and _d_ " + "_a " * 3000 + "\n")
    (s,) = amap.statements()
    assert s.text.startswith("b and c and d _a _a") and s.text.endswith("_a")
    amap, _ = loads_argdown("see [x](http://a.b//c) now\n")
    (s,) = amap.statements()
    assert "http://a.b//c" in s.text
