"""Worksheets that work in class: numbered blanks whose numbers the answer key repeats
for the same statements, hints, a name / class / date line, the article as an appendix,
and the student-facing description kept apart from the teacher's notes."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from argmap.export.handout import handout_html, handout_markdown
from argmap.export.worksheet_parts import article_texts, paragraphs
from argmap.formats.project import load_project
from tests.conftest import EXAMPLE

KINDS = "claim,evidence,rebuttal"


def example():
    return load_project(EXAMPLE).map


def numbered_html(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<span class="no">(\d+)</span>', page)]


def test_every_blank_is_numbered_once_in_order():
    amap = example()
    page = handout_html(amap, worksheet=KINDS)
    blanks = page.count('<div class="blank"')
    expected = sum(1 for s in amap.statements() if s.kind.value in KINDS.split(","))
    assert blanks == expected
    assert numbered_html(page) == list(range(1, expected + 1))


def test_the_key_numbers_the_same_statements():
    amap = example()
    sheet = handout_html(amap, worksheet=KINDS, hints="title")
    key = handout_html(amap, worksheet=KINDS, answer_key=True)
    # In the key each number is followed by the statement's title; the worksheet's hint
    # for the same number names the same title.
    key_titles = dict(re.findall(r'<span class="no">(\d+)</span>.*?<strong>([^<]+)</strong>', key))
    sheet_hints = dict(re.findall(r'<span class="no">(\d+)</span>.*?Hint: ([^<]+)</span>', sheet))
    assert key_titles and key_titles == sheet_hints
    assert len(key_titles) == sum(1 for s in amap.statements() if s.kind.value in KINDS.split(","))


def test_markdown_numbers_match_too():
    amap = example()
    sheet = handout_markdown(amap, worksheet=KINDS, hints="title")
    key = handout_markdown(amap, worksheet=KINDS, answer_key=True)
    sheet_pairs = re.findall(r"\*\*\((\d+)\)\*\*.*\n.*\n\s*\*Hint: (.+)\*", sheet)
    key_pairs = re.findall(r"\*\*\((\d+)\)\*\* \*\*\w+\*\*(?: \(\w+[^)]*\))?: \*\*(.+?)\*\*", key)
    assert sheet_pairs and dict(sheet_pairs) == dict(key_pairs)


def test_paragraph_hints_name_the_locator():
    page = handout_html(example(), worksheet="evidence", hints="paragraph")
    assert "Hint: para. 4" in page and "Hint: Finland" not in page


def test_no_hints_by_default_and_unknown_hints_refused():
    assert "Hint:" not in handout_html(example(), worksheet=KINDS)
    with pytest.raises(ValueError):
        handout_html(example(), worksheet=KINDS, hints="everything")


def test_name_class_date_line_on_worksheets_only():
    amap = example()
    assert 'class="name-line"' in handout_html(amap, worksheet=KINDS)
    assert 'class="name-line"' not in handout_html(amap, worksheet=KINDS, answer_key=True)
    assert 'class="name-line"' not in handout_html(amap)
    assert "Name: ____" in handout_markdown(amap, worksheet=KINDS)


def test_student_description_replaces_teacher_notes_for_students():
    amap = example()
    amap.set_meta(replace(amap.meta, student_description="Map the article's arguments."))
    sheet = handout_html(amap, worksheet=KINDS)
    key = handout_html(amap, worksheet=KINDS, answer_key=True)
    assert "Map the article&#x27;s arguments." in sheet and "locator" not in sheet
    assert "Teacher notes:" in key and "locator" in key
    md = handout_markdown(amap, worksheet=KINDS)
    assert "Map the article" in md and "locator" not in md


def test_article_appendix_numbers_paragraphs_as_the_evidence_cites_them():
    amap = example()
    articles = article_texts(amap, EXAMPLE.parent)
    assert len(articles) == 1
    _headline, paras = paragraphs(articles[0][1], articles[0][0])
    assert paras[0].startswith("In a decisive move")  # para. 1, as the example's locators count
    page = handout_html(amap, worksheet=KINDS, appendix=articles)
    assert "Appendix: Poland and Baltic States" in page
    assert '<li value="4" dir="auto">' in page and "Finland is also contemplating" in page
    assert "Appendix:" in handout_markdown(amap, worksheet=KINDS, appendix=articles)


def test_hostile_article_text_is_escaped():
    page = handout_html(example(), appendix=[("<b>x</b>", "Head\n\n<script>alert(1)</script>")])
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<b>x</b>" not in page


def test_picture_worksheets_number_the_blank_cards_as_the_key():
    from argmap.export.worksheet_parts import numbered_key, numbered_sheet

    amap = example()
    sheet = numbered_sheet(amap, KINDS, hints="paragraph")
    key = numbered_key(amap, KINDS)
    sheet_no = {s.id: re.match(r"\((\d+)\)", s.title).group(1) for s in sheet.statements() if s.kind.value in KINDS}
    key_no = {s.id: re.match(r"\((\d+)\)", s.title).group(1) for s in key.statements() if s.kind.value in KINDS}
    assert sheet_no == key_no and len(set(sheet_no.values())) == len(sheet_no)
    finland = sheet.statement("e-finland")
    assert "Finland" not in finland.text and finland.title.endswith("Hint: para. 4")
    assert key.statement("e-finland").title.endswith("Finland weighs the same step")
    # The outline worksheet gives the same numbers.
    page = handout_html(amap, worksheet=KINDS, answer_key=True)
    assert re.search(rf'<span class="no">{key_no["e-finland"]}</span>.{{0,200}}Finland weighs the same step', page)
