"""Reading source documents from files: text, Markdown, HTML (including hostile pages)
and PDF made in the tests; bad files give a clear error naming the file."""

from __future__ import annotations

import pytest

from argmap.formats.source_text import (
    SourceFileError,
    html_text,
    read_source,
    source_from_file,
    source_from_text,
)
from argmap.model import passages
from tests.formats.pdf_maker import make_pdf


def test_plain_text_keeps_paragraphs_and_drops_control_characters(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline\r\n\r\nFirst para\x07graph.  \r\n\r\n\r\n\r\nSecond.")
    got = read_source(path)
    assert got.text == "Headline\n\nFirst paragraph.\n\nSecond.\n"
    doc = source_from_file(path, {"source-1"}, stored_path="article.txt")
    assert (doc.id, doc.title, doc.path) == ("source-2", "article", "article.txt")


def test_markdown_headings_become_paragraphs_and_the_first_is_the_title(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Night buses\n\nThe trial ran.\n## Results ##\nForty an hour.\n", encoding="utf-8")
    got = read_source(path)
    assert got.title == "Night buses"
    assert passages.locate(got.text, "forty an hour", got.title) == "para. 3"


def test_html_readable_text_with_paragraphs_entities_and_no_scripts():
    page = """<!doctype html><html><head><title>Bus &amp; tram news</title>
    <meta name="author" content="A. Reporter"><style>p { color: red }</style>
    <script>var s = "<p>not text</p>"; alert(1)</script></head>
    <body><nav>Home | News</nav><h1>Night buses</h1>
    <p>The trial carried <b>forty</b>\n passengers&nbsp;an hour &mdash; &ldquo;more than hoped&rdquo;.</p>
    <p>Second&#32;paragraph<br>with a break.</p><noscript>enable JS</noscript></body></html>"""
    got = html_text(page)
    assert got.title == "Bus & tram news" and got.author == "A. Reporter"
    assert "alert" not in got.text and "color" not in got.text and "not text" not in got.text
    assert "enable JS" not in got.text
    assert "The trial carried forty passengers an hour \u2014 \u201cmore than hoped\u201d." in got.text
    assert "Second paragraph\nwith a break." in got.text
    assert passages.locate(got.text, '"more than hoped"', "") == "para. 3"


def test_hostile_html_is_safe(tmp_path):
    huge_attr = "x" * 2_000_000
    page = (
        f'<p title="{huge_attr}">Kept text.</p><script>' + "<" * 10000 + "</script>"
        "<p>&#0; &#xD800; &#99999999; &bogus; &amp;amp;</p><div><div><div>" * 200
        + "<p>unclosed <b><i>tags"
        + "<![CDATA[ odd ]]><!-- comment <p>hidden</p> -->"
    )
    path = tmp_path / "hostile.html"
    path.write_text(page, encoding="utf-8")
    got = read_source(path)
    assert got.text.startswith("Kept text.")
    assert "hidden" not in got.text and "<" not in got.text.replace("<![CDATA", "")
    assert "unclosed tags" in got.text
    assert all(ord(c) >= 32 or c in "\n\f" for c in got.text)


def test_pdf_text_per_page_with_page_locators(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(
        make_pdf(
            [["Bus report", "The trial carried forty passen-", "gers an hour."], ["Page two: costs rose."]],
            title="Bus report 2024",
        )
    )
    got = read_source(path)
    assert got.title == "Bus report 2024"
    assert passages.locate(got.text, "forty passengers an hour", got.title) == "p. 1"
    assert passages.locate(got.text, "costs rose", got.title) == "p. 2"
    one = tmp_path / "one.pdf"
    one.write_bytes(make_pdf([["Only page."]]))
    assert passages.locate(read_source(one).text, "only page") == "p. 1"


def test_scanned_pdf_without_text_says_so(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[], []]))
    with pytest.raises(SourceFileError, match=r"scan\.pdf.*scanned PDF.*OCR"):
        read_source(path)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf", "not a readable PDF"),
        ("empty.txt", b"  \n\n ", "no readable text"),
        ("binary.txt", b"\x00\x01\x02" * 100, "binary file"),
        ("picture.png", b"\x89PNG", "not a text, Markdown, HTML or PDF"),
        ("empty.html", b"<script>only()</script>", "no readable text"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceFileError, match=words) as info:
        read_source(path)
    assert name in str(info.value)


def test_missing_and_huge_files(tmp_path, monkeypatch):
    with pytest.raises(SourceFileError, match="cannot be read"):
        read_source(tmp_path / "nowhere.txt")
    import argmap.formats.source_text as st

    monkeypatch.setattr(st, "MAX_SOURCE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"big\.txt.*too large"):
        read_source(path)


def test_pasted_text():
    doc = source_from_text("  Title line\r\nBody.\n", set())
    assert (doc.id, doc.title, doc.text) == ("source-1", "Title line", "Title line\nBody.\n")
    with pytest.raises(ValueError, match="empty"):
        source_from_text(" \n ", set())
