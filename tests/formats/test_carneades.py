"""Carneades import: CAF and LKIF map to the exact structure (co-premises, rebuttals,
undercuts, questions), odd graphs are repaired and reported, hostile XML and YAML are
refused clearly, and ``argmap convert`` works on a real file."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.layout import with_layout
from argmap.formats import FileFormatError, UnreadableFileError, WrongFormatError, load_project
from argmap.formats.carneades import YAML_MESSAGE, loads_carneades, looks_like_carneades
from argmap.formats.foreign import get_extra
from argmap.formats.interchange import detect_format, read_any
from argmap.model import LinkKind, Rating, StatementKind
from tests.conftest import CORPUS

CAF = b"""<?xml version="1.0"?>
<caf version="1.3">
  <metadata creator="Ann; Bob" date="2011" title="Tiny  CAF">
    <descriptions><description lang="en">A tiny map.</description></descriptions>
  </metadata>
  <statements>
    <statement id="q" main="true" standard="PE" atom="q"><descriptions>
      <description lang="en">Should we
        build it?</description></descriptions></statement>
    <statement id="c" main="false" standard="PE" atom="c"><descriptions>
      <description lang="en">We should build it.</description>
      <description lang="de">Wir sollten es bauen.</description></descriptions></statement>
    <statement id="p1" standard="PE" atom="p1" weight="1.0"><descriptions><description lang="en">It is cheap.</description></descriptions></statement>
    <statement id="p2" standard="DV" atom="p2"><metadata><descriptions>
      <description lang="en">Cheap things are good [@Ref, p. 3].</description></descriptions></metadata>
      <descriptions><description lang="en">Cheap things are good.</description></descriptions></statement>
    <statement id="r" standard="PE" atom="r"><descriptions><description lang="en">It is ugly.</description></descriptions></statement>
    <statement id="u" standard="PE" atom="(undercut a1)"><descriptions/></statement>
    <statement id="e" standard="PE" atom="e"><descriptions><description lang="en">Cheap is not good here.</description></descriptions></statement>
  </statements>
  <arguments>
    <argument id="a0" scheme="Position" pro="true" weight="0.5" strict="false">
      <conclusion statement="q"/><premises><premise statement="c" positive="true" role=""/></premises>
    </argument>
    <argument id="a1" scheme="Practical" pro="true" weight="0.7" strict="true">
      <metadata source="Ref"><descriptions><description lang="en">Cost argument.</description></descriptions></metadata>
      <conclusion statement="c"/>
      <premises><premise statement="p1" positive="true" role="Circumstances"/><premise statement="p2" positive="true" role="Goal"/></premises>
    </argument>
    <argument id="a2" scheme="" pro="false" weight="0.5"><conclusion statement="c"/>
      <premises><premise statement="r" positive="true"/></premises></argument>
    <argument id="a3" scheme="CQ1" pro="true" weight="0.5"><conclusion statement="u"/>
      <premises><premise statement="e" positive="true"/></premises></argument>
  </arguments>
  <references>
    <metadata key="Ref" creator="Some Body" title="A Report" date="2010" identifier="https://example.org/report.pdf"><descriptions/></metadata>
  </references>
</caf>
"""

LKIF = b"""
<lkif>
  <argument-graphs>
    <argument-graph id="g" title="Tiny LKIF" main-issue="c">
      <statements>
        <statement id="c" value="unknown" assumption="false" standard="PE"><s>We should build it.</s></statement>
        <statement id="p1" value="true" assumption="false" standard="PE"><s>It is <i>cheap</i>.</s></statement>
        <statement id="p2" value="unknown" assumption="true" standard="BA"><s>Cheap things are good.</s></statement>
        <statement id="r" value="false" assumption="false" standard="PE"><s>It is ugly.</s></statement>
        <statement id="x" value="unknown" assumption="false" standard="PE"><s>Cheap is not good here.</s></statement>
      </statements>
      <arguments>
        <argument id="a1" title="Cost" direction="pro" scheme="Practical" weight="0.6">
          <conclusion statement="c"/>
          <premises>
            <premise polarity="positive" type="ordinary" role="datum" statement="p1"/>
            <premise polarity="positive" type="assumption" role="warrant" statement="p2"/>
            <premise polarity="positive" type="exception" role="" statement="x"/>
          </premises>
        </argument>
        <argument id="a2" title="" direction="con" scheme="" weight="0.5">
          <conclusion statement="c"/>
          <premises><premise polarity="positive" type="ordinary" role="" statement="r"/></premises>
        </argument>
      </arguments>
    </argument-graph>
  </argument-graphs>
</lkif>
"""


def _structure(amap):  # noqa: ANN001, ANN202
    kinds = {s.id: s.kind for s in amap.statements()}
    links = {link.id: (link.kind, set(link.premises), link.target) for link in amap.links()}
    return kinds, links


def test_caf_pro_con_co_premises_undercut_and_question() -> None:
    amap, report = loads_carneades(CAF, "tiny.caf")
    kinds, links = _structure(amap)
    assert links == {
        "a1": (LinkKind.SUPPORT, {"p1", "p2"}, "c"),
        "a2": (LinkKind.ATTACK, {"r"}, "c"),
        "a3": (LinkKind.ATTACK, {"e"}, "a1"),  # the pro argument for (undercut a1)
    }
    assert kinds == {
        "q": StatementKind.QUESTION,
        "c": StatementKind.POSITION,
        "p1": StatementKind.CLAIM,
        "p2": StatementKind.EVIDENCE,
        "r": StatementKind.REBUTTAL,
        "e": StatementKind.REBUTTAL,
    }
    c, p1, p2 = amap.statement("c"), amap.statement("p1"), amap.statement("p2")
    assert c.answers == "q" and amap.statement("q").text == "Should we build it?"
    assert p1.rating is Rating.ACCEPTED and p1.text == "It is cheap."
    assert p2.source is not None and p2.source.url == "https://example.org/report.pdf" and p2.source.locator == "p. 3"
    assert p2.notes == "Cheap things are good [@Ref, p. 3]."
    a1 = amap.link("a1")
    assert a1.scheme == "Practical" and "Cost argument." in a1.notes and "A Report" in a1.notes
    meta = amap.meta
    assert (meta.title, meta.description, meta.authors) == ("Tiny CAF", "A tiny map.", ("Ann", "Bob"))
    assert [(d.id, d.title, d.url) for d in meta.sources] == [("Ref", "A Report", "https://example.org/report.pdf")]
    extras = get_extra(meta, "carneades")
    assert extras["proof_standards"]["p2"] == "DV" and extras["argument_weights"]["a1"] == "0.7"
    assert extras["premise_roles"]["a1"] == {"p1": "Circumstances", "p2": "Goal"}
    assert extras["strict_arguments"] == ["a1"] and extras["translations"] == {"c": {"de": "Wir sollten es bauen."}}
    assert extras["answer_arguments"] == {"c": "a0"}
    assert (report.statements, report.links) == (6, 3) and report.fmt == "Carneades CAF 1.3"
    assert report.find("positions answering").count == 1 and report.find("proof standards").count == 6
    assert all(s.pos is not None for s in with_layout(amap).statements())  # laid out by the caller


def test_lkif_pro_con_co_premises_and_exception_as_undercut() -> None:
    amap, report = loads_carneades(LKIF, "tiny.lkif")
    kinds, links = _structure(amap)
    assert links == {
        "a1": (LinkKind.SUPPORT, {"p1", "p2"}, "c"),
        "a1-unless-x": (LinkKind.ATTACK, {"x"}, "a1"),
        "a2": (LinkKind.ATTACK, {"r"}, "c"),
    }
    assert kinds == {
        "c": StatementKind.POSITION,
        "p1": StatementKind.CLAIM,
        "p2": StatementKind.CLAIM,
        "r": StatementKind.REBUTTAL,
        "x": StatementKind.REBUTTAL,
    }
    assert amap.statement("p1").text == "It is cheap." and amap.statement("p1").rating is Rating.ACCEPTED
    assert amap.statement("r").rating is Rating.REJECTED and amap.statement("c").rating is None
    assert amap.link("a1").scheme == "Practical" and amap.link("a1").notes == "Cost"
    assert amap.link("a1-unless-x").scheme == "exception"
    extras = get_extra(amap.meta, "carneades")
    assert extras["premise_roles"]["a1"] == {"p1": "datum", "p2": "warrant"} and extras["assumptions"] == ["p2"]
    assert amap.meta.title == "Tiny LKIF"
    assert report.find("assumption premises").count == 1 and report.clean


def _lkif(statements: str, arguments: str, graphs: int = 1) -> bytes:
    graph = f"<argument-graph id='G{{n}}' title='T{{n}}'><statements>{statements}</statements><arguments>{arguments}</arguments></argument-graph>"
    body = "".join(graph.replace("{n}", str(n)) for n in range(graphs))
    return f"<lkif><argument-graphs>{body}</argument-graphs></lkif>".encode()


def _st(*ids: str) -> str:
    return "".join(f"<statement id='{i}'><s>Text {i}</s></statement>" for i in ids)


def _arg(aid: str, conclusion: str, *premises: str, direction: str = "pro") -> str:
    ps = "".join(
        f"<premise statement='{p.lstrip('!-')}' type='{'exception' if p.startswith('!') else 'ordinary'}' "
        f"polarity='{'negative' if p.startswith('-') else 'positive'}'/>"
        for p in premises
    )
    return f"<argument id='{aid}' direction='{direction}'><conclusion statement='{conclusion}'/><premises>{ps}</premises></argument>"


def test_broken_arguments_are_left_out_and_reported() -> None:
    args = (
        _arg("a1", "c", "p", "ghost")  # one premise is missing: kept without it
        + _arg("a2", "nowhere", "p")  # no conclusion
        + _arg("a3", "c", "ghost")  # no premise left
        + _arg("a4", "c", "c")  # its own conclusion
        + _arg("a5", "c", "!p")  # an exception only
        + _arg("a6", "c", "p", "p")  # a premise twice
    )
    amap, report = loads_carneades(_lkif(_st("c", "p"), args), "odd.lkif")
    assert {link.id: link.premises for link in amap.links()} == {"a1": ("p",), "a6": ("p",)}
    assert report.find("naming a missing statement").count == 2
    assert report.find("conclusion is missing").examples == ["a2 -> nowhere"]
    assert report.find("without an ordinary premise").count == 3
    assert report.find("their argument's own conclusion").count == 1
    assert report.find("duplicate premises").count == 1


def test_arguments_about_arguments_and_negative_premises() -> None:
    args = _arg("a1", "c", "p") + _arg("a2", "a1", "q", direction="con") + _arg("a3", "a1", "r") + _arg("a4", "c", "-n")
    amap, report = loads_carneades(_lkif(_st("c", "p", "q", "r", "n"), args), "meta.lkif")
    _, links = _structure(amap)
    assert links["a2"] == (LinkKind.ATTACK, {"q"}, "a1")  # undercut
    assert links["a3"] == (LinkKind.SUPPORT, {"r"}, "c")  # approximated: support of a1's conclusion
    assert report.find("pro arguments about an argument").count == 1
    assert links["a4"] == (LinkKind.SUPPORT, {"n"}, "c") and "Text n" in amap.link("a4").notes
    assert report.find("negative premises").count == 1 and not report.clean


def test_several_lkif_graphs_are_merged_with_prefixed_ids() -> None:
    amap, report = loads_carneades(_lkif(_st("c", "p"), _arg("a1", "c", "p"), graphs=2), "two.lkif")
    assert {s.id for s in amap.statements()} == {"G0:c", "G0:p", "G1:c", "G1:p"}
    assert {link.target for link in amap.links()} == {"G0:c", "G1:c"}
    assert report.find("graphs merged").count == 1 and amap.meta.title == "T0; T1"


def _caf(statements: str, arguments: str) -> bytes:
    return f"<caf version='1.3'><statements>{statements}</statements><arguments>{arguments}</arguments></caf>".encode()


def _cst(sid: str, text: str = "", atom: str = "") -> str:
    desc = f"<description lang='en'>{text}</description>" if text else ""
    return f"<statement id='{sid}' atom='{atom or sid}'><descriptions>{desc}</descriptions></statement>"


def _carg(aid: str, conclusion: str, premise: str, pro: bool = True) -> str:
    return f"<argument id='{aid}' pro='{str(pro).lower()}'><conclusion statement='{conclusion}'/><premises><premise statement='{premise}' positive='true'/></premises></argument>"


def test_caf_undercutters_that_are_disputed_or_unsupported() -> None:
    statements = _cst("c", "C.") + _cst("p", "P.") + _cst("u", atom="(undercut a1)") + _cst("e", "E.") + _cst("f", "F.")
    statements += _cst("v", atom="(undercut a2)")
    args = _carg("a1", "c", "p") + _carg("a2", "c", "f") + _carg("a3", "u", "e") + _carg("a4", "u", "f", pro=False)
    amap, report = loads_carneades(_caf(statements, args), "u.caf")
    _, links = _structure(amap)
    # u is disputed (a con argument), so it stays a statement that undercuts a1
    assert links["u-undercuts"] == (LinkKind.ATTACK, {"u"}, "a1")
    assert links["a3"] == (LinkKind.SUPPORT, {"e"}, "u") and links["a4"] == (LinkKind.ATTACK, {"f"}, "u")
    assert amap.statement("u").text == "The argument for \u201cC.\u201d does not apply."
    assert "v" not in {s.id for s in amap.statements()}  # no argument for it: left out
    assert report.find("undercutters that no argument supports").examples == ["v"]
    assert report.find("kept as statements").count == 1


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<caf><statements><statement id="a"><descriptions><description>&lol3;</description></descriptions></statement></statements></caf>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE lkif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<lkif><argument-graphs><argument-graph><statements><statement id="s"><s>&xxe;</s></statement></statements></argument-graph></argument-graphs></lkif>"""


@pytest.mark.parametrize(("data", "name"), [(BILLION_LAUGHS, "evil.caf"), (EXTERNAL, "evil.lkif"), (EXTERNAL, "evil.xml")])
def test_hostile_xml_is_refused_quickly(tmp_path: Path, data: bytes, name: str) -> None:
    start = time.perf_counter()
    with pytest.raises(UnreadableFileError, match=r"line \d+: .*(DOCTYPE|ENTITY)"):
        loads_carneades(data, name)
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableFileError, match=rf"{name}: line \d+: .*DOCTYPE"):
        read_any(path)
    assert time.perf_counter() - start < 0.5


def test_other_xml_and_broken_xml() -> None:
    with pytest.raises(WrongFormatError, match="top element is <svg>"):
        loads_carneades(b"<svg/>", "x.caf")
    with pytest.raises(UnreadableFileError, match="not well-formed"):
        loads_carneades(b"<caf><statements>", "x.caf")
    with pytest.raises(FileFormatError, match="without an <argument-graph>"):
        loads_carneades(b"<lkif><theory/></lkif>", "x.lkif")
    with pytest.raises(WrongFormatError, match="not Carneades XML"):
        loads_carneades(b"[A]: text", "x.caf")


@pytest.mark.parametrize("name", ["graph.xml", "graph.caf", "graph.lkif"])
def test_a_damaged_carneades_file_is_not_read_as_argdown(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("[A]: looks like Argdown\n", encoding="utf-8")
    with pytest.raises(WrongFormatError, match=f"{name}: is not Carneades XML .*does not start with an XML tag"):
        read_any(path)


def test_detection_by_content_and_namespace() -> None:
    assert looks_like_carneades(b"<?xml version='1.0'?>\n<!-- <graphml> -->\n<caf version='1.3'/>")
    assert looks_like_carneades(b'\n<l:lkif xmlns:l="urn:x"/>')
    assert not looks_like_carneades(b"<graphml/>") and not looks_like_carneades(b"<argument-graph/>")
    assert detect_format(LKIF, "renamed.txt").name == "carneades"
    assert detect_format(CAF, "map.xml").name == "carneades"


YAML = sorted((CORPUS / "carneades" / "yaml").glob("*.yml")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", YAML, ids=[p.name for p in YAML])
def test_carneades_yaml_gets_a_clear_error(path: Path) -> None:
    with pytest.raises(WrongFormatError) as info:
        read_any(path)
    assert str(info.value) == f"{path}: {YAML_MESSAGE}"
    with pytest.raises(WrongFormatError, match="Carneades YAML is not supported; export to CAF XML"):
        read_any(path, "carneades")


def test_carneades_yaml_is_recognised_without_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "graph"
    path.write_text("meta:\n  title: T\nstatements:\n  s1:\n    text: A\n", encoding="utf-8")
    with pytest.raises(WrongFormatError, match="Carneades YAML is not supported"):
        read_any(path)


def test_corpus_has_carneades_files(corpus_dir: Path) -> None:
    assert len(list((corpus_dir / "carneades").glob("*/*.xml"))) >= 5 and YAML


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, timeout=120)


def test_cli_converts_a_caf_file_and_refuses_yaml(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.argmap.json"
    result = _run("convert", str(corpus_dir / "carneades" / "caf" / "CopyrightInTheKnowledgeEconomy.xml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Imported 35 statements and 8 links" in result.stderr and "(Carneades CAF 1.3)" in result.stderr
    project = load_project(out)
    assert project.map.counts()["question"] == 4 and json.loads(out.read_text(encoding="utf-8"))["format"] == "argmap"
    result = _run("convert", str(corpus_dir / "carneades" / "yaml" / "toulmin.yml"), "-o", str(tmp_path / "t.argmap.json"))
    assert result.returncode == 1 and "Carneades YAML is not supported; export to CAF XML" in result.stderr
    assert "Traceback" not in result.stderr
