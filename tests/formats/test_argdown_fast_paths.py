"""The shortcuts the Argdown reader takes for plain statements (no data block, no tags,
no ``answers``) give the same map as the full path, and reading leaves Python's garbage
collector as it found it (it is paused while a file is read)."""

from __future__ import annotations

import gc

import pytest

from argmap.formats.argdown_read import loads_argdown
from argmap.formats.errors import FileFormatError
from argmap.model import Basis, StatementKind


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_restores_the_collector_state(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        loads_argdown("[A]: a\n  + [B]: b\n")
        assert gc.isenabled() is enabled
        with pytest.raises(FileFormatError, match="unknown relation symbol"):
            loads_argdown("[A]: a\n  ~> [B]: b\n")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_plain_and_data_statements_side_by_side() -> None:
    text = (
        "[Q]: Why? {kind: question}\n\n"
        "[P]: Because. {answers: Q}\n  + [E]: seen #field {source: Smith 2020, basis: study}\n"
        "  - [R]: not so\n\n"
        "[Plain]: just text\n"
    )
    amap, _ = loads_argdown(text)
    by_title = {s.title: s for s in amap.statements()}
    assert by_title["Q"].kind is StatementKind.QUESTION
    assert by_title["P"].kind is StatementKind.POSITION
    assert by_title["P"].answers == by_title["Q"].id
    e = by_title["E"]
    assert e.kind is StatementKind.EVIDENCE and e.tags == ("field",)
    assert e.source is not None and e.source.citation == "Smith 2020" and e.source.basis is Basis.STUDY
    assert by_title["R"].kind is StatementKind.REBUTTAL and by_title["R"].source is None
    plain = by_title["Plain"]
    assert plain.kind is StatementKind.CLAIM and plain.source is None and plain.tags == () and plain.answers is None
    assert plain.text == "just text"
