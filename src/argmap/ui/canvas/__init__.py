"""Graphics items of the map canvas: cards, arrows, handles, the inline editor."""
