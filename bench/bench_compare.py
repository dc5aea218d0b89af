"""`argmap compare`: how far a teacher can trust the matching, and how fast a class is.

1. The labelled student set of the example (tests/compare/students.py: paraphrases,
   shorter quotes, missing branches, evidence under the wrong position, a rebuttal drawn
   as a support, irrelevant extras): precision and recall of the pairs and of the
   findings (missing, extra, misattached, wrong_polarity). Target: 0.9 or more.
2. Thirty hand-ins of fifty statements each compared with a fifty-statement model
   answer, from files in a folder (loading included), as `argmap compare -d` does.
   Target: within 2 s. Prints the median of 3 runs.

    python bench/bench_compare.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from synthetic import generate_map

from argmap.compare.classroom import compare_class, hand_ins
from argmap.formats.project import save_project
from argmap.model import ArgumentMap, Link, MapMeta
from tests.compare.students import finding_counts, labelled_set, load_model, pair_counts


def labelled_figures() -> None:
    model = load_model()
    students = labelled_set(model)
    tp, fp, fn = pair_counts(model, students)
    ftp, ffp, ffn = finding_counts(model, students)
    print(f"labelled set: {len(students)} students, {tp + fn} true pairs")
    print(f"  pairs:    precision {tp / (tp + fp):.3f}  recall {tp / (tp + fn):.3f}  ({fp} wrong, {fn} missed)")
    print(f"  findings: precision {ftp / (ftp + ffp):.3f}  recall {ftp / (ftp + ffn):.3f}  ({ffp} wrong, {ffn} missed)")


def student_like(model: ArgumentMap, seed: int) -> ArgumentMap:
    """The model with other ids, words shuffled in some cards, a few left out."""
    rng = random.Random(seed)
    keep = [s for s in model.statements() if rng.random() > 0.1 or s.answers is not None or not model.links_from(s.id)]
    ids = {s.id: f"s{seed}-{n}" for n, s in enumerate(keep)}
    out = []
    for s in keep:
        text = s.text
        if rng.random() < 0.5:
            words = text.split()
            rng.shuffle(words)
            text = " ".join(words)
        out.append(replace(s, id=ids[s.id], text=text, answers=ids.get(s.answers) if s.answers else None))
    links = [
        Link(f"l{seed}-{n}", lk.kind, tuple(ids[p] for p in lk.premises if p in ids), ids[lk.target])
        for n, lk in enumerate(model.links())
        if lk.target in ids and any(p in ids for p in lk.premises)
    ]
    return ArgumentMap.from_parts(MapMeta(authors=(f"Student {seed}",)), out, links)


def class_timing(students: int = 30, size: int = 50) -> None:
    model = generate_map(size, seed=7)
    statements = model.statements()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(students):
            save_project(folder / f"student-{n:02}.argmap.json", student_like(model, n))
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            result = compare_class(model, hand_ins([folder]))
            times.append(time.perf_counter() - t0)
        scores = [s.comparison.score for s in result.students]
    print(
        f"class: {students} maps of ~{len(statements)} statements vs a {len(statements)}-statement model: "
        f"{statistics.median(times) * 1000:.0f} ms (median of 3; target 2000 ms); "
        f"scores {min(scores)}..{max(scores)}"
    )


if __name__ == "__main__":
    labelled_figures()
    class_timing()
