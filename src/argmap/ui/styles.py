"""Themes for Qt: the Qt-free style data of ``argmap.model.style`` (kind names, colours,
shapes, glyphs per theme) plus what needs Qt: fonts, colours as ``QColor``, translated
names and legends."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont

from argmap.model import LinkKind, StatementKind
from argmap.model.style import (  # noqa: F401 - re-exported for the canvas and the exports
    BODY_PX,
    CARD_WIDTH,
    COLORBLIND,
    DARK,
    DEFAULT,
    FONT_FAMILIES,
    GLYPHS,
    GREYSCALE,
    HEADER_PX,
    HIGH_CONTRAST,
    KIND_NAMES,
    LEGEND_LINK_NAMES,
    LINK_NAMES,
    SHAPES,
    SMALL_PX,
    THEMES,
    Head,
    KindStyle,
    LegendEntry,
    LinkStyle,
    Shape,
    Theme,
    get_theme,
)
from argmap.model.style import CONTEXT


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def kind_name(kind: StatementKind) -> str:
    """The translated name of a statement kind ("Claim")."""
    return _tr(KIND_NAMES[kind])


def badge_colors(theme: Theme, label: str) -> tuple[QColor, QColor]:
    """(fill, text) of an evaluation badge such as "IN", as colours."""
    fill, text = theme.badge_hex(label)
    return QColor(fill), QColor(text)


def legend_entries(theme: Theme | str) -> list[LegendEntry]:
    """What a legend for ``theme`` lists: the five statement kinds, then the two arrows.
    Draw a sample with ``argmap.ui.canvas.painting.draw_legend_symbol``."""
    theme = get_theme(theme) if isinstance(theme, str) else theme
    out = [LegendEntry(kind_name(k), statement_kind=k, glyph=theme.kinds[k].glyph) for k in StatementKind]
    out.extend(LegendEntry(_tr(LEGEND_LINK_NAMES[k]), link_kind=k) for k in (LinkKind.SUPPORT, LinkKind.ATTACK))
    return out


def make_font(px: int, bold: bool = False) -> QFont:
    """A card font of ``px`` scene pixels."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(px)
    font.setBold(bold)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font

