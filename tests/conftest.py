"""Shared test setup: Qt runs offscreen; paths to the example, seeds and shared corpus."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "ottawa-convention.argmap.json"
SEED = REPO / "seeds" / "ottawa-convention-withdrawal.txt"
CORPUS = REPO.parent / "shared" / "corpus"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _no_hidden_subscriber_failures(request):
    """The model contains a failing subscriber (the edit stands; the failure is logged):
    a test fails when that happened unexpectedly, so a view bug cannot hide."""
    handler = _Collect()
    logger = logging.getLogger("argmap.model.subscribers")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("subscriber_failures") is None:
        pytest.fail("a map subscriber failed: " + handler.records[0].getMessage()
                    + "".join(logging.Formatter().formatException(r.exc_info) for r in handler.records[:1] if r.exc_info))


@pytest.fixture(autouse=True)
def _qt_objects_end_with_their_test(request):
    """What a test made of Qt is gone before the next test starts.

    pytest-qt closes a test's widgets with ``deleteLater()``, but a deferred delete
    posted outside a running event loop waits for the next nested loop (a later test's
    ``qtbot.waitUntil``), and a window in a reference cycle waits for Python's garbage
    collector. Closed windows then lingered for hundreds of tests with their timers
    running, until a collection or a nested loop tore them down inside an unrelated test,
    and the suite segfaulted there now and then (in ``QTimerInfoList::activateTimers``).
    So: deferred deletes run now, Qt tests collect their garbage now, and a main window
    still alive after its test is a failure of that test. Runs after pytest-qt has closed
    the widgets and after every other fixture's teardown (autouse fixtures come first)."""
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None or widgets.QApplication.instance() is None:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if {"qtbot", "qapp", "make_window"} & set(request.fixturenames):
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    left = [w for w in widgets.QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    for w in left:  # do not let one test's leak reach the next test
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if left:
        pytest.fail(f"{len(left)} main window(s) outlived the test: close them (they delete themselves when closed)")


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


def pytest_sessionfinish(session, exitstatus):
    """Empty the clipboard before the interpreter exits: on Qt's offscreen platform a
    clipboard still holding data at shutdown crashes the process (SIGSEGV), which would
    turn a green run red. Only touches Qt if a test already loaded it."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is not None and widgets.QApplication.instance() is not None:
        widgets.QApplication.clipboard().clear()
