"""`argmap --install-desktop` / `--uninstall-desktop`: register argmap with the desktop
for the current user, following the freedesktop specifications (Qt-free).

What install writes, all under ``$XDG_DATA_HOME`` (default ``~/.local/share``):

- ``applications/argmap.desktop``: the desktop entry (desktop-entry spec), its ``Exec``
  pointing at the argmap that runs the install;
- ``icons/hicolor/NxN/apps/argmap.png`` and ``icons/hicolor/scalable/apps/argmap.svg``
  (icon-theme spec);
- ``mime/packages/argmap.xml``: the MIME type ``application/x-argmap+json`` for
  ``*.argmap.json`` (shared-mime-info spec), then ``update-mime-database`` when present;
- ``argmap/desktop-install.json``: what was added, so that uninstall removes exactly that.

and one entry in ``$XDG_CONFIG_HOME/mimeapps.list`` (default ``~/.config``; the MIME
applications spec puts the user's default applications there, the older
``$XDG_DATA_HOME/applications/mimeapps.list`` being deprecated) making argmap the default
application for the type. ``update-desktop-database`` runs when present. Nothing is
written system-wide. Installing twice gives the same result; uninstall restores a
default application that argmap replaced and removes folders and caches only if install
created them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

APP_ID = "argmap"
DESKTOP_FILE = f"{APP_ID}.desktop"
MIME_TYPE = "application/x-argmap+json"
GLOB = "*.argmap.json"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
MANIFEST = Path("argmap") / "desktop-install.json"
SECTIONS = ("Default Applications", "Added Associations")
#: Characters that make the desktop-entry spec require quoting an Exec argument.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")

Say = Callable[[str], None]


class DesktopInstallError(Exception):
    """Install or uninstall could not finish (the message names the file and problem)."""


def _base_dir(variable: str, default: str) -> Path:
    """An XDG base directory: the variable when set to an absolute path (the spec says
    to ignore relative ones), else the default under the home folder."""
    value = os.environ.get(variable, "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / default


def data_home() -> Path:
    return _base_dir("XDG_DATA_HOME", ".local/share")


def config_home() -> Path:
    return _base_dir("XDG_CONFIG_HOME", ".config")


def _asset(*parts: str) -> Path:
    return Path(str(resources.files("argmap").joinpath("assets", *parts)))


# --------------------------------------------------------------------------- Exec line
def launcher() -> list[str]:
    """The command that starts this argmap: the bundle's executable, the ``argmap``
    script that is running, the one next to this Python, or ``python -m argmap``."""
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    argv0 = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if os.path.basename(argv0) == APP_ID and os.path.isfile(argv0):
        return [argv0]
    script = Path(sys.executable).parent / APP_ID
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [os.path.abspath(sys.executable), "-m", APP_ID]


def exec_quote(arg: str) -> str:
    """One Exec argument, quoted as the desktop-entry spec requires (and then escaped
    as a string value: a backslash is written twice)."""
    if arg and not (set(arg) & _RESERVED):
        return arg
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return '"' + inner.replace("\\", "\\\\") + '"'


def desktop_entry_text(command: list[str]) -> str:
    """The shipped desktop entry with ``Exec``/``TryExec`` pointing at ``command``."""
    lines = []
    for line in _asset("desktop", DESKTOP_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            lines.append("TryExec=" + exec_quote(command[0]))
            lines.append("Exec=" + " ".join(exec_quote(a) for a in command) + " %F")
        elif not line.startswith("TryExec="):
            lines.append(line)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- mimeapps
def _read_ini(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise DesktopInstallError(f"{path}: cannot read: {exc}") from None


def ini_get(lines: list[str], section: str, key: str) -> str | None:
    current = None
    for line in lines:
        s = line.strip()
        if s.startswith("[") and s.endswith("]"):
            current = s[1:-1]
        elif current == section and "=" in s and s.split("=", 1)[0].strip() == key:
            return s.split("=", 1)[1].strip()
    return None


def ini_set(lines: list[str], section: str, key: str, value: str | None) -> list[str]:
    """``lines`` with ``key`` in ``section`` set to ``value`` (``None``: removed); other
    lines unchanged; the section is added at the end when missing."""
    out: list[str] = []
    current = None
    done = False
    seen_section = False
    for line in lines:
        s = line.strip()
        if s.startswith("[") and s.endswith("]"):
            if current == section and not done and value is not None:
                _insert_before_blank(out, f"{key}={value}")
                done = True
            current = s[1:-1]
            seen_section = seen_section or current == section
        elif current == section and "=" in s and s.split("=", 1)[0].strip() == key:
            if value is not None and not done:
                out.append(f"{key}={value}")
                done = True
            continue
        out.append(line)
    if value is not None and not done:
        if current == section:
            _insert_before_blank(out, f"{key}={value}")
        else:
            if out and out[-1].strip():
                out.append("")
            out.extend([f"[{section}]", f"{key}={value}"])
    return out


def _insert_before_blank(out: list[str], line: str) -> None:
    i = len(out)
    while i > 0 and not out[i - 1].strip():
        i -= 1
    out.insert(i, line)


def _ini_has_entries(lines: list[str]) -> bool:
    return any("=" in line and not line.strip().startswith("#") for line in lines)


def _write_text(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it; True if written."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".argmap-tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


# --------------------------------------------------------------------------- install
@dataclass
class Manifest:
    """What install added; saved as JSON so that uninstall removes exactly that."""

    files: list[str] = field(default_factory=list)
    dirs: list[str] = field(default_factory=list)  # created by install, deepest last
    mimeapps: str = ""
    mimeapps_created: bool = False
    previous_defaults: dict[str, str | None] = field(default_factory=dict)  # section -> old value
    mime_db_created: bool = False
    desktop_cache_created: bool = False

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{k: raw[k] for k in cls.__dataclass_fields__ if k in raw})
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError) as exc:
            raise DesktopInstallError(f"{path}: cannot read the record of the last install: {exc}") from None

    def save(self, path: Path) -> None:
        _write_text(path, json.dumps(self.__dict__, indent=2, sort_keys=True) + "\n")


def _mkdirs(path: Path, manifest: Manifest) -> None:
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        d.mkdir()
        if str(d) not in manifest.dirs:
            manifest.dirs.append(str(d))


def _run_tool(name: str, args: list[str], say: Say) -> bool:
    exe = shutil.which(name)
    if exe is None:
        say(f"  {name} not found: skipped (the desktop reads the new files at next login)")
        return False
    try:
        result = subprocess.run([exe, *args], capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        say(f"  {name} failed: {exc}")
        return False
    if result.returncode != 0:
        say(f"  {name} failed: {(result.stderr or result.stdout).strip()[:300]}")
        return False
    say(f"  ran {name} {' '.join(args)}")
    return True


def install(say: Say = print, command: list[str] | None = None) -> Path:
    """Register argmap for the current user; returns the manifest path."""
    data, config = data_home(), config_home()
    manifest_path = data / MANIFEST
    old = Manifest.load(manifest_path)
    m = old or Manifest()
    mime_dir, apps_dir = data / "mime", data / "applications"
    if old is None:
        m.mime_db_created = not (mime_dir / "mime.cache").exists()
        m.desktop_cache_created = not (apps_dir / "mimeinfo.cache").exists()

    def put(path: Path, content: bytes | str, what: str) -> None:
        _mkdirs(path.parent, m)
        text = content if isinstance(content, str) else None
        if text is not None:
            changed = _write_text(path, text)
        else:
            changed = not path.exists() or path.read_bytes() != content
            if changed:
                path.write_bytes(content)  # type: ignore[arg-type]
        if str(path) not in m.files:
            m.files.append(str(path))
        say(f"{what}: {path}" + ("" if changed else " (already up to date)"))

    try:
        put(apps_dir / DESKTOP_FILE, desktop_entry_text(command or launcher()), "Desktop entry")
        for size in ICON_SIZES:
            png = _asset("desktop", "icons", f"{size}x{size}.png").read_bytes()
            put(data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png", png, f"Icon {size}x{size}")
        put(data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg", _asset("argmap.svg").read_bytes(), "Icon (scalable)")
        put(mime_dir / "packages" / f"{APP_ID}.xml", _asset("desktop", "argmap-mime.xml").read_text(encoding="utf-8"),
            f"MIME type {MIME_TYPE} for {GLOB}")
        _run_tool("update-mime-database", [str(mime_dir)], say)
        _run_tool("update-desktop-database", [str(apps_dir)], say)
        mimeapps = config / "mimeapps.list"
        lines = _read_ini(mimeapps)
        if not m.mimeapps:
            m.mimeapps = str(mimeapps)
            m.mimeapps_created = not mimeapps.exists()
        new = lines
        for section in SECTIONS:
            current = ini_get(new, section, MIME_TYPE)
            wanted = f"{DESKTOP_FILE};"
            if section not in m.previous_defaults:
                m.previous_defaults[section] = current if current != wanted else None
            new = ini_set(new, section, MIME_TYPE, wanted)
        _mkdirs(config, m)
        changed = _write_text(mimeapps, "\n".join(new) + "\n") if new != lines or not mimeapps.exists() else False
        say(f"Default application for {GLOB}: argmap, in {mimeapps}" + ("" if changed else " (already set)"))
        _mkdirs(manifest_path.parent, m)
        m.save(manifest_path)
    except OSError as exc:
        if manifest_path.parent.is_dir():
            m.save(manifest_path)  # what was written so far can still be uninstalled
        raise DesktopInstallError(f"{getattr(exc, 'filename', '') or data}: {exc.strerror or exc}") from None
    say(f"Done. Double-click a {GLOB} file to open it in argmap; undo with: argmap --uninstall-desktop")
    return manifest_path


def uninstall(say: Say = print) -> bool:
    """Remove what install added (per its manifest); False if argmap was not installed."""
    data = data_home()
    manifest_path = data / MANIFEST
    m = Manifest.load(manifest_path)
    if m is None:
        say(f"argmap is not registered with the desktop for this user (no {manifest_path}); nothing to remove")
        return False
    for name in m.files:
        p = Path(name)
        try:
            p.unlink()
            say(f"Removed {p}")
        except FileNotFoundError:
            say(f"Already gone: {p}")
        except OSError as exc:
            raise DesktopInstallError(f"{p}: cannot remove: {exc.strerror or exc}") from None
    if m.mimeapps:
        path = Path(m.mimeapps)
        lines = _read_ini(path)
        new = lines
        for section in SECTIONS:
            if ini_get(new, section, MIME_TYPE) == f"{DESKTOP_FILE};":  # untouched since install
                new = ini_set(new, section, MIME_TYPE, m.previous_defaults.get(section))
        new = [line for line in new if not _empty_section(new, line)]
        if m.mimeapps_created and not _ini_has_entries(new):
            path.unlink(missing_ok=True)
            say(f"Removed {path}")
        elif new != lines:
            _write_text(path, "\n".join(new).rstrip("\n") + "\n")
            say(f"Removed argmap as default application for {GLOB} from {path}")
    mime_dir, apps_dir = data / "mime", data / "applications"
    if str(mime_dir) in m.dirs and m.mime_db_created and not any((mime_dir / "packages").glob("*.xml")):
        shutil.rmtree(mime_dir, ignore_errors=True)
        say(f"Removed the MIME database argmap created in {mime_dir}")
    elif mime_dir.is_dir():
        _run_tool("update-mime-database", [str(mime_dir)], say)
    if m.desktop_cache_created and not any(apps_dir.glob("*.desktop")):
        (apps_dir / "mimeinfo.cache").unlink(missing_ok=True)
    elif apps_dir.is_dir():
        _run_tool("update-desktop-database", [str(apps_dir)], say)
    manifest_path.unlink(missing_ok=True)
    for d in sorted(m.dirs, key=lambda s: s.count(os.sep), reverse=True):
        try:
            Path(d).rmdir()  # only if empty: a folder someone else put files in stays
        except OSError:
            pass
    say("Done. argmap is no longer registered with the desktop for this user")
    return True


def _empty_section(lines: list[str], line: str) -> bool:
    """True for the header of a section that argmap's removal left without entries."""
    s = line.strip()
    if not (s.startswith("[") and s.endswith("]")) or s[1:-1] not in SECTIONS:
        return False
    i = lines.index(line) + 1
    while i < len(lines) and not lines[i].strip().startswith("["):
        if lines[i].strip() and not lines[i].strip().startswith("#"):
            return False
        i += 1
    return True


def run(action: str) -> int:
    """The command-line entry: ``action`` is "install" or "uninstall"."""
    if sys.platform != "linux" and not sys.platform.startswith("freebsd"):
        print("argmap: --install-desktop is for Linux desktops (freedesktop); on Windows and macOS "
              "the bundle's installer registers argmap", file=sys.stderr)
        return 2
    try:
        if action == "install":
            install()
        else:
            uninstall()
    except DesktopInstallError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 1
    return 0
