"""Every corpus file of an interchange format imports without error, with counts checked
against what the file holds; Argdown agrees with the official parse in argdown-json/."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from argmap.formats.argdown_syntax import UNTITLED, ArgdownSyntaxError, parse_argdown, split_tags
from argmap.formats.interchange import read_any
from tests.conftest import CORPUS


def _files(*patterns: str) -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted({p for pat in patterns for p in CORPUS.glob(pat) if p.is_file()})


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(CORPUS)) for p in paths]


AIF = _files("aif/**/*.json")
ARGDOWN = [p for p in _files("argdown/**/*.argdown", "argdown/**/*.ad") if "argdown-plus" not in p.name]
ARGDOWN_PLUS = [p for p in _files("argdown/**/*.argdown") if "argdown-plus" in p.name]
KIALO = _files("kialo*/**/*.txt")
GRAPHML = _files("graphml/**/*.graphml")
CARNEADES = _files("carneades/**/*.xml")


def test_corpus_has_files(corpus_dir: Path) -> None:
    assert AIF and ARGDOWN and ARGDOWN_PLUS and KIALO and GRAPHML


@pytest.mark.parametrize("path", AIF, ids=_ids(AIF))
def test_aif_file_imports_with_expected_counts(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc = doc.get("AIF", doc)
    types = {str(n["nodeID"]): n["type"] for n in doc["nodes"]}
    edges = {(str(e["fromID"]), str(e["toID"])) for e in doc["edges"] if str(e["fromID"]) in types and str(e["toID"]) in types}
    expected_links = 0
    for nid, t in types.items():
        if t not in ("RA", "CA"):
            continue
        premises = [f for f, to in edges if to == nid and types[f] == "I"]
        allowed = ("I",) if t == "RA" else ("I", "RA", "CA")
        conclusions = [to for f, to in edges if f == nid and types[to] in allowed]
        if premises:
            expected_links += len(conclusions)
    expected_links += sum(1 for f, t in edges if types[f] == "I" and types[t] == "I")
    amap, report = read_any(path)
    assert len(amap.statements()) == sum(1 for t in types.values() if t == "I")
    assert len(amap.links()) == expected_links
    assert (report.statements, report.links) == (len(amap.statements()), len(amap.links()))
    dialogue = sum(1 for t in types.values() if t in ("L", "YA", "TA"))
    if dialogue:
        assert report.find("not shown in the map").count > 0


@pytest.mark.parametrize("path", ARGDOWN, ids=_ids(ARGDOWN))
def test_argdown_file_imports(path: Path) -> None:
    amap, report = read_any(path)
    doc = parse_argdown(path.read_text(encoding="utf-8"))
    sketched = sum(1 for a in doc.arguments.values() if not a.pcs)
    assert len(amap.statements()) == len(doc.statements) + sketched
    steps = sum(1 for a in doc.arguments.values() for kind, _ in a.pcs if kind == "inference")
    assert len(amap.links()) >= steps
    assert report.statements == len(amap.statements())


def _plain(text: str) -> str:
    text, _ = split_tags(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.split())


def _official(path: Path) -> tuple[Counter, Counter, dict]:
    d = json.loads(path.read_text(encoding="utf-8"))

    def name(kind: str, title: str) -> str:
        if kind != "equivalence-class":
            return "arg:" + title
        if re.fullmatch(r"Untitled \d+", title):
            members = d["statements"][title]["members"]
            return "text:" + _plain(next((m["text"] for m in members if (m.get("text") or "").strip()), ""))
        return title

    statements = Counter(name("equivalence-class", t) for t in d["statements"])
    relations = Counter((r["relationType"], name(r["fromType"], r["from"]), name(r["toType"], r["to"])) for r in d["relations"])
    return statements, relations, d


OFFICIAL = _files("argdown/argdown-json/*.json")


@pytest.mark.parametrize("path", OFFICIAL, ids=_ids(OFFICIAL))
def test_argdown_agrees_with_official_parse(path: Path) -> None:
    source = path.parent.parent / (path.stem + ".argdown")
    doc = parse_argdown(source.read_text(encoding="utf-8"), source)

    def name(ref: tuple[str, str]) -> str:
        kind, key = ref
        if kind == "a":
            return "arg:" + key
        return "text:" + _plain(doc.statements[key].text) if key.startswith(UNTITLED) else key

    statements, relations, official = _official(path)
    assert Counter(name(("s", k)) for k in doc.statements) == statements
    assert Counter((r.type, name(r.source), name(r.target)) for r in doc.relations) == relations
    reconstructed = {k: len(a["pcs"]) for k, a in official["arguments"].items()}
    mine = {k: sum(1 for kind, _ in a.pcs if kind == "s") for k, a in doc.arguments.items() if not k.startswith(UNTITLED)}
    assert mine == reconstructed
    amap, _ = read_any(source)
    assert len(amap.statements()) == len(official["statements"]) + sum(1 for n in reconstructed.values() if n == 0)


@pytest.mark.parametrize("path", ARGDOWN_PLUS, ids=_ids(ARGDOWN_PLUS))
def test_argdown_plus_gives_a_clear_error_with_a_line(path: Path) -> None:
    with pytest.raises(ArgdownSyntaxError) as info:
        read_any(path)
    assert re.search(r"line \d+", str(info.value)) and path.name in str(info.value)
    # without its front matter the first unknown relation symbol is named
    body = path.read_text(encoding="utf-8").split("===", 2)[2]
    with pytest.raises(ArgdownSyntaxError, match=r"line \d+.*unknown relation symbol"):
        parse_argdown(body, path)


@pytest.mark.parametrize("path", KIALO, ids=_ids(KIALO))
def test_kialo_file_imports_with_expected_counts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    before_sources = re.split(r"(?m)^\s*Sources:\s*$", text)[0]
    labels = re.findall(r"(?m)^\s*(\d+(?:\.\d+)+)\.\s+(?:Pro|Con):", before_sources)
    reuses = len(re.findall(r"(?m)^\s*(?:\d+(?:\.\d+)+\.\s+(?:Pro|Con):\s*)?->\s*See\s", before_sources))
    amap, report = read_any(path)
    questions = [s for s in amap.statements() if s.kind.value == "question"]
    assert len(amap.statements()) == 1 + len(labels) - reuses + len(questions)
    assert len(amap.links()) == len(labels)
    assert report.find("reused").count == reuses


@pytest.mark.parametrize("path", GRAPHML, ids=_ids(GRAPHML))
def test_graphml_file_imports(path: Path) -> None:
    data = path.read_text(encoding="utf-8")
    nodes = len(re.findall(r"<node\s", data))
    relation_nodes = len(re.findall(r"CDATA\[(?:RA|CA)-node\]", data))
    amap, report = read_any(path)
    assert len(amap.statements()) == nodes - relation_nodes
    assert amap.links()
    assert report.fmt == "GraphML"


def _carneades_expected(path: Path) -> tuple[int, int]:
    """Statements and links a Carneades XML file should give, counted from its elements:
    every statement but a CAF ``(undercut ARG)`` that only pro arguments conclude; every
    argument (a link) plus one undercut per exception, less the single-premise pro
    arguments for a question (statements used as no premise whose text ends with "?")."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(path.read_bytes())
    texts = {}
    for st in root.iter("statement"):
        en = [d for d in st.findall("descriptions/description") if d.get("lang") == "en"]
        node = en[0] if en else st.find("s")
        texts[st.get("id")] = " ".join("".join(node.itertext()).split()) if node is not None else ""
    args = list(root.iter("argument"))
    premises = [(a, p) for a in args for p in a.iter("premise")]
    used = {p.get("statement") for _, p in premises}
    folded = {sid for sid, st in ((s.get("id"), s) for s in root.iter("statement"))
              if (st.get("atom") or "").startswith("(undercut ") and sid not in used
              and all(a.get("pro") != "false" for a in args if a.find("conclusion").get("statement") == sid)}  # fmt: skip
    exceptions = sum(1 for _, p in premises if p.get("type") == "exception")
    answers = sum(
        1 for a in args
        if a.get("pro", "true") != "false" and a.get("direction", "pro") == "pro" and len(a.findall("premises/premise")) == 1
        and texts[a.find("conclusion").get("statement")].endswith("?") and a.find("conclusion").get("statement") not in used
    )  # fmt: skip
    return len(texts) - len(folded), len(args) + exceptions - answers


@pytest.mark.parametrize("path", CARNEADES, ids=_ids(CARNEADES))
def test_carneades_file_imports_with_expected_counts(path: Path) -> None:
    statements, links = _carneades_expected(path)
    amap, report = read_any(path)
    assert (len(amap.statements()), len(amap.links())) == (statements, links)
    assert (report.statements, report.links) == (statements, links) and report.fmt.startswith("Carneades")
