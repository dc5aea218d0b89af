"""A labelled set of student-like maps of the example, built from the model answer.

Each student map gets fresh ids (students' files have their own) and a mix of the
changes students make: paraphrased cards (with or without a title), shorter quotes of
the same sentence, missing branches, evidence under the wrong position, a rebuttal
drawn as a support, irrelevant extras. The labels say which student card is which model
card (or none), and which findings a teacher would expect.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from pathlib import Path

from argmap.formats.project import load_project
from argmap.model import (
    ArgumentMap,
    Link,
    LinkKind,
    MapMeta,
    Source,
    Statement,
    StatementKind,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ottawa-convention.argmap.json"

#: How a student might put each card in their own words (title, text).
PARAPHRASE: dict[str, tuple[str, str]] = {
    "q-withdraw": ("Quit the landmine treaty?", "Should the Baltic states and Poland leave the Ottawa treaty on anti-personnel mines?"),
    "p-deterrence": ("We need deterrence", "They should leave, because to deter Russia and Belarus they must keep all defence options, mines included."),
    "p-humanitarian": ("Humanitarian danger", "They should stay: mines hurt civilians for decades after a war is over, so keep the ban."),
    "p-limited-capacity": ("Russia's capacity is limited", "Not yet: Russia is busy in Ukraine, so its capacity to threaten the region is limited and leaving is not needed now."),
    "c-ban-rules-out-mines": ("The ban closes the option", "As long as they are in the convention they cannot use, make or stockpile mines, so the option is closed."),
    "c-mines-at-home": ("Mines on their own land", "The minefields would be on their own borders, so their own residents would live next to them after a war."),
    "e-amnesty": ("Amnesty warns", "Amnesty International says landmines cause devastating harm long after conflicts end."),
    "e-convention-prohibits": ("The convention bans mines", "The Ottawa Convention of 1997 bans using, producing and stockpiling anti-personnel mines."),
    "e-defence-spending": ("Spending 5% on defence", "Poland, Lithuania and Estonia want defence spending raised to 5% of GDP, above NATO's 2% goal."),
    "e-evaluate-all-measures": ("All measures must be evaluated", "The ministers said it is essential to evaluate every measure to strengthen deterrence and defence."),
    "e-finland": ("Finland too", "Finland is also thinking about leaving the convention, a regional rethink of defence."),
    "e-flexibility": ("Need for flexibility", "The ministers said defence strategies need flexibility to protect their territory."),
    "e-intel-ukraine": ("Ukraine ties Russia down", "Western intelligence says Russia's commitments in Ukraine limit its capacity to reinforce forces elsewhere."),
    "e-joint-statement": ("Bigger threats", "In a joint statement the defence ministers said military threats to NATO states next to Russia and Belarus have increased."),
    "e-parliaments": ("Parliament vote needed", "Each of the four parliaments has to approve the withdrawal first."),
    "e-pevkur-no-plans": ("Pevkur: no plans", "Estonian defence minister Pevkur said there are no plans to develop, stockpile or deploy mines right now."),
    "e-risk-for-decades": ("Decades of danger", "Unexploded munitions can create minefields that stay dangerous for years or decades, rights groups warn."),
    "e-troop-increase": ("More Russian troops", "Russia announced it will increase its troops near the Baltic states and Finland."),
    "e-tusk-armed-forces": ("Tusk wants a bigger army", "Donald Tusk wants Poland to double its armed forces and talked about nuclear capabilities."),
    "r-announcement-not-deployment": ("Announcing is not deploying", "Announcing more troops is not the same as sending them; with the Ukraine war going on, the build-up may not happen."),
    "r-deterrence-assumed": ("Deterrence is only assumed", "There is no evidence in the article that mines would deter an attack; that is an untested assumption."),
    "r-deterring-war-protects": ("Deterrence protects civilians", "An invasion harms civilians too, so if mines deter one they could protect more people than they put at risk."),
    "r-evaluating-not-needing": ("Evaluating does not mean needing", "That every measure must be evaluated does not mean every measure, like mines, is needed; the review can reject it."),
    "r-future-capacity": ("Future capacity matters", "Leaving takes time, so what counts is the threat Russia could pose after the Ukraine war, not its capacity today."),
    "r-no-plans": ("No plans for mines", "Estonia's minister says there are no plans to deploy or stockpile mines, so deterrence does not need them now."),
    "r-open-option-deters": ("The open option deters", "Being free to lay mines later can deter an adversary even if no mines are stockpiled today."),
    "r-other-means": ("Other ways to deter", "The states already deter in other ways, with higher defence spending and bigger armies, so mines are not the only option."),
    "r-risk-not-yet-real": ("No new risk yet", "Leaving the treaty does not lay mines by itself and none are planned, so harm to civilians is only a possibility."),
    "r-troops-announced": ("Russia adds troops", "Russia has announced more troops near the Baltic states and Finland, so its capacity is not used up in Ukraine."),
}

#: Looser rewordings, sharing fewer words with the model (a harder test of matching).
HARD: dict[str, tuple[str, str]] = {
    "p-deterrence": ("", "Yes: to scare off Russia they need to be able to use landmines again."),
    "p-humanitarian": ("", "No, because mines keep killing ordinary people long after the fighting stops."),
    "p-limited-capacity": ("", "No need yet, Russia is stuck fighting in Ukraine."),
    "e-finland": ("", "Finland may also pull out of the treaty."),
    "e-amnesty": ("", "Amnesty says the mines hurt people for a long time after wars."),
    "e-troop-increase": ("", "Russia says it will send more soldiers close to the Baltics and Finland."),
    "e-parliaments": ("", "The parliaments still have to vote on leaving."),
    "r-other-means": ("", "They can deter Russia in other ways, like spending more on the army."),
    "r-deterring-war-protects": ("", "If mines stop a war from starting, that saves more civilians."),
    "r-no-plans": ("", "Estonia says it has no plans to actually use mines."),
    "c-mines-at-home": ("", "The mines would be in their own countries, near their own people."),
    "e-tusk-armed-forces": ("", "Tusk wants twice as many soldiers and talked about nuclear weapons."),
}

#: Cards a student might add that the model answer does not have.
EXTRAS = [
    (StatementKind.CLAIM, "Mines are cheap", "Landmines are cheap to make compared with tanks or missiles."),
    (StatementKind.EVIDENCE, "The Civil War", "The first modern landmines were used in the American Civil War."),
    (StatementKind.REBUTTAL, "Weather", "Winter in the Baltic region is long and cold."),
    (StatementKind.CLAIM, "Treaties matter", "Breaking a treaty makes other countries trust you less."),
    (StatementKind.CLAIM, "Elections soon", "Several of the countries will hold elections in the next two years."),
]


@dataclass
class Student:
    name: str
    map: ArgumentMap
    truth: dict[str, str | None]  # student id -> model id, or None for an extra
    expected: set[tuple[str, str]] = field(default_factory=set)  # (kind, model id)


def load_model() -> ArgumentMap:
    return load_project(EXAMPLE).map


def build_student(
    model: ArgumentMap,
    name: str,
    seed: int,
    *,
    drop: tuple[str, ...] = (),
    paraphrase: float = 0.6,
    no_titles: bool = False,
    short_quotes: bool = True,
    move: dict[str, str] | None = None,
    flip: tuple[str, ...] = (),
    extras: int = 0,
    hard: bool = False,
) -> Student:
    """The model answer as one student might draw it.

    ``drop``: model statements left out with everything under them; ``move``: link id ->
    new target (a model statement id); ``flip``: links drawn with the other polarity."""
    rng = random.Random(seed)
    gone: set[str] = set()
    for d in drop:
        gone |= model.subtree(d)
    statements = [s for s in model.statements() if s.id not in gone]
    ids = [f"n{k}" for k in range(1, len(statements) + len(EXTRAS) + 1)]
    rng.shuffle(ids)
    new_id = {s.id: ids[k] for k, s in enumerate(statements)}
    out: list[Statement] = []
    for s in statements:
        title, text = s.title, s.text
        if rng.random() < paraphrase:
            title, text = PARAPHRASE[s.id]
        if hard and s.id in HARD:
            title, text = HARD[s.id]
        if no_titles:
            title = ""
        source = s.source
        if source is not None and source.quotation and short_quotes and rng.random() < 0.7:
            words = source.quotation.split()
            start = rng.randint(0, max(0, len(words) // 4))
            end = len(words) - rng.randint(0, max(0, len(words) // 4))
            source = replace(source, quotation=" ".join(words[start:end]))
        answers = new_id.get(s.answers) if s.answers else None
        out.append(Statement(new_id[s.id], s.kind, text, title=title, source=source, answers=answers, pos=s.pos))
    links: list[Link] = []
    link_id: dict[str, str] = {}
    pending = list(enumerate(model.links()))
    while pending:  # links aimed at links come after the links they aim at
        later = []
        for k, link in pending:
            premises = tuple(new_id[p] for p in link.premises if p in new_id)
            target = (move or {}).get(link.id, link.target)
            if not premises or (target not in new_id and model.is_statement(target)):
                continue
            mapped = new_id.get(target) or link_id.get(target)
            if mapped is None:
                if target in model and any(target == lk.id for _k, lk in pending if lk is not link):
                    later.append((k, link))
                continue
            kind = link.kind
            if link.id in flip:
                kind = LinkKind.SUPPORT if kind is LinkKind.ATTACK else LinkKind.ATTACK
            link_id[link.id] = f"L{k}"
            links.append(Link(f"L{k}", kind, premises, mapped))
        if len(later) == len(pending):
            break
        pending = later
    truth: dict[str, str | None] = {new_id[s.id]: s.id for s in statements}
    anchor = next((new_id[p] for p in ("p-deterrence", "p-humanitarian", "q-withdraw") if p in new_id), None)
    for k, (kind, title, text) in enumerate(EXTRAS[:extras]):
        sid = ids[len(statements) + k]
        src = Source(citation="My notes", quotation=text) if kind is StatementKind.EVIDENCE else None
        out.append(Statement(sid, kind, text, title="" if no_titles else title, source=src))
        truth[sid] = None
        if anchor is not None:
            lk = LinkKind.ATTACK if kind is StatementKind.REBUTTAL else LinkKind.SUPPORT
            links.append(Link(f"X{k}", lk, (sid,), anchor))
    amap = ArgumentMap.from_parts(MapMeta(title="My map", authors=(name,)), out, links)
    expected = {("missing", m) for m in gone if model.is_statement(m)}
    expected |= {("extra", "")} if extras else set()
    for lid in move or {}:
        for p in model.link(lid).premises:
            expected.add(("misattached", p))
    for lid in flip:
        for p in model.link(lid).premises:
            expected.add(("wrong_polarity", p))
    return Student(name, amap, truth, expected)


def labelled_set(model: ArgumentMap | None = None) -> list[Student]:
    """Fourteen students, from nearly perfect to weak (two reword freely)."""
    m = model or load_model()
    return [
        build_student(m, "Ada", 1, paraphrase=0.2),
        build_student(m, "Ben", 2, paraphrase=1.0),
        build_student(m, "Cleo", 3, paraphrase=1.0, no_titles=True),
        build_student(m, "Dev", 4, drop=("r-other-means", "r-troops-announced"), paraphrase=0.7),
        build_student(m, "Eli", 5, move={"l-finland": "p-humanitarian"}, paraphrase=0.8),
        build_student(m, "Fay", 6, flip=("l-other-means",), paraphrase=0.8),
        build_student(m, "Gus", 7, extras=5, paraphrase=0.8),
        build_student(m, "Hana", 8, drop=("p-limited-capacity",), extras=2, paraphrase=1.0, no_titles=True),
        build_student(
            m, "Ivo", 9, move={"l-intel-ukraine": "p-humanitarian", "l-amnesty": "p-deterrence"}, flip=("l-no-plans",)
        ),
        build_student(m, "Jo", 10, drop=("r-no-plans", "c-mines-at-home", "r-future-capacity"), extras=3, paraphrase=1.0),
        build_student(m, "Kai", 11, paraphrase=0.5, no_titles=True, flip=("l-risk-not-yet-real",), extras=1),
        build_student(m, "Lu", 12, drop=("p-humanitarian",), move={"l-tusk-armed-forces": "p-deterrence"}, paraphrase=0.9),
        build_student(m, "Max", 13, paraphrase=1.0, no_titles=True, hard=True, extras=2),
        build_student(m, "Noa", 14, paraphrase=1.0, hard=True, move={"l-finland": "p-limited-capacity"}, drop=("r-future-capacity",)),
    ]


FINDING_KINDS = ("missing", "misattached", "wrong_polarity")


def pair_counts(model: ArgumentMap, students: list[Student]) -> tuple[int, int, int]:
    """(right, wrong, missed) pairs of the matching over the labelled students."""
    from argmap.compare import match_maps

    tp = fp = fn = 0
    for st in students:
        got = {m.student: m.model for m in match_maps(model, st.map)}
        tp += sum(1 for sid, mid in got.items() if st.truth.get(sid) == mid)
        fp += sum(1 for sid, mid in got.items() if st.truth.get(sid) != mid)
        fn += sum(1 for sid, mid in st.truth.items() if mid is not None and got.get(sid) != mid)
    return tp, fp, fn


def finding_counts(model: ArgumentMap, students: list[Student]) -> tuple[int, int, int]:
    """(right, wrong, missed) findings (missing, misattached, wrong polarity, any extra)."""
    from argmap.compare import compare_maps

    tp = fp = fn = 0
    for st in students:
        c = compare_maps(model, st.map)
        got = {(f.kind, f.model) for f in c.findings if f.kind in FINDING_KINDS}
        if c.extra:
            got.add(("extra", ""))
        tp += len(got & st.expected)
        fp += len(got - st.expected)
        fn += len(st.expected - got)
    return tp, fp, fn
