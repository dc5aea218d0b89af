"""Source text as paragraphs and pages: where a quotation occurs, its locator, and the
closest passage to a quotation that does not occur."""

from __future__ import annotations

from argmap.model import passages as P

TEXT = (
    "A Headline\n\n"
    "First paragraph. It says \u201cforty passengers an hour\u201d \u2014 more than hoped.\n\n"
    "  Second   paragraph\nspans two lines.\n\n\n"
    "Third paragraph: the trial ran for a whole term.\n"
)


def test_paragraphs_number_from_after_the_headline():
    paras = P.paragraphs(TEXT, "A headline")
    assert [p.number for p in paras] == [0, 1, 2, 3]
    assert TEXT[paras[2].start : paras[2].end] == "Second   paragraph\nspans two lines."
    assert [p.number for p in P.paragraphs(TEXT)] == [1, 2, 3, 4]  # no title: nothing skipped


def test_find_ignores_case_whitespace_quote_marks_and_dashes():
    span = P.find(TEXT, 'says "Forty passengers an hour" - more')
    assert span is not None
    assert TEXT[span.start : span.end] == "says \u201cforty passengers an hour\u201d \u2014 more"
    assert P.locate(TEXT, "second paragraph spans", "A Headline") == "para. 2"
    assert P.locate(TEXT, "two lines. Third paragraph", "A Headline") == "paras. 2-3"
    assert P.locate(TEXT, "A headline", "A Headline") == "headline"
    assert P.locate(TEXT, "not in the text", "A Headline") == ""
    assert P.find(TEXT, "   ") is None


def test_an_ellipsis_stands_for_left_out_words():
    span = P.find(TEXT, "First paragraph ... more than hoped")
    assert span is not None and TEXT[span.start : span.end].endswith("more than hoped")
    assert P.find(TEXT, "more than hoped \u2026 First paragraph") is None  # parts in order


def test_pages_of_a_paged_text():
    text = "Page one.\fPage two starts.\n\nStill two.\f\fPage four."
    assert P.locate(text, "still two") == "p. 2"
    assert P.locate(text, "page four") == "p. 4"
    assert P.locate(text, "Still two. Page four") == "pp. 2-4"  # across a page break
    assert P.locate(text, "starts. Still two") == "p. 2"
    assert [p.page for p in P.paragraphs(text)] == [1, 2, 2, 4]


def test_closest_passage_to_a_misquotation():
    span = P.closest(TEXT, "the trial ran for a hole term")
    assert span is not None and TEXT[span.start : span.end] == "the trial ran for a whole term"
    assert P.closest(TEXT, "bananas are yellow") is None
    assert P.closest(TEXT, "...") is None


def test_locating_in_a_large_text_uses_offsets_of_the_original():
    text = "\n\n".join(f"Paragraph {i} about topic \u00df{i}." for i in range(1, 3001))
    span = P.find(text, "paragraph 2999 about topic SS2999")
    assert span is None or text[span.start : span.end].startswith("Paragraph 2999")
    assert P.locate(text, "Paragraph 2999 about") == "para. 2999"
