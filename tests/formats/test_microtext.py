"""Potsdam argumentative microtext XML (``arggraph``): EDUs, joints, ADUs and the
edge types seg, sup, exa, reb, und and add (issue 14 interchange)."""

from __future__ import annotations

import pytest

from argmap.formats.errors import FileFormatError
from argmap.formats.interchange import detect_format, read_any
from argmap.model import LinkKind

ARGGRAPH = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t001" topic_id="waste_separation" stance="pro">
  <edu id="e1"><![CDATA[Yes, it's annoying to separate your rubbish.]]></edu>
  <edu id="e2"><![CDATA[Three bin bags stink away in the kitchen.]]></edu>
  <edu id="e3"><![CDATA[But still Germany produces a great deal of waste]]></edu>
  <edu id="e4"><![CDATA[and it is worth recycling.]]></edu>
  <edu id="e5"><![CDATA[Many cities burn it all anyway,]]></edu>
  <edu id="e6"><![CDATA[so the sorting achieves nothing.]]></edu>
  <edu id="e7"><![CDATA[Freiburg, for instance, recycles 70 percent.]]></edu>
  <joint id="j1"/>
  <adu id="a1" type="opp"/>
  <adu id="a2" type="opp"/>
  <adu id="a3" type="pro"/>
  <adu id="a4" type="opp"/>
  <adu id="a5" type="opp"/>
  <adu id="a6" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
  <edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="j1" type="seg"/>
  <edge id="c4" src="e4" trg="j1" type="seg"/>
  <edge id="c5" src="j1" trg="a3" type="seg"/>
  <edge id="c6" src="e5" trg="a4" type="seg"/>
  <edge id="c7" src="e6" trg="a5" type="seg"/>
  <edge id="c8" src="e7" trg="a6" type="seg"/>
  <edge id="c9" src="a2" trg="a1" type="sup"/>
  <edge id="c10" src="a1" trg="a3" type="reb"/>
  <edge id="c11" src="a6" trg="a3" type="exa"/>
  <edge id="c12" src="a4" trg="a3" type="reb"/>
  <edge id="c13" src="a5" trg="c12" type="add"/>
  <edge id="c14" src="a6" trg="c12" type="und"/>
</arggraph>
"""


@pytest.fixture
def arggraph(tmp_path):
    p = tmp_path / "micro_t001.xml"
    p.write_text(ARGGRAPH, encoding="utf-8")
    return p


def test_arggraph_is_detected_and_read(arggraph):
    assert detect_format(arggraph.read_bytes(), arggraph).name == "microtext"
    amap, report = read_any(arggraph)
    s = {st.id: st for st in amap.statements()}
    assert s["a3"].text == "But still Germany produces a great deal of waste and it is worth recycling."
    assert s["a1"].tags == ("opponent",) and s["a3"].tags == ()
    assert s["a3"].kind.value == "position"
    links = {link.id: link for link in amap.links()}
    assert (links["c9"].kind, links["c9"].premises, links["c9"].target) == (LinkKind.SUPPORT, ("a2",), "a1")
    assert (links["c10"].kind, links["c10"].target) == (LinkKind.ATTACK, "a3")
    assert (links["c11"].kind, links["c11"].scheme) == (LinkKind.SUPPORT, "example")
    assert links["c12"].premises == ("a4", "a5")  # 'add': a linked premise
    assert (links["c14"].kind, links["c14"].target) == (LinkKind.ATTACK, "c12")  # 'und': an undercut
    assert set(links) == {"c9", "c10", "c11", "c12", "c14"}
    assert amap.meta.title == "Waste separation"
    assert report.statements == 6 and report.links == 5


def test_an_undercut_of_a_missing_edge_is_dropped_and_reported(tmp_path):
    p = tmp_path / "m.xml"
    p.write_text(ARGGRAPH.replace('trg="c12" type="und"', 'trg="c99" type="und"'))
    amap, report = read_any(p)
    assert "c14" not in {link.id for link in amap.links()}
    assert report.find("left out") is not None


def test_an_arggraph_with_a_doctype_is_refused(tmp_path):
    p = tmp_path / "m.xml"
    p.write_text(ARGGRAPH.replace("<arggraph", '<!DOCTYPE arggraph [<!ENTITY x "y">]>\n<arggraph', 1))
    with pytest.raises(FileFormatError, match="DOCTYPE"):
        read_any(p, "microtext")


def test_an_arggraph_without_adus_is_an_error(tmp_path):
    p = tmp_path / "m.xml"
    p.write_text('<arggraph id="x"><edu id="e1">Text</edu></arggraph>')
    with pytest.raises(FileFormatError, match="no <adu>"):
        read_any(p)
