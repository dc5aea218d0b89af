"""What Help › About and ``argmap --version`` show: the version, the licence and the
credits for bundled libraries, fonts and data (Qt-free).

The credits live in ``assets/credits.json`` (a list anyone can extend: one object per
item with ``name``, ``kind`` (font, data, library, ...), ``author``, ``licence`` and
``url``). A font file under ``assets/fonts/`` that has no entry there is still listed, by
file name, so a bundled font is never shown without a credit line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from argmap import __version__

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".woff", ".woff2")


@dataclass(frozen=True)
class Credit:
    name: str
    kind: str
    author: str = ""
    licence: str = ""
    url: str = ""


@dataclass(frozen=True)
class AboutInfo:
    version: str
    licence: str
    licence_text: str
    credits: tuple[Credit, ...]


def _assets() -> Path:
    return Path(str(resources.files("argmap") / "assets"))


def about_info(assets: Path | None = None) -> AboutInfo:
    """Read the credits (a missing or broken credits file gives an empty list rather
    than an error: About must always open)."""
    folder = assets if assets is not None else _assets()
    try:
        raw = json.loads((folder / "credits.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = {}
    if not isinstance(raw, dict):
        raw = {}
    credits: list[Credit] = []
    for entry in raw.get("credits", []) if isinstance(raw.get("credits"), list) else []:
        if isinstance(entry, dict) and entry.get("name"):
            credits.append(Credit(**{k: str(entry.get(k, "")) for k in ("name", "kind", "author", "licence", "url")}))
    credited = " ".join(c.name.lower() + " " + c.url.lower() for c in credits)
    fonts = folder / "fonts"
    if fonts.is_dir():
        for f in sorted(fonts.iterdir()):
            if f.suffix.lower() in FONT_SUFFIXES and f.stem.lower() not in credited and f.name.lower() not in credited:
                licence = next((p.name for p in sorted(fonts.iterdir()) if p.suffix.lower() in (".txt", ".md", "") and
                                ("licen" in p.name.lower() or "ofl" in p.name.lower())), "")
                credits.append(Credit(name=f.name, kind="font", licence=f"see {licence}" if licence else ""))
    return AboutInfo(
        version=__version__,
        licence=str(raw.get("licence", "MIT")),
        licence_text=str(raw.get("licence_text", "")),
        credits=tuple(credits),
    )


def credits_text(info: AboutInfo) -> str:
    """The credits as plain lines (for ``argmap --version --verbose`` style output and tests)."""
    lines = []
    for c in info.credits:
        parts = [f"{c.name} ({c.kind})" if c.kind else c.name]
        if c.author:
            parts.append(c.author)
        if c.licence:
            parts.append(f"licence: {c.licence}")
        if c.url:
            parts.append(c.url)
        lines.append(" — ".join(parts))
    return "\n".join(lines)
