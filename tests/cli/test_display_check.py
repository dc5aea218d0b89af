"""The app refuses to start with a clear message, instead of Qt's abort, when there is
no display or Qt's X11 plugin lacks system libraries."""

import os
import subprocess
import sys

from argmap.cli.display_check import XCB_LIBRARIES, display_problem


def _all_load(_name: str) -> bool:
    return True


def test_no_display_is_named():
    problem = display_problem({}, "linux", _all_load)
    assert problem is not None and "DISPLAY is not set" in problem and "xvfb-run" in problem


def test_missing_xcb_libraries_are_named_with_their_packages():
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    problem = display_problem({"DISPLAY": ":0"}, "linux", lambda name: name not in absent)
    assert problem is not None
    assert "libxcb-icccm.so.4" in problem and "libxcb-keysyms.so.1" in problem
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in problem


def test_a_usable_display_or_another_platform_passes():
    assert display_problem({"DISPLAY": ":0"}, "linux", _all_load) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", lambda _n: False) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", lambda _n: False) is None
    assert display_problem({}, "darwin", lambda _n: False) is None
    assert display_problem({}, "win32", lambda _n: False) is None


def test_every_library_names_a_package():
    assert all(lib.startswith("lib") and pkg for lib, pkg in XCB_LIBRARIES.items())


def test_argmap_without_a_display_exits_with_a_message_not_an_abort(example_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "argmap", str(example_path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 2
    assert "cannot open the desktop app" in done.stderr and "DISPLAY is not set" in done.stderr
