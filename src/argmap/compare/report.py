"""Feedback pages for students and the class page for the teacher, in Markdown or as
self-contained HTML (inline styles, a Content-Security-Policy that lets nothing run or
load, every string from a map escaped). Writing is atomic: all files or none."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from argmap.compare.classroom import ClassResult, StudentResult
from argmap.compare.result import Comparison, name
from argmap.compare.rubric import RUBRIC_LABELS, Rubric
from argmap.formats.atomic import atomic_write_files
from argmap.model import ArgumentMap

REPORT_FORMATS = ("html", "md")
_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}"
    "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f1f1f1}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}.score{font-size:1.3em;font-weight:bold}"
    ".low{background:#fde8e8}.mid{background:#fff6dc}.high{background:#e6f4ea}.muted{color:#666}"
    "ul.feedback li{margin:.25em 0}@media print{body{margin:0}a{color:inherit;text-decoration:none}}"
)
_ITEM_HEADINGS = {
    "found": "Found",
    "attached": "Attached right",
    "polarity": "Right arrow",
    "extra": "Extras",
    "check": "Check problems",
}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~<>#])")


def md(text: str) -> str:
    """Text shown literally in Markdown (no HTML, links or emphasis)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _page(title: str, body: list[str]) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_CSS}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _band(score: int) -> str:
    return "high" if score >= 80 else "mid" if score >= 50 else "low"


def _rubric_rows(rubric: Rubric) -> list[tuple[str, float, str]]:
    return [(key, value, RUBRIC_LABELS[key]) for key, value in rubric.to_dict().items()]


# ---------------------------------------------------------------- one student
def feedback_markdown(c: Comparison, author: str) -> str:
    title = c.model.meta.title.strip() or "the assignment"
    lines = [f"# Feedback for {md(author)}", "", f"*{md(title)}*", "", f"**Score: {c.score} / 100**", ""]
    lines += [f"- {md(line)}" for line in c.feedback[1:]]
    lines += ["", "## How the score is counted", ""] + _md_rubric(c.rubric)
    return "\n".join(lines) + "\n"


def feedback_html(c: Comparison, author: str) -> str:
    title = c.model.meta.title.strip() or "the assignment"
    body = [
        f"<h1>Feedback for {esc(author)}</h1>",
        f'<p class="muted">{esc(title)}</p>',
        f'<p class="score {_band(c.score)}">Score: {c.score} / 100</p>',
        '<ul class="feedback">' + "".join(f"<li>{esc(line)}</li>" for line in c.feedback[1:]) + "</ul>",
        "<h2>How the score is counted</h2>",
        _html_rubric(c.rubric),
    ]
    return _page(f"Feedback for {author}", body)


def _md_rubric(rubric: Rubric) -> list[str]:
    lines = ["| Rubric item | Points |", "| --- | ---: |"]
    lines += [f"| {md(label)} | {value:g} |" for _key, value, label in _rubric_rows(rubric)]
    return lines + ["", _RUBRIC_NOTE]


def _html_rubric(rubric: Rubric) -> str:
    rows = "".join(f'<tr><td>{esc(label)}</td><td class="num">{value:g}</td></tr>' for _k, value, label in _rubric_rows(rubric))
    return f"<table><tr><th>Rubric item</th><th>Points</th></tr>{rows}</table><p class=\"muted\">{esc(_RUBRIC_NOTE)}</p>"


_RUBRIC_NOTE = (
    "Each statement of the model answer is worth the first three rows; a missing statement loses "
    "all of its points, a statement attached to the wrong one loses the last two, a wrong arrow the "
    "last one. Extras and check problems cost their points each. Score = what is left, out of 100."
)


# ---------------------------------------------------------------- the class
def _model_label(model: ArgumentMap, mid: str) -> str:
    return name(model.statement(mid)) if mid in model and model.is_statement(mid) else mid


def class_markdown(result: ClassResult, links: dict[Path, str] | None = None) -> str:
    model = result.model
    lines = [f"# Class overview: {md(model.meta.title.strip() or 'assignment')}", ""]
    lines.append(f"{len(result.students)} maps compared" + (f", {len(result.skipped)} skipped." if result.skipped else "."))
    lines += ["", "| Student | " + " | ".join(_ITEM_HEADINGS.values()) + " | Score |"]
    lines.append("| --- |" + " ---: |" * (len(_ITEM_HEADINGS) + 1))
    for s in result.students:
        items = s.comparison.rubric_items()
        cells = [_cell(items[k]) for k in _ITEM_HEADINGS]
        who = md(s.author)
        if links and s.file in links:
            who = f"[{who}](<{links[s.file]}>)"
        lines.append(f"| {who} | " + " | ".join(cells) + f" | {s.comparison.score} |")
    lines += ["", "## Statements most often missed", ""]
    lines += [f"- {md(_model_label(model, mid))}: {n} of {len(result.students)}" for mid, n in result.most_missed()] or ["- none"]
    lines += ["", "## Most common misattachments", ""]
    lines += [
        f"- {md(_model_label(model, mid))} ({'wrong arrow' if kind == 'wrong_polarity' else 'attached elsewhere'}): {n}"
        for kind, mid, n in result.common_misattachments()
    ] or ["- none"]
    if result.skipped:
        lines += ["", "## Skipped files", ""] + [f"- {md(s.problem)}" for s in result.skipped]
    lines += ["", "## Rubric", ""] + _md_rubric(result.rubric)
    return "\n".join(lines) + "\n"


def _cell(item: tuple[int, int]) -> str:
    have, out_of = item
    return f"{have}/{out_of}" if out_of else str(have)


def class_html(result: ClassResult, links: dict[Path, str] | None = None) -> str:
    model = result.model
    title = model.meta.title.strip() or "assignment"
    body = [f"<h1>Class overview: {esc(title)}</h1>"]
    note = f"{len(result.students)} maps compared" + (f", {len(result.skipped)} skipped." if result.skipped else ".")
    body.append(f"<p>{esc(note)}</p>")
    head = "".join(f"<th>{esc(h)}</th>" for h in ("Student", *_ITEM_HEADINGS.values(), "Score"))
    rows = []
    for s in result.students:
        items = s.comparison.rubric_items()
        who = esc(s.author)
        if links and s.file in links:
            who = f'<a href="{esc(links[s.file])}">{who}</a>'
        cells = "".join(f'<td class="num">{esc(_cell(items[k]))}</td>' for k in _ITEM_HEADINGS)
        score = s.comparison.score
        rows.append(f'<tr><td>{who}</td>{cells}<td class="num {_band(score)}">{score}</td></tr>')
    body.append(f"<table><tr>{head}</tr>{''.join(rows)}</table>")
    body.append("<h2>Statements most often missed</h2>")
    missed = result.most_missed()
    body.append(
        "<table><tr><th>Statement of the model answer</th><th>Missed by</th></tr>"
        + "".join(f'<tr><td>{esc(_model_label(model, mid))}</td><td class="num">{n} of {len(result.students)}</td></tr>' for mid, n in missed)
        + "</table>" if missed else "<p>None: every statement was found by every student.</p>"
    )
    body.append("<h2>Most common misattachments</h2>")
    mis = result.common_misattachments()
    body.append(
        "<table><tr><th>Statement</th><th>Problem</th><th>Students</th></tr>"
        + "".join(
            f"<tr><td>{esc(_model_label(model, mid))}</td><td>{'wrong arrow (for/against)' if kind == 'wrong_polarity' else 'attached to another statement'}</td><td class=\"num\">{n}</td></tr>"
            for kind, mid, n in mis
        )
        + "</table>" if mis else "<p>None.</p>"
    )
    if result.skipped:
        body.append("<h2>Skipped files</h2><ul>" + "".join(f"<li>{esc(s.problem)}</li>" for s in result.skipped) + "</ul>")
    body += ["<h2>Rubric</h2>", _html_rubric(result.rubric)]
    return _page(f"Class overview: {title}", body)


# ---------------------------------------------------------------- writing
def report_format(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return "md" if suffix in ("md", "markdown") else "html"


def feedback_file_name(s: StudentResult, used: set[str], fmt: str) -> str:
    base = s.file.name
    for ext in (".argmap.json", ".json"):
        if base.endswith(ext):
            base = base[: -len(ext)]
            break
    base = re.sub(r"[^\w.-]+", "_", base).strip("._") or "student"
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate.lower())
    return f"{candidate}.{fmt}"


def write_class_report(result: ClassResult, out: str | os.PathLike[str]) -> list[Path]:
    """The class page at ``out`` and one feedback file per student in the folder
    ``<out stem>-feedback/`` beside it, written together (all or nothing). Returns the
    paths written."""
    out = Path(out)
    fmt = report_format(out)
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    folder = out.with_name(f"{stem}-feedback")
    used: set[str] = set()
    files: list[tuple[Path, bytes]] = []
    links: dict[Path, str] = {}
    for s in result.students:
        fname = feedback_file_name(s, used, fmt)
        links[s.file] = f"{folder.name}/{fname}"
        text = feedback_html(s.comparison, s.author) if fmt == "html" else feedback_markdown(s.comparison, s.author)
        files.append((folder / fname, text.encode("utf-8")))
    page = class_html(result, links) if fmt == "html" else class_markdown(result, links)
    files.insert(0, (out, page.encode("utf-8")))
    if result.students:
        folder.mkdir(parents=True, exist_ok=True)
    atomic_write_files(files)
    return [p for p, _ in files]


def write_feedback(c: Comparison, author: str, out: str | os.PathLike[str]) -> Path:
    out = Path(out)
    text = feedback_html(c, author) if report_format(out) == "html" else feedback_markdown(c, author)
    atomic_write_files([(out, text.encode("utf-8"))])
    return out
