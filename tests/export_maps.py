"""Small maps for the export and handout tests: one with Unicode from the region, one with
hostile strings in every field a person can type."""

from __future__ import annotations

from argmap.model import (
    ArgumentMap,
    Basis,
    Link,
    LinkKind,
    MapMeta,
    Source,
    SourceDocument,
    Statement,
)
from tests.model.maps import C, E, P, Q, R


UNICODE_TEXTS = (
    "Łódź and Šiauliai agree",
    "Rēzekne mayor: „no mines“ — said Pevkur",
    "Tõnis says ‘deterrence’ works",
    "שלום עליכם and مرحبا بكم",
    "Farmers worry 🙂 about fields",
)


def sample_map(with_positions: bool = False) -> ArgumentMap:
    """A question, two positions, evidence with sources, a rebuttal, co-premises, an
    undercut and a statement attached to nothing; texts in several scripts."""

    def pos(x: float, y: float) -> tuple[float, float] | None:
        return (x, y) if with_positions else None

    src1 = Source(
        citation="Ministry of Defence report",
        quotation="Mines slow an armoured advance by days.",
        url="https://example.org/report?a=1&b=2",
        locator="p. 4",
        date="2025-03-01",
        basis=Basis.OFFICIAL_STATEMENT,
    )
    src2 = Source(citation="ICBL Landmine Monitor", quotation="Most casualties are civilians.", url="https://icbl.org/")
    statements = [
        Statement("q", Q, "Should the Baltic states withdraw from the Ottawa Convention?", pos=pos(400, 0)),
        Statement("p1", P, "Yes: deterrence needs every option", title="Deterrence need", answers="q", order=1, pos=pos(0, 200)),
        Statement("p2", P, "No: the humanitarian risk is too high", title="Humanitarian risk", answers="q", order=2, pos=pos(800, 200)),
        Statement("e1", E, "Mines would slow an invasion at the border.", source=src1, order=1, pos=pos(0, 400)),
        Statement("e2", E, "Landmines kill civilians for decades.", source=src2, order=2, pos=pos(800, 400)),
        Statement("r1", R, "Modern drones make minefields easy to map.", order=3, pos=pos(300, 600)),
        Statement("c1", C, UNICODE_TEXTS[0], order=4, pos=pos(700, 600)),
        Statement("c2", C, UNICODE_TEXTS[1], order=5, pos=pos(1000, 600)),
        Statement("r2", R, UNICODE_TEXTS[2], order=6, pos=pos(1000, 800)),
        Statement("c3", C, UNICODE_TEXTS[3], order=7, pos=pos(0, 800)),
        Statement("x1", C, UNICODE_TEXTS[4], order=8, pos=pos(400, 1000)),
    ]
    links = [
        Link("l1", LinkKind.SUPPORT, ("e1",), "p1"),
        Link("l2", LinkKind.SUPPORT, ("e2",), "p2"),
        Link("l3", LinkKind.ATTACK, ("r1",), "e1"),
        Link("l4", LinkKind.SUPPORT, ("c1", "c2"), "p2"),
        Link("l5", LinkKind.ATTACK, ("r2",), "l4"),
        Link("l6", LinkKind.SUPPORT, ("c3",), "r1"),
    ]
    meta = MapMeta(
        title="Ottawa Convention: stay or go?",
        description="A class debate on anti-personnel mines.",
        sources=(SourceDocument("d1", "Seed article", url="https://news.example.com/ottawa"),),
    )
    return ArgumentMap.from_parts(meta, statements, links)


HOSTILE = {
    "script": "<script>alert('x')</script>",
    "img": '<img src=x onerror="alert(1)">',
    "title": '"><svg onload=alert(2)>',
    "md_link": "[click me](javascript:alert(3))",
    "cdata": "]]> & <!-- --> &amp; </text>",
    "citation": "</title><script>alert(4)</script>",
    "url": "javascript:alert(5)",
    "md_image": "![x](http://evil.example/x.png)",
}


def hostile_map(with_positions: bool = False) -> ArgumentMap:
    """Every user-typed field carries markup that must come out as text."""
    pos = (lambda x, y: (x, y)) if with_positions else (lambda x, y: None)
    statements = [
        Statement("q", Q, HOSTILE["script"], title=HOSTILE["title"], pos=pos(0, 0)),
        Statement("p", P, HOSTILE["img"], answers="q", pos=pos(0, 200)),
        Statement(
            "e",
            E,
            HOSTILE["md_link"],
            source=Source(citation=HOSTILE["citation"], quotation=HOSTILE["cdata"], url=HOSTILE["url"]),
            pos=pos(0, 400),
        ),
        Statement("r", R, HOSTILE["md_image"] + " " + HOSTILE["cdata"], pos=pos(300, 400)),
    ]
    links = [Link("l1", LinkKind.SUPPORT, ("e",), "p"), Link("l2", LinkKind.ATTACK, ("r",), "p")]
    meta = MapMeta(
        title=HOSTILE["citation"],
        description=HOSTILE["img"],
        sources=(SourceDocument("d", HOSTILE["script"], url="javascript:alert(6)"),),
    )
    return ArgumentMap.from_parts(meta, statements, links)


# ----------------------------------------------------------------- reading exports
def flat(text: str) -> str:
    """Text with ligatures unfolded (NFKC) and all runs of whitespace as one space."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", text).split())


def svg_text(data: bytes) -> str:
    """All text of an SVG, parsed with a strict XML parser (raises on invalid XML)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    return flat(" ".join(t for el in root.iter() for t in (el.text, el.tail) if t and el.tag.endswith(("text", "title", "desc", "tspan"))))


def pdf_pages(data: bytes) -> list[str]:
    """The extracted text of each page of a PDF (pypdf, a test dependency). A glyph the
    PDF cannot map back to a character comes out as a control code and is dropped: Qt's
    PDF writer maps only characters of the Basic Multilingual Plane, so an emoji (drawn
    in the bundled Noto Emoji) is a picture-like glyph without text."""
    import io

    from pypdf import PdfReader

    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    return [flat("".join(ch for ch in text if ch >= " " or ch in "\t\n\r")) for text in pages]


def has_text(haystack: str, text: str) -> bool:
    """``text`` appears in ``haystack``; right-to-left words may come out of a PDF in
    visual order, so a word found reversed counts too."""
    want = flat(text)
    if want in haystack:
        return True
    words = want.split()
    rtl = any("\u0590" <= ch <= "\u08ff" for ch in want)
    return rtl and all(w in haystack or w[::-1] in haystack for w in words)
