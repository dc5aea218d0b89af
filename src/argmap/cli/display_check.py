"""Before opening a window: is there a display, and can Qt's X11 plugin load? Qt itself
aborts the process with a cryptic message in both cases; this says what to do instead."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

#: Shared libraries Qt's xcb platform plugin loads that minimal Linux systems may lack,
#: with the Debian/Ubuntu package that provides each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def display_problem(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    can_load: Callable[[str], bool] = _loads,
) -> str | None:
    """A sentence saying why no window can open here, or None when one can (as far as
    can be told without starting Qt). Only Linux X11 is checked."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None  # offscreen, wayland, vnc...: the user chose; Qt reports its own errors
    if not env.get("DISPLAY") and not (env.get("WAYLAND_DISPLAY") and not chosen):
        return (
            "no display to open a window on (DISPLAY is not set). Run argmap in a desktop "
            "session, or under a virtual display (xvfb-run argmap ...); the commands in "
            "`argmap --help` work without one."
        )
    if env.get("WAYLAND_DISPLAY") and not chosen:
        return None
    missing = [lib for lib in XCB_LIBRARIES if not can_load(lib)]
    if not missing:
        return None
    packages = " ".join(XCB_LIBRARIES[lib] for lib in missing)
    return (
        f"Qt cannot open windows on X11: the system libraries {', '.join(missing)} are not "
        f"installed. On Debian or Ubuntu: sudo apt-get install {packages}"
    )
