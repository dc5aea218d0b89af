"""The one source of style, free of Qt: kind names, shapes, glyphs, colours per theme,
font sizes and the card width, read by the canvas (``argmap.ui.styles``), DOT, GraphML
and the handouts. Data only; display strings are marked with ``translate_noop`` so a
translation tool finds them (the UI translates them in context ``"styles"``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from argmap.model.types import LinkKind, StatementKind

CONTEXT = "styles"


def translate_noop(context: str, text: str) -> str:
    """Marks ``text`` for translation in ``context`` (like ``QT_TRANSLATE_NOOP``); returns it unchanged."""
    del context
    return text


# Fonts are sized in scene pixels (not points) so a card wraps the same on every screen,
# in PNG, SVG and PDF; the family list falls back to each platform's usual sans face.
FONT_FAMILIES = ["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Noto Sans", "sans-serif"]
BODY_PX = 14
SMALL_PX = 11
HEADER_PX = 10
CARD_WIDTH = 260.0  # scene pixels; the layout estimates heights for this width


class Shape(StrEnum):
    HEXAGON = "hexagon"  # question: a banner with pointed ends
    ROUNDED = "rounded"  # position: rounded rectangle, thick border
    RECT = "rect"  # claim: plain rectangle
    FOLDED = "folded"  # evidence: a document with a folded corner
    NOTCHED = "notched"  # rebuttal: rectangle with cut corners


class Head(StrEnum):
    TRIANGLE = "triangle"  # filled triangle (support)
    BAR_OPEN = "bar_open"  # a bar then an open triangle (attack)


@dataclass(frozen=True)
class KindStyle:
    fill: str
    border: str
    text: str
    accent: str  # header glyph and kind word
    shape: Shape
    glyph: str
    border_width: float = 1.5


@dataclass(frozen=True)
class LinkStyle:
    color: str
    width: float
    dash: tuple[float, ...]  # empty: solid; else a Qt dash pattern in pen widths
    head: Head


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    kinds: dict[StatementKind, KindStyle]
    links: dict[LinkKind, LinkStyle]
    selection: str
    highlight: str
    drop_target: str
    handle: str
    secondary_text: str  # citation line
    badges: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (fill, text)
    badge_default: tuple[str, str] = ("#5f6368", "#ffffff")

    def badge_hex(self, label: str) -> tuple[str, str]:
        """(fill, text) colours of an evaluation badge such as "IN"."""
        return self.badges.get(label.upper(), self.badge_default)


KIND_NAMES = {
    StatementKind.QUESTION: translate_noop(CONTEXT, "Question"),
    StatementKind.POSITION: translate_noop(CONTEXT, "Position"),
    StatementKind.CLAIM: translate_noop(CONTEXT, "Claim"),
    StatementKind.EVIDENCE: translate_noop(CONTEXT, "Evidence"),
    StatementKind.REBUTTAL: translate_noop(CONTEXT, "Rebuttal"),
}
LINK_NAMES = {LinkKind.SUPPORT: translate_noop(CONTEXT, "Supports"), LinkKind.ATTACK: translate_noop(CONTEXT, "Attacks")}
#: Handouts for students call a claim a "reason" (deliberately: it reads as the reason for what it supports).
HANDOUT_KIND_NAMES = {**KIND_NAMES, StatementKind.CLAIM: translate_noop(CONTEXT, "Reason")}
#: Lower-case kind words for sentences and undo labels ("Add claim").
KIND_WORDS = {kind: name.lower() for kind, name in KIND_NAMES.items()}
#: The legend's words for the two arrows.
LEGEND_LINK_NAMES = {
    LinkKind.SUPPORT: translate_noop(CONTEXT, "Supports"),
    LinkKind.ATTACK: translate_noop(CONTEXT, "Attacks (rebuts or undercuts)"),
}


GLYPHS = {
    StatementKind.QUESTION: "?",
    StatementKind.POSITION: "\u2605",  # black star
    StatementKind.CLAIM: "\u25cf",  # black circle
    StatementKind.EVIDENCE: "\u275d",  # heavy double comma quotation mark
    StatementKind.REBUTTAL: "\u2715",  # multiplication x
}
SHAPES = {
    StatementKind.QUESTION: Shape.HEXAGON,
    StatementKind.POSITION: Shape.ROUNDED,
    StatementKind.CLAIM: Shape.RECT,
    StatementKind.EVIDENCE: Shape.FOLDED,
    StatementKind.REBUTTAL: Shape.NOTCHED,
}
_WIDTHS = {StatementKind.QUESTION: 2.0, StatementKind.POSITION: 2.6}


def _kinds(colors: dict[StatementKind, tuple[str, str, str, str]], scale: float = 1.0) -> dict[StatementKind, KindStyle]:
    return {
        kind: KindStyle(fill, border, text, accent, SHAPES[kind], GLYPHS[kind], _WIDTHS.get(kind, 1.5) * scale)
        for kind, (fill, border, text, accent) in colors.items()
    }


def _links(support: str, attack: str, width: float = 1.6) -> dict[LinkKind, LinkStyle]:
    return {
        LinkKind.SUPPORT: LinkStyle(support, width, (), Head.TRIANGLE),
        LinkKind.ATTACK: LinkStyle(attack, width, (4.0, 2.5), Head.BAR_OPEN),
    }


# Okabe-Ito: orange E69F00, sky blue 56B4E9, bluish green 009E73, yellow F0E442,
# blue 0072B2, vermillion D55E00, reddish purple CC79A7: distinguishable by people with
# every common colour-vision deficiency. Fills are light tints; borders the full hue.
_LABEL_BADGES = {
    "IN": ("#009E73", "#ffffff"),
    "OUT": ("#D55E00", "#ffffff"),
    "UND": ("#6b6b6b", "#ffffff"),
    "UNDEC": ("#6b6b6b", "#ffffff"),
    "UNDECIDED": ("#6b6b6b", "#ffffff"),
}

DEFAULT = Theme(
    name="default",
    background="#fbfbf9",
    kinds=_kinds(
        {
            StatementKind.QUESTION: ("#f4e3ee", "#a4527f", "#1d1d1f", "#8c3f6b"),
            StatementKind.POSITION: ("#dcebf7", "#0072B2", "#1d1d1f", "#005a8c"),
            StatementKind.CLAIM: ("#ffffff", "#5b6b73", "#1d1d1f", "#4a585f"),
            StatementKind.EVIDENCE: ("#fbf5d3", "#b39a00", "#1d1d1f", "#7d6b00"),
            StatementKind.REBUTTAL: ("#fbe4d6", "#D55E00", "#1d1d1f", "#a84a00"),
        }
    ),
    links=_links("#00805d", "#D55E00"),
    selection="#0072B2",
    highlight="#E69F00",
    drop_target="#56B4E9",
    handle="#0072B2",
    secondary_text="#55595c",
    badges=_LABEL_BADGES,
)

COLORBLIND = Theme(
    name="colorblind",
    background="#ffffff",
    kinds=_kinds(
        {
            StatementKind.QUESTION: ("#ecc9de", "#CC79A7", "#000000", "#7a2f5a"),
            StatementKind.POSITION: ("#b9dcf2", "#0072B2", "#000000", "#00466e"),
            StatementKind.CLAIM: ("#c9eee3", "#009E73", "#000000", "#005c43"),
            StatementKind.EVIDENCE: ("#f8f1a6", "#a89800", "#000000", "#5e5500"),
            StatementKind.REBUTTAL: ("#f6c8a8", "#D55E00", "#000000", "#8a3d00"),
        },
        scale=1.2,
    ),
    links=_links("#0072B2", "#D55E00", 1.8),
    selection="#000000",
    highlight="#E69F00",
    drop_target="#56B4E9",
    handle="#000000",
    secondary_text="#333333",
    badges=_LABEL_BADGES,
)

GREYSCALE = Theme(
    name="greyscale",
    background="#ffffff",
    kinds=_kinds(
        {
            StatementKind.QUESTION: ("#d9d9d9", "#000000", "#000000", "#000000"),
            StatementKind.POSITION: ("#ececec", "#000000", "#000000", "#000000"),
            StatementKind.CLAIM: ("#ffffff", "#3a3a3a", "#000000", "#000000"),
            StatementKind.EVIDENCE: ("#f5f5f5", "#3a3a3a", "#000000", "#000000"),
            StatementKind.REBUTTAL: ("#e4e4e4", "#000000", "#000000", "#000000"),
        }
    ),
    links=_links("#000000", "#000000"),
    selection="#000000",
    highlight="#7f7f7f",
    drop_target="#7f7f7f",
    handle="#000000",
    secondary_text="#3a3a3a",
    badges={k: ("#000000" if k == "IN" else "#ffffff", "#ffffff" if k == "IN" else "#000000") for k in _LABEL_BADGES},
    badge_default=("#ffffff", "#000000"),
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    background="#ffffff",
    kinds=_kinds(
        {
            StatementKind.QUESTION: ("#ffffff", "#000000", "#000000", "#6a0d4b"),
            StatementKind.POSITION: ("#ffffff", "#003a70", "#000000", "#003a70"),
            StatementKind.CLAIM: ("#ffffff", "#000000", "#000000", "#000000"),
            StatementKind.EVIDENCE: ("#ffffff", "#4d4200", "#000000", "#4d4200"),
            StatementKind.REBUTTAL: ("#ffffff", "#8a2b00", "#000000", "#8a2b00"),
        },
        scale=1.6,
    ),
    links=_links("#000000", "#8a2b00", 2.2),
    selection="#0000ff",
    highlight="#ff8c00",
    drop_target="#0000ff",
    handle="#000000",
    secondary_text="#000000",
    badges={"IN": ("#005c43", "#ffffff"), "OUT": ("#8a2b00", "#ffffff"), "UND": ("#000000", "#ffffff")},
    badge_default=("#000000", "#ffffff"),
)

DARK = Theme(
    name="dark",
    background="#1e1f22",
    kinds=_kinds(
        {
            StatementKind.QUESTION: ("#3b2a35", "#CC79A7", "#ececec", "#e3a6c8"),
            StatementKind.POSITION: ("#1f3647", "#56B4E9", "#ececec", "#8fd0f5"),
            StatementKind.CLAIM: ("#2b2d31", "#9aa5ab", "#ececec", "#c2cbd0"),
            StatementKind.EVIDENCE: ("#3a3620", "#F0E442", "#ececec", "#f3ea7a"),
            StatementKind.REBUTTAL: ("#42291d", "#E69F00", "#ececec", "#f0b94a"),
        }
    ),
    links=_links("#3fc9a0", "#ff8a4c"),
    selection="#8fd0f5",
    highlight="#F0E442",
    drop_target="#56B4E9",
    handle="#8fd0f5",
    secondary_text="#a9adb3",
    badges={"IN": ("#009E73", "#ffffff"), "OUT": ("#D55E00", "#ffffff"), "UND": ("#7a7a7a", "#ffffff")},
    badge_default=("#7a7a7a", "#ffffff"),
)

THEMES: dict[str, Theme] = {t.name: t for t in (DEFAULT, COLORBLIND, GREYSCALE, HIGH_CONTRAST, DARK)}


def get_theme(name: str) -> Theme:
    """The theme called ``name``; a ``ValueError`` naming the known themes otherwise."""
    try:
        return THEMES[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown theme {name!r}; choose one of: {', '.join(THEMES)}") from None


@dataclass(frozen=True)
class LegendEntry:
    """One line of a legend: a statement kind (card sample) or a link kind (arrow sample)."""

    label: str
    statement_kind: StatementKind | None = None
    link_kind: LinkKind | None = None
    glyph: str = ""
