"""``write``: the one export entry point, used by the CLI and the app alike. Handouts are
written here; pictures (PNG, SVG, PDF) come from a renderer the caller passes in (the
app's and the CLI's is ``argmap.ui.render.export.render_bytes``), so this module never
needs Qt."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from argmap.export.handout import HANDOUT_FORMATS, key_path, parse_kinds, worksheet_map, write_handout
from argmap.export.options import ExportError, ExportOptions, ExportResult, export_format, prepare_map
from argmap.formats.atomic import atomic_write_files
from argmap.model import ArgumentMap


class Renderer(Protocol):
    """Draws one picture of an already prepared map: ``fmt`` is png, svg or pdf. It may
    add warnings (a PNG made smaller than asked, say) and raises ``ExportError``."""

    def __call__(self, amap: ArgumentMap, fmt: str, options: ExportOptions,
                 warnings: list[str] | None = None) -> bytes: ...


def needs_renderer(fmt: str, options: ExportOptions) -> bool:
    """Whether exporting ``fmt`` with ``options`` draws a picture (and so needs Qt)."""
    return fmt not in HANDOUT_FORMATS or (fmt == "html" and options.embed_map)


def write(path: str | os.PathLike[str], amap: ArgumentMap, options: ExportOptions = ExportOptions(),
          fmt: str | None = None, renderer: Renderer | None = None) -> ExportResult:
    """Export ``amap`` to ``path`` (atomically) in ``fmt`` (else the extension's format).
    A worksheet also writes its answer key beside it (``X.key.EXT``), both or neither.
    Raises ``ExportError`` (bad options, unknown statement, no renderer for a picture)
    or ``FileFormatError`` (the file could not be written)."""
    options = options.checked()
    fmt = export_format(path, fmt)
    if renderer is None and needs_renderer(fmt, options):
        raise ExportError(f"{fmt.upper()} pictures need a renderer (argmap.ui.render.export.render_bytes)")
    chosen = prepare_map(amap, options)
    result = ExportResult()
    blank = parse_kinds(options.worksheet)
    if fmt in HANDOUT_FORMATS:
        svg = key_svg = None
        if options.embed_map and fmt == "html":
            assert renderer is not None
            bare = replace(options, worksheet=())
            svg = renderer(worksheet_map(chosen, blank) if blank else chosen, "svg", bare)
            if blank:  # the key shows the full map
                key_svg = renderer(chosen, "svg", bare)
        title = options.title or None
        result.paths = write_handout(path, chosen, fmt=fmt, title=title, svg=svg, worksheet=blank, key_svg=key_svg)
        return result
    assert renderer is not None
    sheet = worksheet_map(chosen, blank) if blank else chosen
    files = [(Path(path), renderer(sheet, fmt, options, result.warnings))]
    if blank:  # the worksheet and its answer key are written together, or neither
        files.append((key_path(path), renderer(chosen, fmt, options)))
    atomic_write_files(files)
    result.paths.extend(p for p, _data in files)
    return result
