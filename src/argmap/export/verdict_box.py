"""The verdicts an export carries when labels are asked for (``--labels``, the Export
dialog's tick): one row per position with its badge, its verdict and a one-line reason,
for the picture's verdict box and the handouts' verdict section. Qt-free."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from argmap.model import ArgumentMap
from argmap.reasoning import (
    Labelling,
    one_line,
    positions,
    verdict,
    verdict_badges,
    weighed,
)


@dataclass(frozen=True)
class VerdictRow:
    id: str
    name: str
    verdict: str  # "stands", "stands, unsupported", "defeated", "undecided"
    badge: str  # the card badge: IN, "IN · unsupported", OUT, UND
    reason: str  # one sentence


def export_labelling(amap: ArgumentMap, base_dir: str | Path | None = None) -> Labelling:
    """The labels every export shows: weighed semantics (the app's default)."""
    return weighed(amap, base_dir=base_dir or None)


def verdict_rows(amap: ArgumentMap, labelling: Labelling) -> list[VerdictRow]:
    """One row per position, in outline order."""
    out = []
    for sid in positions(amap):
        if sid not in labelling:
            continue
        v = verdict(amap, sid, labelling)
        out.append(VerdictRow(sid, amap.statement(sid).label(80), v.value, v.badge, one_line(amap, sid, labelling)))
    return out


def card_badges(amap: ArgumentMap, labelling: Labelling) -> dict[str, str]:
    """Statement id -> the badge its card carries (the same as on the canvas)."""
    return verdict_badges(amap, labelling)


def verdicts_markdown(rows: list[VerdictRow], escape) -> list[str]:  # type: ignore[no-untyped-def]
    """The "Verdicts" section of a Markdown handout (``escape``: the handout's escaper)."""
    if not rows:
        return []
    lines = ["## Verdicts", ""]
    for r in rows:
        lines.append(f"- **{escape(r.name)}**: {escape(r.verdict)}. {escape(r.reason)}")
    return lines + [""]


def verdicts_html(rows: list[VerdictRow]) -> str:
    """The "Verdicts" section of an HTML handout (every string escaped)."""
    if not rows:
        return ""
    items = "".join(
        f'<li><strong>{html.escape(r.name)}</strong>: <span class="verdict">{html.escape(r.verdict)}</span>. '
        f"{html.escape(r.reason)}</li>"
        for r in rows
    )
    return f'<h2>Verdicts</h2><ul class="verdicts">{items}</ul>'


__all__ = ["VerdictRow", "card_badges", "export_labelling", "verdict_rows", "verdicts_html", "verdicts_markdown"]
