"""`argmap evaluate FILE`: which statements stand (IN), fall (OUT) or stay UNDECIDED."""

from __future__ import annotations

import argparse
import sys
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
    propagate_ratings,
)
from argmap.util import plural

HELP = "label each statement IN, OUT or UNDECIDED (grounded or preferred semantics)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a project file (*.argmap.json)")
    p.add_argument(
        "--semantics",
        choices=SEMANTICS,
        default="grounded",
        help="grounded: one cautious labelling (default); preferred: every maximal consistent point of view",
    )
    p.add_argument("--explain", action="store_true", help="say why each statement has its label")
    p.add_argument("--ratings", action="store_true", help="also print the ratings suggested from the students' own")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _ordered(amap: ArgumentMap) -> list[str]:
    return [s.id for s in sorted(amap.statements(), key=lambda s: (s.order, s.id))]


def _labels_json(amap: ArgumentMap, labelling: Labelling) -> dict[str, Any]:
    return {
        "labels": {sid: labelling[sid].value for sid in _ordered(amap)},
        "link_labels": {link.id: labelling[link.id].value for link in amap.links()},
        "unsupported": [sid for sid in _ordered(amap) if is_unsupported(amap, sid, labelling)],
    }


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
    try:
        labellings = evaluate(amap, args.semantics)
    except TooComplexError as exc:
        print(f"argmap: {args.file}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        data: dict[str, Any] = {"file": args.file, "semantics": args.semantics}
        if args.semantics == "grounded":
            data.update(_labels_json(amap, labellings[0]))
        else:
            data["extensions"] = [
                {"in": [sid for sid in _ordered(amap) if lab[sid] is Label.IN], **_labels_json(amap, lab)}
                for lab in labellings
            ]
        data["ratings"] = _ratings_json(amap)
        print(json_text(data))
        return 0
    print(amap.meta.title or args.file)
    if args.semantics == "grounded":
        _print_labelling(amap, labellings[0], args.explain)
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
    for sid in _ordered(amap):
        s = amap.statement(sid)
        flag = "  (unsupported)" if is_unsupported(amap, sid, labelling) else ""
        print(f"  {labelling[sid].badge:<4} {s.kind.value:<9} {sid}  {s.label()}{flag}")
        if with_explanations:
            print(f"       {explain(amap, sid, labelling)}")


def _print_ratings(amap: ArgumentMap) -> None:
    print("\nSuggested ratings:")
    for sid, r in sorted(propagate_ratings(amap).items(), key=lambda kv: (amap.statement(kv[0]).order, kv[0])):
        given = f"you: {r.given.value}; " if r.given else ""
        print(f"  {sid}  {amap.statement(sid).label(40)}: {given}suggested {r.derived.value} ({r.reason})")
