"""Export without Qt, on model, formats, layout and reasoning: what to export
(``options``: formats, paper, scope, the map to draw), page and tile planning as pure
geometry (``pages``, ``tile_plan``), the handouts (``handout``, ``handout_outline``:
outline, Markdown, HTML, worksheets) and ``write``, the one entry point the CLI and the
app both call. Pictures come from a renderer passed in by the caller
(``argmap.ui.render.export.render_bytes``); this package never imports Qt."""
