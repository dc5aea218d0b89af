"""`--slides`: the presentation's steps as a 16:9 PDF, one slide per step, in order."""

from __future__ import annotations

import io
import subprocess
import sys

from pypdf import PdfReader

from argmap.export.slides import presentation_steps
from argmap.formats import load_project
from argmap.ui.render.export import ExportOptions, render_bytes
from tests.export_maps import has_text, pdf_pages


def test_slides_follow_the_presentation_steps(qapp, example_path):
    amap = load_project(example_path).map
    steps = presentation_steps(amap)
    data = render_bytes(amap, "pdf", ExportOptions(slides=True))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(steps) == 27
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) / float(box.height) - 16 / 9) < 0.01
    texts = pdf_pages(data)
    titles = {s.id: s.title for s in amap.statements()}
    for k, (text, step) in enumerate(zip(texts, steps), 1):
        assert has_text(text, f"{k}. ")
        for sid in step.new:  # what this step reveals is on its slide
            assert has_text(text, titles[sid])
        hidden = [titles[s.id] for s in amap.statements() if s.id not in step.shown]
        assert not any(has_text(text, t) for t in hidden if len(t) > 12)  # and nothing still to come
    assert has_text(texts[0], "Leave the Ottawa Convention?") and not has_text(texts[0], "Deterrence need")
    assert has_text(texts[1], "Deterrence need") and not has_text(texts[1], "Humanitarian risk")


def test_cli_slides(tmp_path, example_path):
    out = tmp_path / "talk.pdf"
    r = subprocess.run([sys.executable, "-m", "argmap", "export", str(example_path), "-o", str(out), "--slides"],
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr
    assert len(PdfReader(str(out)).pages) == 27
    r = subprocess.run([sys.executable, "-m", "argmap", "export", str(example_path), "-o", str(tmp_path / "x.png"), "--slides"],
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 2 and "--slides" in r.stderr and not (tmp_path / "x.png").exists()
