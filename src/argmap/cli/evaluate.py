"""`argmap evaluate FILE`: the verdict on each position (stands / stands, unsupported /
defeated / undecided), then every other statement's label in outline order, then a
one-line summary. Weighed semantics by default."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from argmap.cli import json_text
from argmap.formats import FileFormatError, load_project
from argmap.model import ArgumentMap
from argmap.reasoning import (
    SEMANTICS,
    Label,
    Labelling,
    TooComplexError,
    evaluate,
    explain,
    is_unsupported,
    outline_order,
    propagate_ratings,
    summary,
    verdict,
    what_if,
    what_would_it_take,
)
from argmap.reasoning.weighing import weigh
from argmap.util import plural

HELP = "give each position its verdict and each statement its label (weighed, grounded or preferred)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a project file (*.argmap.json)")
    p.add_argument(
        "--semantics",
        choices=SEMANTICS,
        default="weighed",
        help=(
            "weighed (default): an attack counts only if at least as strong as what it attacks; "
            "weighed-preferred: each consistent side of that; grounded: every attack counts, one cautious "
            "labelling; preferred: every maximal consistent point of view"
        ),
    )
    p.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="ID=VALUE",
        help=(
            "what if: a statement accepted or rejected, or (weighed) a link strong, weak or none; "
            "repeatable; the file is not changed"
        ),
    )
    p.add_argument(
        "--what-it-takes",
        action="store_true",
        help="for each position that does not stand: the smallest changes that would make it stand",
    )
    p.add_argument("--explain", action="store_true", help="say why each statement has its label")
    p.add_argument("--ratings", action="store_true", help="also print the ratings suggested from the students' own")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _ordered(amap: ArgumentMap) -> list[str]:
    return [s.id for s in sorted(amap.statements(), key=lambda s: (s.order, s.id))]


def _labels_json(amap: ArgumentMap, labelling: Labelling) -> dict[str, Any]:
    data = {
        "labels": {sid: labelling[sid].value for sid in _ordered(amap)},
        "link_labels": {link.id: labelling[link.id].value for link in amap.links()},
        "unsupported": [sid for sid in _ordered(amap) if is_unsupported(amap, sid, labelling)],
        "verdicts": {sid: verdict(amap, sid, labelling).value for sid in _positions(amap)},
        "summary": summary(amap, labelling),
    }
    return data


def _positions(amap: ArgumentMap) -> list[str]:
    return [sid for sid in outline_order(amap) if amap.statement(sid).kind.value == "position"]


def _ratings_json(amap: ArgumentMap) -> dict[str, Any]:
    return {
        sid: {
            "given": r.given.value if r.given else None,
            "derived": r.derived.value,
            "effective": r.effective.value,
            "is_derived": r.is_derived,
            "reason": r.reason,
        }
        for sid, r in propagate_ratings(amap).items()
    }


def run(args: argparse.Namespace) -> int:
    try:
        amap = load_project(args.file).map
    except FileFormatError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 2
    weights = weigh(amap, Path(args.file).resolve().parent) if args.semantics.startswith("weighed") else None
    try:
        labellings = evaluate(amap, args.semantics, weights=weights)
    except TooComplexError as exc:
        print(f"argmap: {args.file}: {exc}", file=sys.stderr)
        return 1
    single = args.semantics in ("grounded", "weighed")
    changes: list[str] = []
    if args.assume:
        if not single:
            print(f"argmap: {args.file}: --assume works with --semantics weighed or grounded", file=sys.stderr)
            return 2
        try:
            labellings, changes = _assumed(amap, labellings[0], args.assume)
        except ValueError as exc:
            print(f"argmap: {args.file}: {exc}", file=sys.stderr)
            return 2
    if args.json:
        data: dict[str, Any] = {"file": args.file, "semantics": args.semantics}
        if weights is not None:
            data["strengths"] = weights.to_json()
        if single:
            data.update(_labels_json(amap, labellings[0]))
            if args.assume:
                data["assumed"] = list(args.assume)
                data["changed"] = changes
            if args.what_it_takes:
                data["what_it_takes"] = _takes_json(amap, labellings[0])
        else:
            data["extensions"] = [
                {"in": [sid for sid in _ordered(amap) if lab[sid] is Label.IN], **_labels_json(amap, lab)}
                for lab in labellings
            ]
        data["ratings"] = _ratings_json(amap)
        print(json_text(data))
        return 0
    print(amap.meta.title or args.file)
    print(f"Semantics: {args.semantics}")
    if single:
        if args.assume:
            print(f"What if (not saved): {', '.join(args.assume)}; changed: {', '.join(changes) or 'nothing'}")
        _print_labelling(amap, labellings[0], args.explain)
        if args.what_it_takes:
            _print_takes(amap, labellings[0])
    else:
        n = len(labellings)
        print(plural(n, "preferred extension"))
        for i, lab in enumerate(labellings, 1):
            print(f"\nExtension {i} of {n}:")
            _print_labelling(amap, lab, args.explain)
    if args.ratings:
        _print_ratings(amap)
    return 0


def _print_labelling(amap: ArgumentMap, labelling: Labelling, with_explanations: bool) -> None:
    def line(sid: str, head: str) -> None:
        print(f"  {head} {sid}  {amap.statement(sid).label()}")
        if with_explanations:
            print(f"       {explain(amap, sid, labelling)}")

    positions = _positions(amap)
    if positions:
        print("Positions:")
    for sid in positions:
        line(sid, f"{verdict(amap, sid, labelling).value.upper():<20}")
    shown = set(positions)
    others = [sid for sid in outline_order(amap) if sid not in shown]
    if others:
        print("Other statements:")
    for sid in others:
        line(sid, f"{labelling[sid].badge:<4} {amap.statement(sid).kind.value:<9}")
    print(summary(amap, labelling))


def _assumed(amap: ArgumentMap, base: Labelling, assume: list[str]) -> tuple[list[Labelling], list[str]]:
    """The labels under ``--assume ID=VALUE`` what-ifs, and the ids whose label changed."""
    statements: dict[str, str] = {}
    links: dict[str, str] = {}
    for item in assume:
        id_, sep, value = item.partition("=")
        id_, value = id_.strip(), value.strip().lower()
        if not sep or id_ not in amap:
            raise ValueError(f"--assume {item!r}: give ID=VALUE with the id of a statement or link of the map")
        if amap.is_statement(id_) and value in ("accepted", "rejected", "undecided"):
            statements[id_] = value
        elif amap.is_link(id_) and value in ("strong", "weak", "none") and base.weights is not None:
            links[id_] = value
        else:
            allowed = "accepted or rejected" if amap.is_statement(id_) else "strong, weak or none (weighed only)"
            raise ValueError(f"--assume {item!r}: {id_} can be assumed {allowed}")
    result = what_if(amap, statements, base, link_strengths=links or None)
    return [result.after], [c.id for c in result.changes]


def _print_takes(amap: ArgumentMap, labelling: Labelling) -> None:
    for sid in _positions(amap):
        if labelling[sid] is Label.IN:
            continue
        print(f"What would it take for '{amap.statement(sid).label(50)}' to stand:")
        for line in what_would_it_take(amap, sid, labelling).lines(amap):
            print(f"  {line}")


def _takes_json(amap: ArgumentMap, labelling: Labelling) -> dict[str, Any]:
    out = {}
    for sid in _positions(amap):
        if labelling[sid] is Label.IN:
            continue
        r = what_would_it_take(amap, sid, labelling)
        out[sid] = {
            "ways": [[{"id": st.id, "change": "reject" if st.strength is None else st.strength.value} for st in way] for way in r.ways],
            "verdicts": [v.value for v in r.verdicts],
            "more": r.more,
            "gave_up": r.gave_up,
            "text": r.lines(amap),
        }
    return out


def _print_ratings(amap: ArgumentMap) -> None:
    print("\nSuggested ratings:")
    for sid, r in sorted(propagate_ratings(amap).items(), key=lambda kv: (amap.statement(kv[0]).order, kv[0])):
        given = f"you: {r.given.value}; " if r.given else ""
        print(f"  {sid}  {amap.statement(sid).label(40)}: {given}suggested {r.derived.value} ({r.reason})")
