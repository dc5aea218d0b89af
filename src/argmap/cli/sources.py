"""`argmap sources add|list|coverage`: the source documents a project carries."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from argmap.cli import json_text
from argmap.formats import FileFormatError, load_project, save_project
from argmap.formats.source_text import source_from_file
from argmap.model import SourceDocument, passages
from argmap.reasoning.coverage import coverage
from argmap.util import plural

HELP = "the source documents of a project: add one from a file, list them, show which paragraphs are quoted"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="embed a .txt, .md, .html or .pdf file's text as a source document")
    add.add_argument("map", metavar="MAP", help="a project file (*.argmap.json); changed in place")
    add.add_argument("file", metavar="FILE", help="the document (.txt, .md, .html or .pdf)")
    add.add_argument("--title", default="", help="the document's title (default: found in the file, else its name)")
    add.add_argument("--author", default="", help="who wrote it")
    add.add_argument("--publisher", default="", help="who published it")
    add.add_argument("--date", default="", help="when it was published (ISO 8601 recommended)")
    add.add_argument("--url", default="", help="where it is online")
    lst = sub.add_parser("list", help="list the source documents")
    lst.add_argument("map", metavar="MAP", help="a project file (*.argmap.json)")
    lst.add_argument("--json", action="store_true", help="print JSON instead of text")
    cov = sub.add_parser("coverage", help="which paragraphs (pages) of each source the evidence quotes, by which cards")
    cov.add_argument("map", metavar="MAP", help="a project file (*.argmap.json)")
    cov.add_argument("--json", action="store_true", help="print JSON instead of text")


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.map)
    except FileFormatError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 1
    if args.action == "add":
        return _add(args, project)
    if args.action == "list":
        return _list(args, project.map)
    return _coverage(args, project.map)


def _add(args: argparse.Namespace, project) -> int:  # type: ignore[no-untyped-def]
    amap = project.map
    taken = {d.id for d in amap.meta.sources}
    try:
        doc = source_from_file(args.file, taken, args.title, _stored_path(args.file, args.map))
    except FileFormatError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 1
    doc = replace(
        doc,
        author=args.author or doc.author,
        publisher=args.publisher,
        date=args.date or doc.date,
        url=args.url,
    )
    amap.set_meta(replace(amap.meta, sources=(*amap.meta.sources, doc)))
    try:
        save_project(args.map, amap, project.view)
    except FileFormatError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 1
    count = len(passages.counted(passages.paragraphs(doc.text, doc.title)))
    unit = "page" if doc.paged else "paragraph"
    if doc.paged:
        count = doc.text.count(passages.PAGE_BREAK)
    print(f"added {doc.id}: {doc.title} ({plural(count, unit)}, {plural(len(doc.text), 'character')})")
    return 0


def _stored_path(file: str, map_path: str) -> str:
    """The file's path relative to the project's folder when it lies below it."""
    try:
        return Path(os.path.relpath(Path(file).resolve(), Path(map_path).resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return str(Path(file).resolve())


def _describe(doc: SourceDocument) -> dict[str, Any]:
    out: dict[str, Any] = {"id": doc.id, "title": doc.title}
    for key in ("author", "publisher", "date", "url", "path"):
        if getattr(doc, key):
            out[key] = getattr(doc, key)
    out["embedded"] = bool(doc.text)
    if doc.text:
        out["characters"] = len(doc.text)
        if doc.paged:
            out["pages"] = doc.text.count(passages.PAGE_BREAK)
        else:
            out["paragraphs"] = len(passages.counted(passages.paragraphs(doc.text, doc.title)))
    return out


def _list(args: argparse.Namespace, amap) -> int:  # type: ignore[no-untyped-def]
    docs = [_describe(d) for d in amap.meta.sources]
    if args.json:
        print(json_text(docs))
        return 0
    if not docs:
        print("no source documents")
    for d in docs:
        who = ", ".join(str(d[k]) for k in ("author", "publisher", "date") if k in d)
        print(f"{d['id']}: {d['title']}" + (f" ({who})" if who else ""))
        if d["embedded"]:
            size = plural(int(d["pages"]), "page") if "pages" in d else plural(int(d["paragraphs"]), "paragraph")
            print(f"  embedded text: {size}, {plural(int(d['characters']), 'character')}")
        elif "path" in d:
            print(f"  text not embedded; file: {d['path']}")
        if "url" in d:
            print(f"  {d['url']}")
    return 0


def _coverage(args: argparse.Namespace, amap) -> int:  # type: ignore[no-untyped-def]
    results = [coverage(amap, d) for d in amap.meta.sources if d.text]
    if args.json:
        print(json_text([c.to_dict() for c in results]))
        return 0
    if not results:
        print("no source document carries its text (add one with `argmap sources add MAP FILE`)")
    for c in results:
        unit = "paragraph"
        print(f"{c.doc.id}: {c.doc.title}: {c.used} of {plural(len(c.paragraphs), unit)} used")
        for p, ids in zip(c.paragraphs, c.used_by):
            where = (f"p. {p.page}, " if c.doc.paged else "") + f"para. {p.number}"
            start = " ".join(c.doc.text[p.start : p.end].split())
            start = start if len(start) <= 60 else start[:59] + "\u2026"
            print(f"  {where}: {', '.join(ids) if ids else '(unused)'}")
            print(f"      {start}")
        if c.not_found:
            print(f"  not found in the text: {', '.join(c.not_found)}")
    return 0
