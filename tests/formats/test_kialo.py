"""Kialo text exports: both layouts, reuse, Sources block, CRLF, misleading names, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats import FileFormatError, WrongFormatError
from argmap.formats.interchange import read_any
from argmap.formats.kialo import loads_kialo, looks_like_kialo
from argmap.model import LinkKind, StatementKind

OLDER = """Discussion Title: Should we ban X?

1. We should ban X.
1.1. Pro: X harms people [site](https://example.org/a).
1.1.1. Con: The harm is small.
1.2. Con: X is useful.
1.2.1. Con: -> See 1.1.1.
"""

NEWER = """Discussion Name:
Should we ban X?

1. Thesis:
We should ban X.

  1.1. Pro:
  X harms people [1].
  It is well documented.

    1.1.1. Con:
    -> See 1.2.

  1.2. Con:
  X is useful.

Sources:
[1] https://example.org/report
"Harm was found.
1. In many cases.
2. Over years."
"""


def test_older_layout() -> None:
    amap, report = loads_kialo(OLDER)
    q = amap.statement("question")
    assert q.kind is StatementKind.QUESTION and q.text == "Should we ban X?"
    thesis = amap.statement("1")
    assert thesis.kind is StatementKind.POSITION and thesis.answers == "question"
    assert amap.link("l1.1").kind is LinkKind.SUPPORT and amap.link("l1.2").kind is LinkKind.ATTACK
    reused = amap.link("l1.2.1")
    assert reused.premises == ("1.1.1",) and reused.target == "1.2"
    assert "https://example.org/a" in amap.statement("1.1").text
    assert len(amap.statements()) == 5 and report.find("reused").count == 1


def test_newer_layout_with_sources_block_and_crlf() -> None:
    amap, _ = loads_kialo(NEWER.replace("\n", "\r\n"))
    ids = {s.id for s in amap.statements()}
    assert ids == {"question", "1", "1.1", "1.2"}  # numbered source lines are not claims
    claim = amap.statement("1.1")
    assert claim.text == "X harms people [1].\nIt is well documented."
    assert claim.source is not None and claim.source.url == "https://example.org/report"
    assert "1. In many cases." in claim.source.quotation
    assert claim.kind is StatementKind.EVIDENCE
    forward = amap.link("l1.1.1")  # '-> See 1.2.' refers forward
    assert forward.premises == ("1.2",) and forward.target == "1.1" and forward.kind is LinkKind.ATTACK


def test_title_equal_to_thesis_gives_no_question() -> None:
    amap, _ = loads_kialo("Discussion Title: We should ban X.\n\n1. We should ban X.\n1.1. Pro: Yes.\n")
    assert [s.kind for s in amap.statements() if s.id == "1"] == [StatementKind.POSITION]
    assert not amap.questions()


def test_multi_thesis_discussion() -> None:
    text = "Discussion Title: What now?\n\n1. What now?\n1.1. Thesis: Do A.\n1.1.1. Pro: A is cheap.\n1.2. Thesis: Do B.\n"
    amap, _ = loads_kialo(text)
    assert amap.statement("1").kind is StatementKind.QUESTION
    assert [p.id for p in amap.positions("1")] == ["1.1", "1.2"]


def test_missing_parent_is_attached_higher_and_dangling_reuse_reported() -> None:
    text = "Discussion Title: T?\n\n1. Thesis text.\n1.1. Pro: a\n1.1.5.2. Con: orphan\n1.2. Pro: -> See 9.9.\n"
    amap, report = loads_kialo(text)
    assert amap.link("l1.1.5.2").target == "1.1"
    assert report.find("parent number is missing") and report.find("do not exist")


def test_misleading_extension(tmp_path: Path) -> None:
    path = tmp_path / "debate.argdown"
    path.write_text(OLDER, encoding="utf-8")
    amap, report = read_any(path)
    assert report.fmt == "Kialo" and len(amap.links()) == 4


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Discussion Title: Nothing here\n\n", "no thesis"),
        ("Discussion Title: T\n\nsome words\n1. Thesis\n", "line 3"),
    ],
)
def test_bad_exports_give_clear_errors(text: str, fragment: str) -> None:
    with pytest.raises(FileFormatError, match=fragment):
        loads_kialo(text, "k.txt")


def test_txt_that_is_not_kialo_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nnothing else\n", encoding="utf-8")
    with pytest.raises(WrongFormatError, match="not a Kialo export"):
        read_any(path)
    assert not looks_like_kialo("hello")


def test_large_debate_with_reuses() -> None:
    lines = ["Discussion Title: Big?", "", "1. Big thesis."]
    for i in range(1, 301):
        lines.append(f"1.{i}. {'Pro' if i % 2 else 'Con'}: claim {i}")
        for j in range(1, 4):
            lines.append(f"1.{i}.{j}. Con: sub {i}.{j}")
        lines.append(f"1.{i}.4. Pro: -> See 1.{max(1, i - 1)}.1.")
    amap, _ = loads_kialo("\n".join(lines))
    assert len(amap.statements()) == 2 + 300 * 4
    # 1.1.4 reuses 1.1.1 under 1.1, which already has that link: the repeat is dropped
    assert len(amap.links()) == 300 * 5 - 1
