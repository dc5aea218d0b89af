"""Sources benchmark (offscreen): a 1 MB article with 300 evidence cards quoting it.
Opens it in the Sources panel (target: within 0.5 s), re-highlights after editing one
quotation (target: within 16 ms), and times locating every quotation and the closest
passage to a misquotation. Prints medians of several runs (wall clock).

    python bench/bench_sources.py [megabytes]      (default: 1)

Also reads the text of a 300-page PDF made on the spot (no target: it runs once, when
the source is added, and the panel then shows it like any text).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from PySide6.QtWidgets import QApplication

from argmap.model import (
    ArgumentMap,
    ChangeStatement,
    MapMeta,
    Source,
    SourceDocument,
    Statement,
    StatementKind,
    passages,
)

WORDS = ["the", "council", "trial", "buses", "night", "passengers", "hour", "report", "ministers", "defence", "article", "convention", "security", "threat", "evidence", "analysis", "policy", "students", "argument", "source", "parliament", "decision"]


def article(megabytes: float, seed: int = 7) -> str:
    rng = random.Random(seed)
    paras = []
    size = 0
    n = 0
    while size < megabytes * 1_000_000:
        n += 1
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + f" (n{n}s{k})."
            for k in range(rng.randint(2, 6))
        ]
        para = " ".join(sentences)
        paras.append(para)
        size += len(para) + 2
    return "A long article\n\n" + "\n\n".join(paras) + "\n"


def make_map(text: str, cards: int = 300) -> ArgumentMap:
    doc = SourceDocument("src", "A long article", text=text)
    paras = passages.counted(passages.paragraphs(text, doc.title))
    rng = random.Random(3)
    statements = []
    for i in range(cards):
        p = paras[rng.randrange(len(paras))]
        quote = text[p.start : p.end].split(". ")[0]
        statements.append(
            Statement(f"e{i}", StatementKind.EVIDENCE, f"card {i}", pos=(i * 10.0, 0.0),
                      source=Source(citation=doc.title, quotation=quote))
        )
    return ArgumentMap.from_parts(MapMeta(sources=(doc,)), statements, [])


class FakeDocument:
    """What the panel reads of a document, without the undo machinery."""

    def __init__(self, amap: ArgumentMap) -> None:
        from PySide6.QtCore import QObject, Signal

        class _Sig(QObject):
            edited = Signal()

        self._sig = _Sig()
        self.edited = self._sig.edited
        self.map = amap
        self.path = ""
        from argmap.formats.project import ViewState

        self.view = ViewState()


class Timing(float):
    """A median wall-clock time in ms that prints with the median CPU time beside it
    (on a loaded machine the CPU figure is the steadier one)."""

    cpu: float = 0.0

    def __format__(self, spec: str) -> str:
        return f"{float(self):{spec}} ms wall, {self.cpu:{spec}} ms CPU"


def median_ms(fn, runs: int = 7) -> Timing:
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    out = Timing(statistics.median(wall))
    out.cpu = statistics.median(cpu)
    return out


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    app = QApplication.instance() or QApplication([])
    from argmap.ui.panels.sources import SourcesPanel

    text = article(megabytes)
    print(f"article: {len(text) / 1e6:.2f} MB, {len(passages.paragraphs(text))} paragraphs")

    def locate_all_cold() -> None:
        passages._find.cache_clear()
        passages.folded.cache_clear()
        passages.paragraphs.cache_clear()
        for s in amap.statements():
            passages.find(text, s.source.quotation)

    amap = make_map(text)
    print(f"locate 300 quotations (cold caches): {median_ms(locate_all_cold, 3):8.1f}")

    def open_panel() -> None:
        passages._find.cache_clear()
        passages.folded.cache_clear()
        passages.paragraphs.cache_clear()
        panel = SourcesPanel()
        panel.resize(420, 900)
        panel.show()
        panel.set_document(FakeDocument(make_map(text)))
        app.processEvents()
        panel.close()
        panel.deleteLater()

    print(f"open the panel on it (target 500 ms):  {median_ms(open_panel, 5):8.1f}")

    panel = SourcesPanel()
    panel.resize(420, 900)
    panel.show()
    document = FakeDocument(amap)
    panel.set_document(document)
    app.processEvents()
    rng = random.Random(5)
    ids = [s.id for s in amap.statements()]

    def edit_and_rehighlight() -> None:
        s = amap.statement(rng.choice(ids))
        quote = s.source.quotation
        changed = quote[:-1] if rng.random() < 0.5 else quote + " x"
        ChangeStatement(s, replace(s, source=replace(s.source, quotation=changed))).apply(amap)
        panel.refresh()

    print(f"edit a quotation, re-highlight (target 16 ms): {median_ms(edit_and_rehighlight, 21):8.1f}")
    bad = "Council trial buses nite passengers hour report"
    def closest_cold() -> None:
        passages.closest.cache_clear()
        passages.closest(text, bad)

    print(f"closest passage to a misquotation:      {median_ms(closest_cold, 3):8.1f}")
    pdf_pages(300)


def pdf_pages(pages: int) -> None:
    """Text of a PDF of ``pages`` pages (40 lines each), as Add > From File reads it."""
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from argmap.formats.source_text import read_source
    from tests.formats.pdf_maker import make_pdf

    rng = random.Random(11)
    data = make_pdf([[" ".join(rng.choice(WORDS) for _ in range(12)) + "." for _ in range(40)] for _ in range(pages)])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.pdf"
        path.write_bytes(data)
        ms = median_ms(lambda: read_source(path), 3)
        text = read_source(path).text
    print(f"read a {pages}-page PDF ({len(data) // 1024} KB, {len(text) // 1024} KB of text): {ms:8.1f}")


if __name__ == "__main__":
    main()
