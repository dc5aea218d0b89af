"""Handouts, worksheets and answer keys in Markdown and HTML: content, escaping, files."""

from __future__ import annotations

import base64
import html
import re
from html.parser import HTMLParser

import pytest

from argmap.export.handout import (
    handout_html,
    handout_markdown,
    key_path,
    md_escape,
    parse_kinds,
    resolve_statement,
    safe_url,
    submap,
    worksheet_map,
    write_handout,
)
from argmap.model import StatementKind
from tests.export_maps import HOSTILE, UNICODE_TEXTS, hostile_map, sample_map


class _Collector(HTMLParser):
    """Records tags, attributes and visible text of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def _parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    c.close()
    return c


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_markdown_contains_every_statement_and_source() -> None:
    amap = sample_map()
    md = handout_markdown(amap)
    for s in amap.statements():
        assert md_escape(s.text) in md, s.id
        if s.source:
            assert md_escape(s.source.citation) in md
            assert md_escape(s.source.quotation) in md
    assert "<https://example.org/report?a=1&b=2>" in md
    assert "Seed article" in md
    assert "## Sources" in md and re.search(r"^3\. Seed article", md, re.M)
    # nesting follows the map: the rebuttal of e1 sits under it, its support under that
    lines = md.splitlines()
    e1 = next(i for i, line in enumerate(lines) if "Mines would slow" in line)
    r1 = next(i for i, line in enumerate(lines) if "Modern drones" in line)
    c3 = next(i for i, line in enumerate(lines) if "שלום" in line)
    assert e1 < r1 < c3
    assert lines[r1].startswith("  - **Rebuttal** (against)")
    assert lines[c3].startswith("    - **Reason** (for)")


def test_html_contains_every_statement_and_source_and_is_self_contained() -> None:
    amap = sample_map()
    page = handout_html(amap, svg="<svg xmlns='http://www.w3.org/2000/svg'><text>map</text></svg>")
    parsed = _parse(page)
    text = _flat(" ".join(parsed.text))
    for s in amap.statements():
        assert _flat(s.text) in text, s.id
    for needle in ("Ministry of Defence report", "ICBL Landmine Monitor", "Seed article", "Mines slow an armoured advance"):
        assert needle in text
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "link", "iframe", "object")
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("data:image/svg+xml;base64,", "https://", "#")), value
    img = next(attrs for tag, attrs in parsed.tags if tag == "img")
    svg = base64.b64decode(img["src"].split(",", 1)[1]).decode()
    assert "<text>map</text>" in svg
    assert "@media print" in page


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_unicode_survives(fmt: str) -> None:
    out = handout_markdown(sample_map()) if fmt == "md" else html.unescape(handout_html(sample_map()))
    for text in UNICODE_TEXTS:
        assert text in out


def test_html_escapes_hostile_strings() -> None:
    page = handout_html(hostile_map())
    parsed = _parse(page)
    tags = [tag for tag, _ in parsed.tags]
    assert "script" not in tags and "svg" not in tags
    assert tags.count("img") == 0
    for _, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert all("javascript" not in (v or "") for v in attrs.values())
    visible = " ".join(parsed.text)
    for value in HOSTILE.values():
        assert value in visible or _flat(value) in _flat(visible), value
    assert "<script>" not in page and "onerror=\"" not in page


def test_markdown_escapes_hostile_strings() -> None:
    md = handout_markdown(hostile_map())
    assert "<script" not in md and "<img" not in md and "<svg" not in md and "<!--" not in md
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in md
    assert "](javascript:" not in md.replace("\\](javascript:", "")
    assert "\\[click me\\](javascript:alert(3))" in md
    assert "!\\[x\\](http://evil.example/x.png)" in md
    assert "<javascript:" not in md  # not an autolink


def test_safe_url_allows_only_http_https_mailto() -> None:
    assert safe_url("https://a.example/x y") == "https://a.example/x%20y"
    assert safe_url("mailto:teacher@example.org") == "mailto:teacher@example.org"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "//evil", "http:/x", ""):
        assert safe_url(bad) is None, bad


WORKSHEET_KINDS = [("evidence,rebuttals", {"e1", "e2", "r1", "r2"}), ("claim", {"c1", "c2", "c3", "x1"})]


@pytest.mark.parametrize(("kinds", "blanked"), WORKSHEET_KINDS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_worksheet_blanks_exactly_the_chosen_kinds(fmt: str, kinds: str, blanked: set[str]) -> None:
    amap = sample_map()

    def render(key: bool) -> str:
        if fmt == "md":
            return handout_markdown(amap, worksheet=kinds, answer_key=key)
        return html.unescape(" ".join(_parse(handout_html(amap, worksheet=kinds, answer_key=key)).text))

    sheet, key = render(False), render(True)
    for s in amap.statements():
        text = md_escape(s.text) if fmt == "md" else s.text
        assert text in key, s.id
        if s.id in blanked:
            assert text not in sheet, s.id
            if s.source:
                assert s.source.quotation not in sheet and s.source.citation not in sheet
        else:
            assert text in sheet, s.id
    assert sheet.count("Source:") == sum(1 for i in blanked if i.startswith("e"))
    assert "Worksheet:" in sheet and "Answer key:" in key
    if fmt == "html":
        page = handout_html(amap, worksheet=kinds)
        assert page.count('class="blank"') == len(blanked)
        assert handout_html(amap, worksheet=kinds, answer_key=True).count(" answer\"") == len(blanked)


def test_worksheet_keeps_sources_in_the_key_only() -> None:
    amap = sample_map()
    assert "ICBL Landmine Monitor" not in handout_markdown(amap, worksheet="evidence")
    assert "2. ICBL Landmine Monitor" in handout_markdown(amap, worksheet="evidence", answer_key=True)


def test_parse_kinds() -> None:
    assert parse_kinds("evidence, rebuttals") == {StatementKind.EVIDENCE, StatementKind.REBUTTAL}
    assert parse_kinds("reasons,claims") == {StatementKind.CLAIM}
    assert parse_kinds("") == frozenset()
    with pytest.raises(ValueError, match="unknown statement kind 'opinion'.*evidence"):
        parse_kinds("evidence,opinion")


def test_write_handout_writes_sheet_and_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    amap = sample_map()
    written = write_handout(tmp_path / "class.html", amap, worksheet="evidence")
    assert written == [tmp_path / "class.html", tmp_path / "class.key.html"]
    assert "Worksheet:" in written[0].read_text("utf-8")
    assert "Answer key:" in written[1].read_text("utf-8")
    assert key_path("out/x.md").name == "x.key.md"
    assert write_handout(tmp_path / "plain.md", amap) == [tmp_path / "plain.md"]
    assert not (tmp_path / "plain.key.md").exists()
    with pytest.raises(ValueError, match="not 'txt'"):
        write_handout(tmp_path / "x.txt", amap)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class.html", "class.key.html", "plain.md"]


def test_resolve_and_submap() -> None:
    amap = sample_map()
    assert resolve_statement(amap, "p2") == "p2"
    assert resolve_statement(amap, "humanitarian  RISK") == "p2"
    assert resolve_statement(amap, "Landmines kill civilians for decades.") == "e2"
    with pytest.raises(LookupError, match="no statement"):
        resolve_statement(amap, "nothing like this")
    with pytest.raises(LookupError, match="3 statements match"):
        resolve_statement(amap, "Mines")
    sub = submap(amap, amap.subtree("p2"))
    assert {s.id for s in sub.statements()} == {"p2", "e2", "c1", "c2", "r2"}
    assert {link.id for link in sub.links()} == {"l2", "l4", "l5"}
    assert sub.statement("p2").answers is None
    # a link whose target is outside the set is dropped with everything attacking it
    partial = submap(amap, {"c1", "r2", "p1"})
    assert partial.links() == []


def test_worksheet_map_blanks_only_chosen_kinds() -> None:
    amap = sample_map()
    sheet = worksheet_map(amap, "evidence")
    for s in amap.statements():
        got = sheet.statement(s.id)
        if s.kind is StatementKind.EVIDENCE:
            assert got.text.strip("_\n") == "" and got.source is None
        else:
            assert got == s
    assert sheet.links() == amap.links()
