"""The official Argdown parser (@argdown/core, from npm) accepts the Argdown argmap
writes: for every map of ../shared/corpus and a generated set with undercuts,
co-premise attacks, attacks on links, empty maps, runs of '=' and comment markers
(issue 14). The package is installed once into ~/.cache/argmap-test/argdown (or
$ARGMAP_TEST_CACHE) and reused; the test is skipped, saying why, when node or npm is
missing or the registry cannot be reached. One node process checks all files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.formats.argdown_write import dumps_argdown
from argmap.formats.errors import FileFormatError
from argmap.formats.interchange import read_any
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Statement, StatementKind

HERE = Path(__file__).resolve().parent
CHECKER = HERE / "argdown_check.js"
CORPUS = HERE.parents[1] / ".." / "shared" / "corpus"
C = StatementKind.CLAIM


def _install() -> Path:
    """node_modules holding @argdown/core, installing it on first use (or skip)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed to run the official Argdown parser")
    cache = Path(os.environ.get("ARGMAP_TEST_CACHE", Path.home() / ".cache" / "argmap-test")) / "argdown"
    modules = cache / "node_modules"
    if not (modules / "@argdown" / "core" / "package.json").exists():
        cache.mkdir(parents=True, exist_ok=True)
        try:
            r = subprocess.run(
                ["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(cache), "@argdown/core@2"],
                capture_output=True, text=True, timeout=300,
            )
        except subprocess.TimeoutExpired:
            pytest.skip("npm could not install @argdown/core within 5 minutes (registry unreachable?)")
        if r.returncode != 0 or not (modules / "@argdown" / "core").exists():
            pytest.skip(f"npm could not install @argdown/core (registry unreachable?): {r.stderr.strip()[:200]}")
    return modules


def _generated() -> dict[str, ArgumentMap]:
    def m(statements, links=(), meta=MapMeta()):
        return ArgumentMap.from_parts(meta, statements, list(links))

    abc = [Statement("a", C, "A"), Statement("b", C, "B"), Statement("c", C, "C")]
    return {
        "empty": m([]),
        "empty-titled": m([], meta=MapMeta(title="Title === with <!-- marks", description="d")),
        "undercut": m(abc, [Link("l1", LinkKind.SUPPORT, ("b",), "a"), Link("l2", LinkKind.ATTACK, ("c",), "l1")]),
        "co-premise-attack": m(abc, [Link("l1", LinkKind.ATTACK, ("b", "c"), "a")]),
        "attack-on-attack": m(abc, [Link("l1", LinkKind.ATTACK, ("b",), "a"), Link("l2", LinkKind.ATTACK, ("c",), "l1")]),
        "co-premise-undercut": m(
            [*abc, Statement("d", C, "D")],
            [Link("l1", LinkKind.SUPPORT, ("b",), "a"), Link("l2", LinkKind.ATTACK, ("c", "d"), "l1")],
        ),
        "equals-runs": m(
            [Statement("a", C, "=== starts"), Statement("b", C, "a === b ==", notes="n == m"), Statement("c", C, "====")],
            [Link("l1", LinkKind.SUPPORT, ("b",), "a"), Link("l2", LinkKind.ATTACK, ("c",), "a")],
            MapMeta(title="x === y"),
        ),
        "parallel-links": m(
            abc,
            [Link("l1", LinkKind.SUPPORT, ("b",), "a"), Link("l2", LinkKind.SUPPORT, ("b",), "a"),
             Link("l3", LinkKind.ATTACK, ("c",), "a"), Link("l4", LinkKind.ATTACK, ("c",), "a")],
        ),
        "comment-marks": m(
            [Statement("a", C, "plain", tags=("x <!-- y", "ok"), notes='d"} --> e /* f'), Statement("b", C, "see // here")],
            [Link("l1", LinkKind.SUPPORT, ("b",), "a")],
        ),
    }


def _corpus_maps() -> dict[str, ArgumentMap]:
    out = {}
    if not CORPUS.exists():
        return out
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix not in (".md",) and p.name != "manifest.json"):
        try:
            out[str(path.relative_to(CORPUS))] = read_any(path)[0]
        except FileFormatError:
            continue  # files argmap refuses are tested elsewhere
    return out


def test_the_official_parser_accepts_what_argmap_writes(tmp_path):
    modules = _install()
    maps = {**{f"generated/{k}": v for k, v in _generated().items()}, **_corpus_maps()}
    names = {}
    for i, (name, amap) in enumerate(maps.items()):
        f = tmp_path / f"{i:05d}.argdown"
        f.write_text(dumps_argdown(amap)[0], encoding="utf-8")
        names[f.name] = (name, amap)
    r = subprocess.run(
        ["node", str(CHECKER), *sorted(names)], cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NODE_PATH": str(modules)},
    )
    assert r.returncode == 0, r.stderr
    results = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(names)
    rejected = {names[x["file"]][0]: x["errors"][:2] for x in results if x["errors"]}
    assert not rejected, rejected
    for x in results:
        name, amap = names[x["file"]]
        if amap.statements():
            assert x["statements"] >= 1, name
    assert len(names) > len(_generated()) or not CORPUS.exists()
