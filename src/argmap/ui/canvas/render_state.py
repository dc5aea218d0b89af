"""State shared by every item of one scene while painting: the theme (with its colours
and pens prepared once), export mode, badges, highlights, the card being edited."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPen, QStaticText
from PySide6.QtCore import Qt

from argmap.model import LinkKind, StatementKind
from argmap.ui.canvas.painting import link_pen
from argmap.ui.styles import Theme, kind_name


class RenderState:
    """One per scene; items hold a reference instead of asking their scene each paint."""

    def __init__(self, theme: Theme) -> None:
        self.export_mode = False
        self.badges: dict[str, str] = {}
        self.collapsed: dict[str, int] = {}  # collapsed card -> how many cards it hides
        self.highlighted: frozenset[str] = frozenset()
        self.flagged: frozenset[str] = frozenset()  # a quotation not in its source
        self.editing_id: str | None = None
        self.drop_target: str | None = None
        self.selected_links: frozenset[str] = frozenset()  # drawn by the arrow tiles
        self.sheet = False  # True while one sheet draws all arrows (instead of the tiles)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.background = QColor(theme.background)
        self.kind_colors = {
            kind: (QColor(st.fill), QColor(st.border), QColor(st.text), QColor(st.accent)) for kind, st in theme.kinds.items()
        }
        self.text_pens = {kind: QPen(cols[2]) for kind, cols in self.kind_colors.items()}
        self.accent_pens = {kind: QPen(cols[3]) for kind, cols in self.kind_colors.items()}
        self.link_colors = {kind: QColor(st.color) for kind, st in theme.links.items()}
        self.link_pens = {(kind, sel): link_pen(theme, kind, sel) for kind in LinkKind for sel in (False, True)}
        self.hairlines = {key: _hairline(pen) for key, pen in self.link_pens.items()}  # far zoomed out
        self.dash_periods = {key: sum(pen.dashPattern()) * pen.widthF() if pen.style() != Qt.PenStyle.SolidLine else 0.0 for key, pen in self.link_pens.items()}
        sel = QColor(theme.selection)
        self.selection_pen = QPen(sel, 2.0, Qt.PenStyle.SolidLine)
        self.hover_pen = QPen(QColor(sel.red(), sel.green(), sel.blue(), 110), 1.5)
        self.highlight_pen = QPen(QColor(theme.highlight), 8.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        self.drop_pen = QPen(QColor(theme.drop_target), 4.0)
        self.secondary_pen = QPen(QColor(theme.secondary_text))
        self.handle_color = QColor(theme.handle)
        self.headers = {kind: _static(st.glyph) for kind, st in theme.kinds.items()}
        self.kind_words = {kind: _static(kind_name(kind).upper()) for kind in StatementKind}


def _hairline(pen: QPen) -> QPen:
    """A 1-pixel version of an arrow pen (dashes kept, in pixels)."""
    thin = QPen(pen)
    thin.setWidthF(0.0)
    thin.setCosmetic(True)
    if pen.style() == Qt.PenStyle.CustomDashLine:
        thin.setDashPattern([max(1.0, d * pen.widthF() * 0.8) for d in pen.dashPattern()])
    return thin


def _static(text: str) -> QStaticText:
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    return st
