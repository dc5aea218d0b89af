"""Regression guard: PySide6 6.12.0 drops a reference to ``None`` in every call that
returns nothing; on CPython 3.11 that aborts the app (``none_dealloc``) within seconds.
The installed PySide6 must not leak, and pyproject.toml must keep 6.12 out on 3.11."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
BATCH = 250
BATCHES = 12
SLACK = 100  # unrelated code may drop a few references; the bug drops one per call


def test_calls_returning_nothing_do_not_leak_none(qapp):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter, QPen
    from PySide6.QtWidgets import QGraphicsRectItem

    image = QImage(32, 32, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    pen = QPen(QColor("red"))
    item = QGraphicsRectItem(0, 0, 10, 10)
    point = QPointF(1.0, 2.0)
    try:

        def calls() -> None:
            painter.setPen(pen)
            image.fill(0)
            item.setPos(point)
            painter.drawRect(1, 1, 5, 5)

        calls()  # warm up caches
        start = sys.getrefcount(None)
        for batch in range(BATCHES):
            for _ in range(BATCH):
                calls()
            now = sys.getrefcount(None)
            # Checked per batch so that a leaking build fails here before None's count
            # reaches zero and the interpreter aborts.
            assert now >= start - SLACK, (
                f"sys.getrefcount(None) fell from {start} to {now} after {(batch + 1) * BATCH * 4} calls: "
                "this PySide6 leaks None (see pyproject.toml)"
            )
    finally:
        painter.end()


def pyside_requirements() -> list[Requirement]:
    deps = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    reqs = [Requirement(d) for d in deps]
    return [r for r in reqs if r.name.lower().startswith("pyside6")]


@pytest.mark.parametrize("python", ["3.11"])
def test_pyproject_keeps_pyside_612_out_before_python_312(python):
    active = [r for r in pyside_requirements() if r.marker is None or r.marker.evaluate({"python_version": python})]
    assert active, f"no PySide6 requirement applies on Python {python}"
    for req in active:
        assert not req.specifier.contains("6.12.0"), f"{req} allows the leaking 6.12.0 on Python {python}"
        assert not req.specifier.contains("6.12.1"), f"{req} allows 6.12.x on Python {python}"
        assert req.specifier.contains("6.11.3"), f"{req} refuses the known good 6.11.3"


def test_pyproject_allows_pyside_on_newer_python():
    active = [r for r in pyside_requirements() if r.marker is None or r.marker.evaluate({"python_version": "3.12"})]
    assert active and all(r.specifier.contains("6.11.3") for r in active)
