"""The worksheet's article appendix reads the map's embedded source text first (then the
file beside the map) and numbers paragraphs as the Sources panel's locators count them
(one paragraph splitter, ``argmap.model.passages``)."""

from __future__ import annotations

import re
from dataclasses import replace

from argmap.export.handout import handout_html, handout_markdown
from argmap.export.worksheet_parts import article_paragraphs, article_texts
from argmap.formats.project import load_project
from argmap.model import SourceDocument, StatementKind, passages
from tests.conftest import EXAMPLE


def example():
    return load_project(EXAMPLE).map


def with_sources(amap, *docs):
    amap.set_meta(replace(amap.meta, sources=tuple(docs)))
    return amap


def test_embedded_text_is_used_without_any_file(tmp_path):
    amap = with_sources(example(), SourceDocument("a", "Trees", path="gone.txt", text="Trees\n\nOne.\n\nTwo words."))
    assert article_texts(amap, tmp_path) == [("Trees", "Trees\n\nOne.\n\nTwo words.")]
    page = handout_html(amap, worksheet="evidence", appendix=article_texts(amap, tmp_path))
    assert "Appendix: Trees" in page and '<li value="2" dir="auto">Two words.</li>' in page


def test_embedded_text_wins_over_the_file_beside_the_map(tmp_path):
    (tmp_path / "a.txt").write_text("Old\n\nThe file's words.\n", encoding="utf-8")
    amap = with_sources(example(), SourceDocument("a", "New", path="a.txt", text="New\n\nThe map's words.\n"))
    [(_title, text)] = article_texts(amap, tmp_path)
    assert "map's words" in text
    amap = with_sources(example(), SourceDocument("a", "Old", path="a.txt"))
    [(_title, text)] = article_texts(amap, tmp_path)
    assert "file's words" in text


def test_an_html_file_beside_the_map_is_read_as_text(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><head><title>T</title><script>var x=1</script></head><body><p>First &amp; one.</p><p>Second.</p></body></html>",
        encoding="utf-8",
    )
    [(_title, text)] = article_texts(with_sources(example(), SourceDocument("a", "T", path="a.html")), tmp_path)
    assert "First & one." in text and "var x" not in text and "<p>" not in text


def test_appendix_paragraph_numbers_agree_with_every_locator_of_the_example():
    amap = example()
    [doc] = amap.meta.sources
    assert doc.text  # the example embeds the seed article
    _headline, paras = article_paragraphs(doc.text, doc.title)
    by_number = {p.number: " ".join(passages.folded(p.text).split()) for p in paras}
    page = handout_html(amap, worksheet="evidence", appendix=article_texts(amap, None))
    checked = 0
    for s in amap.statements():
        if s.kind is not StatementKind.EVIDENCE or s.source is None or not s.source.quotation:
            continue
        where = passages.locate(doc.text, s.source.quotation, doc.title)
        n = int(re.fullmatch(r"para\. (\d+)", where).group(1))
        assert where == s.source.locator
        first_words = " ".join(passages.fragments(s.source.quotation)[0].split()[:5])
        assert first_words in by_number[n], (s.id, where)
        assert f'<li value="{n}" dir="auto">' in page
        checked += 1
    assert checked >= 5


def test_a_first_block_that_is_not_the_title_is_para_1_as_in_the_sources_panel():
    text = "A first paragraph, not a headline.\n\nA second one."
    headline, paras = article_paragraphs(text, "Some other title")
    assert headline == "" and [p.number for p in paras] == [1, 2]
    assert passages.locate(text, "A second one", "Some other title") == "para. 2"


def test_a_paged_text_lists_its_pages_as_the_locators_cite_them():
    text = "Page one text.\n\nStill page one.\fPage two text."
    amap = with_sources(example(), SourceDocument("a", "Report", text=text))
    articles = article_texts(amap, None)
    page = handout_html(amap, worksheet="evidence", appendix=articles)
    assert '<h3 class="page">p. 1</h3>' in page and '<h3 class="page">p. 2</h3>' in page
    assert passages.locate(text, "Page two text", "Report") == "p. 2"
    md = "\n".join(handout_markdown(amap, worksheet="evidence", appendix=articles).splitlines())
    assert "### p. 2" in md and "Pages are numbered" in md


def test_paragraph_hints_come_from_the_embedded_text_as_the_appendix_numbers_it():
    from argmap.export.worksheet_parts import numbered_sheet, quoted_locators

    amap = example()
    finland = amap.statement("e-finland")
    amap.replace_statement(replace(finland, source=replace(finland.source, locator="para. 9")))  # typed wrong
    assert quoted_locators(amap)["e-finland"] == "para. 4"
    page = handout_html(amap, worksheet="evidence", hints="paragraph")
    assert "Hint: para. 4" in page and "Hint: para. 9" not in page
    sheet = numbered_sheet(amap, "evidence", hints="paragraph")
    assert sheet.statement("e-finland").title.endswith("Hint: para. 4")
    # Without an embedded text the card's own locator is the hint.
    amap.set_meta(replace(amap.meta, sources=tuple(replace(d, text="") for d in amap.meta.sources)))
    assert "Hint: para. 9" in handout_html(amap, worksheet="evidence", hints="paragraph")
