"""Compare with the article embedded: evidence is matched by the passage its quotation
covers in the model answer's source text (the student's document paired with the
model's by text or title, whatever its id), and feedback names the paragraph of
missing evidence."""

from __future__ import annotations

from dataclasses import replace

from argmap.compare import compare_maps
from argmap.compare.quoted import Quoted, document_pairs, located, locator_of, span_overlap
from argmap.model import ArgumentMap, Link, MapMeta, SourceDocument, StatementKind, passages
from tests.compare.students import load_model

K = StatementKind


def student_of(model: ArgumentMap, *, doc: SourceDocument, drop: tuple[str, ...] = (),
               quotes: dict[str, str] | None = None, blank_words: bool = True) -> ArgumentMap:
    """The model with fresh ids, its article as the student's own document ``doc``; the
    evidence cards say nothing in their own words (only the quotation can match them)."""
    statements = []
    for s in model.statements():
        if s.id in drop:
            continue
        if s.kind is K.EVIDENCE and s.source is not None:
            quotation = (quotes or {}).get(s.id, s.source.quotation)
            s = replace(s, source=replace(s.source, citation=doc.title, quotation=quotation, locator=""))
            if blank_words:
                s = replace(s, title="", text="From the article.")
        statements.append(replace(s, id="st-" + s.id, answers="st-" + s.answers if s.answers else None))
    kept = {s.id[3:] for s in statements}
    links = [
        Link("st-" + lk.id, lk.kind, tuple("st-" + p for p in lk.premises), "st-" + lk.target)
        for lk in model.links()
        if set(lk.premises) <= kept and (lk.target in kept or model.is_link(lk.target))
    ]
    return ArgumentMap.from_parts(MapMeta(title="Mine", authors=("Ana",), sources=(doc,)), statements, links)


def article(model: ArgumentMap) -> SourceDocument:
    return model.meta.sources[0]


def test_documents_pair_by_text_then_by_title_never_by_id():
    model = load_model()
    seed = article(model)
    same_text = SourceDocument("source-1", "The article we read", text=seed.text.replace("\u2019", "'"))
    same_title = SourceDocument("source-2", seed.title.upper(), path="ottawa.pdf")
    other = SourceDocument(seed.id, "Another article", text="Something else entirely.")
    student = ArgumentMap.from_parts(MapMeta(sources=(same_text, same_title, other)), [], [])
    pairs = document_pairs(model, student)
    assert pairs == {"source-1": seed, "source-2": seed}  # the same id alone pairs nothing


def test_evidence_quoting_the_same_embedded_article_matches_by_passage():
    model = load_model()
    mine = SourceDocument("source-1", "The article we read", text=article(model).text)
    shorter = {  # a shorter span of the same sentence, and words left out with an ellipsis
        "e-joint-statement": "states bordering Russia and Belarus have significantly increased",
        "e-finland": "Finland is also contemplating … withdrawal",
    }
    c = compare_maps(model, student_of(model, doc=mine, quotes=shorter))
    pairs = {(m.model, m.student) for m in c.matched}
    evidence = [s.id for s in model.statements() if s.kind is K.EVIDENCE]
    assert {(e, "st-" + e) for e in evidence} <= pairs
    assert not c.missing and not [f for f in c.findings if f.kind in ("missing", "extra", "misattached")]


def test_the_passage_decides_where_the_words_alone_are_too_short():
    model = load_model()
    m_items = model.statements()
    mine = SourceDocument("source-1", "The article we read", text=article(model).text)
    student = student_of(model, doc=mine, quotes={"e-finland": "Finland is also contemplating a similar withdrawal"})
    s_items = student.statements()
    m_at, s_at = located(model, student, m_items, s_items)
    m_fin = m_at[[s.id for s in m_items].index("e-finland")]
    s_fin = s_at[[s.id for s in s_items].index("st-e-finland")]
    s_other = s_at[[s.id for s in s_items].index("st-e-amnesty")]
    assert m_fin is not None and s_fin is not None and span_overlap(m_fin, s_fin) == 1.0
    assert span_overlap(m_fin, s_other) == 0.0  # another paragraph
    assert span_overlap(Quoted("a", 0, 50, 9), Quoted("b", 0, 50, 9)) == 0.0  # another document
    assert span_overlap(Quoted("a", 0, 50, 9), Quoted("a", 10, 20, 2)) == 0.5  # two words say little


def test_a_quotation_of_an_unpaired_article_is_not_located():
    model = load_model()
    unrelated = SourceDocument("source-1", "A different article", text="Finland is also contemplating a similar withdrawal.")
    student = student_of(model, doc=unrelated)
    _m_at, s_at = located(model, student, model.statements(), student.statements())
    assert all(q is None for q in s_at)


def test_missing_evidence_is_named_with_its_paragraph():
    model = load_model()
    seed = article(model)
    finland = model.statement("e-finland")
    where = passages.locate(seed.text, finland.source.quotation, seed.title)
    assert where == "para. 4" and locator_of(model, finland) == where
    mine = SourceDocument("source-1", seed.title, text=seed.text)
    c = compare_maps(model, student_of(model, doc=mine, drop=("e-finland",), blank_words=False))
    assert c.missing == ["e-finland"]
    [message] = [f.message for f in c.findings if f.kind == "missing"]
    assert f"'{finland.label(70)}' (para. 4)" in message
    assert any("(para. 4)" in line and "Missing:" in line for line in c.feedback)


def test_missing_evidence_without_a_text_falls_back_to_the_cards_locator():
    model = load_model()
    seed = article(model)
    model.set_meta(replace(model.meta, sources=(replace(seed, text=""),)))
    assert locator_of(model, model.statement("e-finland")) == "para. 4"  # as the card gives it
    bare = model.statement("e-finland")
    model.replace_statement(replace(bare, source=replace(bare.source, locator="")))
    assert locator_of(model, model.statement("e-finland")) == ""
