"""Export without Qt: what to export (options, formats, paper), the map to draw
(scope, subtree, worksheet blanks), page and tile planning as pure geometry, and the
handouts (outline, Markdown, HTML). Pictures come from a renderer passed in by the
caller (``argmap.ui.render``); this package never imports Qt."""
