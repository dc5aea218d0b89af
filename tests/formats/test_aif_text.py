"""OVA3 and xAIF files that carry their analysed text: it becomes a source document,
the nodes' texts are located in it as quotations, and export writes it back."""

from __future__ import annotations

import json

from argmap.formats.aif import dumps_aif, loads_aif
from argmap.model import ArgumentMap, MapMeta, SourceDocument, Statement, StatementKind

TEXT = "Buses at night.\n\nThe trial carried forty passengers an hour. Taxis already do this job."


def xaif(text_value, **extra):
    return {
        "AIF": {
            "nodes": [
                {"nodeID": "1", "text": "The trial carried forty passengers an hour", "type": "I"},
                {"nodeID": "2", "text": "Night buses pay", "type": "I"},
                {"nodeID": "3", "text": "Default Inference", "type": "RA"},
            ],
            "edges": [{"edgeID": "a", "fromID": "1", "toID": "3"}, {"edgeID": "b", "fromID": "3", "toID": "2"}],
            "locutions": [],
        },
        "text": text_value,
        **extra,
    }


def load(doc) -> ArgumentMap:
    amap, _report = loads_aif(json.dumps(doc).encode())
    return amap


def test_xaif_text_becomes_a_source_and_quotations_are_located():
    amap = load(xaif(TEXT))
    [doc] = amap.meta.sources
    assert doc.text == TEXT + "\n" and doc.title == "Buses at night."
    s1 = amap.statement("1")
    assert s1.source.quotation == "The trial carried forty passengers an hour" and s1.source.locator == "para. 1"
    assert amap.statement("2").source is None  # not in the text


def test_ova3_text_with_highlight_spans():
    html = (
        'Buses at night.<br><br><span class="highlighted" id="node1_1">The trial carried forty '
        "passengers an hour</span>. Taxis already do this job."
    )
    amap = load(xaif({"txt": html}, OVA={"firstname": "A", "url": "https://example.org/article"}))
    [doc] = amap.meta.sources
    assert "The trial carried forty passengers an hour. Taxis" in doc.text
    assert doc.url == "https://example.org/article"
    assert amap.statement("1").source.locator == "para. 1"


def test_ova_analysis_block_with_title():
    amap = load(xaif(None, analysis={"plain_txt": TEXT, "documentTitle": "Night bus report"}))
    [doc] = amap.meta.sources
    assert doc.title == "Night bus report" and amap.statement("1").source.citation == "Night bus report"


def test_export_writes_the_analysed_text_back_and_reads_it_again():
    amap = ArgumentMap.from_parts(
        MapMeta(sources=(SourceDocument("s", "Report", text=TEXT + "\n"),)),
        [Statement("a", StatementKind.CLAIM, "Taxis already do this job")],
        [],
    )
    data, _report = dumps_aif(amap)
    doc = json.loads(data)
    assert doc["text"] == TEXT + "\n"
    again = load(doc)
    assert [d.text for d in again.meta.sources] == [TEXT + "\n"]
    assert again.statement("a").source.quotation == "Taxis already do this job"


def test_imported_html_text_round_trips_unchanged():
    html = '<span class="highlighted" id="node1_1">The trial carried forty passengers an hour</span>.'
    amap = load(xaif({"txt": html}))
    data, _ = dumps_aif(amap)
    assert json.loads(data)["text"] == {"txt": html}  # the file's own form is kept


def test_hostile_text_values_are_ignored_or_read_safely():
    for value in (42, [], {"txt": 5}, "", "   ", "<script>only()</script>"):
        amap = load(xaif(value))
        assert amap.meta.sources == ()
