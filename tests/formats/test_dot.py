"""DOT export: structure sanity and quoting of hostile strings (no Graphviz needed)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats.dot import dumps_dot, quote
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Statement, StatementKind

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synthetic import generate_map  # noqa: E402

HOSTILE = 'He said "hi"; } digraph { x -> y \\ \n new line <b>html</b> // /* \x01'


def _hostile_map() -> ArgumentMap:
    s = [
        Statement('a"}', StatementKind.POSITION, HOSTILE, title="T\\"),
        Statement("b c", StatementKind.CLAIM, "plain"),
        Statement("d", StatementKind.REBUTTAL, "other"),
    ]
    links = [Link("l1", LinkKind.SUPPORT, ("b c", "d"), 'a"}'), Link("l2", LinkKind.ATTACK, ("d",), "l1")]
    return ArgumentMap.from_parts(MapMeta(title='Title "quoted" {'), s, links)


def _strip_strings(text: str) -> str:
    """The DOT text with quoted strings and HTML-like labels emptied (inside a label
    markup characters are escaped, so the first '>, ' ends it)."""
    text = re.sub(r"label=<.*?>, ", "label=<>, ", text)
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)


def test_hostile_strings_are_quoted() -> None:
    text, _ = dumps_dot(_hostile_map())
    bare = _strip_strings(text)
    assert bare.count("{") == bare.count("}") == 1
    assert "digraph {" not in bare and "\x01" not in text
    assert quote('a"}') in text and quote("b c") in text
    assert quote('x"y\\z\n') == '"x\\"y\\\\z\\n"'
    assert "&lt;b&gt;html&lt;/b&gt;" in text and "<b>html" not in text  # markup in a label is text


def test_positions_join_their_question_and_titles_stand_apart() -> None:
    amap = ArgumentMap.from_parts(MapMeta(), [
        Statement("q", StatementKind.QUESTION, "Leave the treaty?"),
        Statement("p1", StatementKind.POSITION, "Yes, leave it.", title="Deterrence", answers="q"),
        Statement("p2", StatementKind.POSITION, "No, stay.", answers="q"),
        Statement("c", StatementKind.CLAIM, "Mines deter."),
    ], [Link("l", LinkKind.SUPPORT, ("c",), "p1")])
    text, _ = dumps_dot(amap)
    assert re.search(r'^  "p1" -> "q" \[', text, re.M) and re.search(r'^  "p2" -> "q" \[', text, re.M)
    assert '"c" -> "q"' not in text
    assert "label=<<B>Deterrence</B><BR/>Yes, leave it.>" in text  # the title on its own line, in bold


def test_every_statement_and_link_is_present() -> None:
    amap = generate_map(200)
    text, report = dumps_dot(amap)
    for s in amap.statements():
        assert f"{quote(s.id)} [" in text
    junctions = re.findall(r'^\s*("(?:[^"\\]|\\.)*") \[shape=point', text, re.M)
    edges = re.findall(r" -> ", text)
    assert len(edges) >= len(amap.links())
    assert all(j.strip('"') in {l.id for l in amap.links()} for j in junctions)
    assert report.links == len(amap.links())


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_accepts_the_output(tmp_path: Path) -> None:
    text, _ = dumps_dot(_hostile_map())
    result = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
