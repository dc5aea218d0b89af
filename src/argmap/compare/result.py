"""Compare one student's map with the model answer: matches, findings, score, feedback.

Findings name the model statement and the student's (ids, for programs and the app's
overlay); messages and feedback name them by their titles only, in plain words.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from argmap.compare.matching import ANSWERS, Match, Relation, match_maps, relations
from argmap.compare.quoted import locator_of
from argmap.compare.rubric import Rubric
from argmap.model import ArgumentMap, Link, Statement, StatementKind
from argmap.reasoning import Severity, check_map

KINDS = ("missing", "extra", "misattached", "wrong_polarity")
_KIND_WORD = {
    StatementKind.QUESTION: "question",
    StatementKind.POSITION: "position",
    StatementKind.CLAIM: "reason",
    StatementKind.EVIDENCE: "evidence",
    StatementKind.REBUTTAL: "objection",
}
_VERB = {"support": "supports", "attack": "attacks", ANSWERS: "answers"}


@dataclass(frozen=True, slots=True)
class CompareFinding:
    kind: str  # one of KINDS, or the code of an `argmap check` finding
    model: str | None
    student: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "model": self.model, "student": self.student, "message": self.message}


@dataclass
class Comparison:
    model: ArgumentMap
    student: ArgumentMap
    rubric: Rubric
    matched: list[Match]
    missing: list[str]
    extra: list[str]
    findings: list[CompareFinding]
    possible: float
    lost: float
    feedback: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        if self.possible <= 0:
            return 100
        return round(100 * max(0.0, self.possible - self.lost) / self.possible)

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)

    @property
    def check_findings(self) -> list[CompareFinding]:
        return [f for f in self.findings if f.kind not in KINDS]

    def student_of(self, model_id: str) -> str | None:
        return next((m.student for m in self.matched if m.model == model_id), None)

    def model_of(self, student_id: str) -> str | None:
        return next((m.model for m in self.matched if m.student == student_id), None)

    def rubric_items(self) -> dict[str, tuple[int, int]]:
        """Per rubric item: (achieved, out of) — the columns of the class table."""
        with_parent = [mid for mid in _model_ids(self.model) if _has_parent(self.model, mid)]
        found_with_parent = [mid for mid in with_parent if mid not in self.missing]
        mis = self.count("misattached")
        pol = self.count("wrong_polarity")
        return {
            "found": (len(self.matched), len(self.matched) + len(self.missing)),
            "attached": (len(found_with_parent) - mis, len(with_parent)),
            "polarity": (len(found_with_parent) - mis - pol, len(with_parent)),
            "extra": (len(self.extra), 0),
            "check": (len(self.check_findings), 0),
        }

    def to_dict(self, file: str, author: str) -> dict[str, Any]:
        return {
            "file": file,
            "author": author,
            "score": self.score,
            "matched": [{"model": m.model, "student": m.student, "similarity": m.similarity} for m in self.matched],
            "missing": list(self.missing),
            "extra": list(self.extra),
            "findings": [f.to_dict() for f in self.findings],
        }


def _model_ids(amap: ArgumentMap) -> list[str]:
    return [s.id for s in amap.statements()]


def _has_parent(amap: ArgumentMap, sid: str) -> bool:
    return amap.statement(sid).answers is not None or bool(amap.links_from(sid))


def name(s: Statement) -> str:
    """How feedback names a card: its title, else the start of its text, in quotes."""
    return f"'{s.label(70)}'"


def kind_word(s: Statement) -> str:
    return _KIND_WORD.get(s.kind, "statement")


def compare_maps(
    model: ArgumentMap,
    student: ArgumentMap,
    rubric: Rubric | None = None,
    *,
    student_dir: str | os.PathLike[str] | None = None,
) -> Comparison:
    """Everything one student gets back. ``student_dir`` is the folder of the student's
    file (where `argmap check` looks for the documents their evidence quotes)."""
    rubric = rubric or Rubric.of_map(model.meta)
    matched = match_maps(model, student)
    s2m = {m.student: m.model for m in matched}
    m2s = {m.model: m.student for m in matched}
    m_rel = relations(model)
    s_rel = relations(student)
    findings: list[CompareFinding] = []
    missing = [mid for mid in _model_ids(model) if mid not in m2s]
    extra = [s.id for s in student.statements() if s.id not in s2m]
    possible = 0.0
    lost = 0.0
    for mid in _model_ids(model):
        worth = rubric.missing + ((rubric.misattached + rubric.wrong_polarity) if m_rel[mid] else 0.0)
        possible += worth
        ms = model.statement(mid)
        if mid not in m2s:
            lost += worth
            findings.append(CompareFinding("missing", mid, None, _missing_message(model, ms, m_rel[mid])))
            continue
        if not m_rel[mid]:
            continue
        sid = m2s[mid]
        verdict = _attachment(m_rel[mid], s_rel[sid], s2m)
        if verdict is None:
            continue
        ss = student.statement(sid)
        if verdict == "wrong_polarity":
            lost += rubric.wrong_polarity
            findings.append(CompareFinding("wrong_polarity", mid, sid, _polarity_message(model, student, ss, m_rel[mid], s_rel[sid], s2m)))
        else:
            lost += rubric.misattached + rubric.wrong_polarity
            findings.append(CompareFinding("misattached", mid, sid, _misattached_message(model, student, ss, m_rel[mid], s_rel[sid])))
    for sid in extra:
        lost += rubric.extra
        ss = student.statement(sid)
        findings.append(
            CompareFinding(
                "extra", None, sid,
                f"The {kind_word(ss)} {name(ss)} is not in the model answer. That is not necessarily wrong: "
                "ask yourself whether it answers the question.",
            )
        )
    # What `argmap check` finds in the model answer too (an undercut position, say) is
    # part of the debate, not the student's mistake.
    in_model = _model_checks(model)
    for f in check_map(student, student_dir):
        if f.severity is Severity.INFO or (f.code, s2m.get(f.id or "")) in in_model:
            continue
        lost += rubric.check
        findings.append(CompareFinding(f.code, None, f.id, _plain_check(student, f.id, f.message)))
    result = Comparison(model, student, rubric, matched, missing, extra, findings, possible, lost)
    result.feedback = feedback_lines(result)
    return result


_CHECK_CACHE: dict[int, tuple[list[Statement | Link], set[tuple[str, str | None]]]] = {}


def _model_checks(model: ArgumentMap) -> set[tuple[str, str | None]]:
    """(code, id) of what `argmap check` finds in the model answer; kept while the
    model's statements are the very same values (links too: the check reads them)."""
    items: list[Statement | Link] = [*model.statements(), *model.links()]
    hit = _CHECK_CACHE.get(id(model))
    if hit is not None and len(hit[0]) == len(items) and all(a is b for a, b in zip(hit[0], items)):
        return hit[1]
    found = {(f.code, f.id) for f in check_map(model)}
    _CHECK_CACHE.clear()
    _CHECK_CACHE[id(model)] = (items, found)
    return found


def _attachment(m_rels: list[Relation], s_rels: list[Relation], s2m: dict[str, str]) -> str | None:
    """None when the student drew it where the model has it; else the finding's kind."""
    same_place = False
    for mr in m_rels:
        for sr in s_rels:
            mapped = {s2m[a] for a in sr.anchors if a in s2m}
            if mapped & mr.anchors:
                if _same_kind(sr.kind, mr.kind):
                    return None
                same_place = True
    return "wrong_polarity" if same_place else "misattached"


def _same_kind(a: str, b: str) -> bool:
    """A position drawn as supporting its question is as good as answering it."""
    pro = {"support", ANSWERS}
    return a == b or (a in pro and b in pro)


def _targets(amap: ArgumentMap, rels: list[Relation]) -> list[tuple[str, str]]:
    """(verb, quoted name) of what a statement is drawn for or against."""
    out = []
    for r in rels:
        names = " and ".join(name(amap.statement(a)) for a in sorted(r.anchors) if amap.is_statement(a))
        out.append((_VERB.get(r.kind, r.kind), names))
    return out


def missing_name(model: ArgumentMap, ms: Statement) -> str:
    """How feedback names a missing model statement: by name, and for evidence also
    where the article says it ("'Threats have increased' (para. 4)")."""
    where = locator_of(model, ms) if ms.kind is StatementKind.EVIDENCE else ""
    return f"{name(ms)} ({where})" if where else name(ms)


def _missing_message(model: ArgumentMap, ms: Statement, rels: list[Relation]) -> str:
    where = _targets(model, rels)
    if not where:
        return f"Your map has no {kind_word(ms)} like {missing_name(model, ms)}."
    verb, target = where[0]
    return f"Your map is missing the {kind_word(ms)} {missing_name(model, ms)}, which {verb} {target}."


def _misattached_message(model: ArgumentMap, student: ArgumentMap, ss: Statement, m_rels: list[Relation], s_rels: list[Relation]) -> str:
    m_verb, m_target = _targets(model, m_rels)[0]
    if not s_rels:
        return f"The {kind_word(ss)} {name(ss)} is not connected to anything; it {m_verb} {m_target}."
    s_verb, s_target = _targets(student, s_rels)[0]
    if s_verb == m_verb:
        return f"The {kind_word(ss)} {name(ss)} {m_verb} {m_target}, not {s_target}."
    return f"The {kind_word(ss)} {name(ss)} {m_verb} {m_target}; in your map it {s_verb} {s_target}."


def _polarity_message(model: ArgumentMap, student: ArgumentMap, ss: Statement, m_rels: list[Relation], s_rels: list[Relation], s2m: dict[str, str]) -> str:
    for mr in m_rels:
        for sr in s_rels:
            if {s2m[a] for a in sr.anchors if a in s2m} & mr.anchors and not _same_kind(sr.kind, mr.kind):
                target = " and ".join(name(model.statement(a)) for a in sorted(mr.anchors) if model.is_statement(a))
                return (
                    f"The {kind_word(ss)} {name(ss)} {_VERB.get(mr.kind, mr.kind)} {target}; "
                    f"your map draws it as {'an attack' if sr.kind == 'attack' else 'a support'}."
                )
    return f"The {kind_word(ss)} {name(ss)} is drawn with the wrong kind of arrow."


def _plain_check(student: ArgumentMap, sid: str | None, message: str) -> str:
    """A check's message with the statement's id replaced by its name."""
    if sid and sid in student and student.is_statement(sid):
        message = message.replace(repr(sid), name(student.statement(sid))).replace(sid, name(student.statement(sid)))
    return message


# -------------------------------------------------------------------------- feedback
def feedback_lines(c: Comparison) -> list[str]:
    """What the student reads: per statement of the model with things under it, how
    many of them they found; then each misattachment, wrong arrow and extra; then the
    problems `argmap check` finds. No ids."""
    model = c.model
    lines: list[str] = [f"Your score: {c.score} out of 100."]
    children: dict[str, list[str]] = defaultdict(list)
    m_rel = relations(model)
    for mid, rels in m_rel.items():
        for r in rels:
            for a in sorted(r.anchors):
                if model.is_statement(a):
                    children[a].append(mid)
                    break
            break
    missing = set(c.missing)
    for parent in _model_ids(model):
        kids = children.get(parent)
        ps = model.statement(parent)
        if not kids or parent in missing:
            continue
        have = [k for k in kids if k not in missing]
        word, one = _group_words(model, kids)
        if len(have) < len(kids):
            gone = ", ".join(missing_name(model, model.statement(k)) for k in kids if k in missing)
            lines.append(f"You found {len(have)} of the {len(kids)} {word} for {name(ps)}. Missing: {gone}.")
        elif ps.kind in (StatementKind.QUESTION, StatementKind.POSITION):
            total = {1: f"the {one}", 2: f"both {word}"}.get(len(kids), f"all {len(kids)} {word}")
            lines.append(f"You found {total} for {name(ps)}.")
    for f in c.findings:
        if f.kind in ("misattached", "wrong_polarity"):
            lines.append(f.message)
    if c.extra:
        names = ", ".join(name(c.student.statement(s)) for s in c.extra)
        lines.append(f"Not in the model answer (not necessarily wrong): {names}.")
    checks = c.check_findings
    if checks:
        lines.append("Check your own map: " + " ".join(_sentence(f.message) for f in checks))
    return lines


def _group_words(model: ArgumentMap, kids: list[str]) -> tuple[str, str]:
    """Plural and singular name of a group of children."""
    kinds = {model.statement(k).kind for k in kids}
    if kinds == {StatementKind.POSITION}:
        return "positions", "position"
    if kinds <= {StatementKind.REBUTTAL}:
        return "objections", "objection"
    if kinds <= {StatementKind.EVIDENCE}:
        return "pieces of evidence", "evidence"
    if StatementKind.REBUTTAL in kinds:
        return "reasons and objections", "reason"
    return "reasons", "reason"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
