"""User settings (QSettings, organisation "argmap", application "argmap"): recent files,
window layout, autosave interval. ``ARGMAP_CONFIG_DIR`` redirects them (tests)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

CONFIG_DIR_ENV = "ARGMAP_CONFIG_DIR"
MAX_RECENT = 10


def settings() -> QSettings:
    folder = os.environ.get(CONFIG_DIR_ENV)
    if folder:
        return QSettings(os.path.join(folder, "argmap.ini"), QSettings.Format.IniFormat)
    return QSettings("argmap", "argmap")


def recent_files() -> list[str]:
    value = settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent_file(path: str) -> None:
    path = os.path.abspath(path)
    files = [p for p in recent_files() if p != path]
    files.insert(0, path)
    settings().setValue("recent_files", files[:MAX_RECENT])


def remove_recent_file(path: str) -> None:
    settings().setValue("recent_files", [p for p in recent_files() if p != path])


def clear_recent_files() -> None:
    settings().setValue("recent_files", [])


def autosave_interval_s() -> int:
    try:
        value = int(settings().value("autosave/interval_seconds", 60))
    except (TypeError, ValueError):
        value = 60
    return max(1, value)
