"""`argmap info FILE`: what a project holds, for people or (``--json``) machines."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from argmap.cli import json_text
from argmap.formats import FileFormatError, load_project
from argmap.model import ArgumentMap, StatementKind
from argmap.util import plural

HELP = "summarise a project: title, counts by kind, the question and its positions"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a project file (*.argmap.json)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def summary(amap: ArgumentMap) -> dict[str, Any]:
    kinds = Counter(s.kind.value for s in amap.statements())
    link_kinds = Counter(link.kind.value for link in amap.links())
    questions = []
    for q in amap.questions():
        positions = []
        for p in amap.positions(q.id):
            positions.append(
                {
                    "id": p.id,
                    "title": p.title,
                    "text": p.text,
                    "supports": len(amap.supporters(p.id)),
                    "attacks": len(amap.attackers(p.id)),
                }
            )
        questions.append({"id": q.id, "title": q.title, "text": q.text, "positions": positions})
    return {
        "title": amap.meta.title,
        "statements": {k.value: kinds.get(k.value, 0) for k in StatementKind},
        "links": {"support": link_kinds.get("support", 0), "attack": link_kinds.get("attack", 0)},
        "questions": questions,
    }


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.file)
    except FileFormatError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 1
    data = summary(project.map)
    if args.json:
        print(json_text(data))
        return 0
    print(data["title"] or "(untitled map)")
    total = sum(data["statements"].values())
    counts = ", ".join(plural(n, k) for k, n in data["statements"].items() if n)
    print(f"{total} statements: {counts or 'none'}")
    print(f"{plural(data['links']['support'], 'support')}, {plural(data['links']['attack'], 'attack')}")
    for q in data["questions"]:
        print(f"\nQuestion: {_one_line(q['title'] or q['text'])}")
        if not q["positions"]:
            print("  (no positions yet)")
        for p in q["positions"]:
            print(f"  - {_one_line(p['title'] or p['text'])}  ({plural(p['supports'], 'support')}, {plural(p['attacks'], 'attack')})")
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())

