"""Make a smaller copy of Qt's ICU data library (libicudata.so.NN, 31 MB) for the Linux
bundle: the same ICU data package without the parts Qt never reaches.

Qt (QtCore; no other Qt library or plugin links ICU) calls only these ICU functions:
converters (ucnv_*: QStringConverter for encodings Qt does not implement itself),
collation (ucol_*: QCollator, QString::localeAwareCompare, the file dialog's sorting),
calendars and time-zone names (ucal_*: QTimeZone::displayName) and case mapping
(u_strToUpper/Lower: QLocale::toUpper/toLower). Those read the converter tables and
aliases, the "coll" and "zone" trees, the main locale tree (calendar and number data,
locale fallback) and the root data items (time-zone rules, normalization, ...), all kept.
Left out are the trees only other ICU services read, which Qt does not call:

- brkitr: ICU's word/line break iterators and their dictionaries (Qt breaks text with
  its own QTextBoundaryFinder tables);
- translit: transliteration; rbnf: spelled-out numbers;
- curr, lang, region, unit: display names of currencies, languages, countries and units
  (QLocale has its own CLDR tables for what it names);
- unames.icu: Unicode character names (u_charName).

The package (ICU's "common data": a header, a table of contents of item names and
offsets sorted by name, then the items) is rewritten with the remaining items, and
assembled into a shared library exporting the same symbol (icudtNN_dat) with binutils'
``as`` and ``ld`` (binutils is needed for the bundle anyway: PyInstaller strips with it).

Usage: python slim_icu.py SOURCE.so DEST.so   (prints what it left out; exit 1 on error)
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

#: Item name patterns (after the "icudtNNl/" prefix) left out; see the module docstring.
DROPPED = re.compile(r"(brkitr|translit|rbnf|curr|lang|region|unit)/.*|unames\.icu")
ALIGN = 16  # ICU aligns every item (and expects the package) on 16 bytes


class SlimError(Exception):
    pass


def elf_symbol(data: bytes, name: str) -> tuple[int, int]:
    """File offset and size of the dynamic symbol ``name`` of a little-endian ELF64
    shared library."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SlimError("not a little-endian 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    for sh in sections:
        if sh[1] != 11:  # SHT_DYNSYM
            continue
        strtab = sections[sh[6]]
        for off in range(sh[4], sh[4] + sh[5], 24):
            st_name, _info, _other, st_shndx, st_value, st_size = struct.unpack_from("<IBBHQQ", data, off)
            start = strtab[4] + st_name
            if data[start:data.index(b"\0", start)] == name.encode():
                section = sections[st_shndx]
                return section[4] + st_value - section[3], st_size
    raise SlimError(f"no symbol {name}")


def read_items(package: bytes) -> list[tuple[bytes, bytes]]:
    """The (name, data) items of the ICU common data ``package``, in the order of its
    table of contents (sorted by name)."""
    header_size, = struct.unpack_from("<H", package, 0)
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise SlimError("the data is not an ICU common data package")
    if package[8] != 0:
        raise SlimError("big-endian ICU data is not supported")
    toc = package[header_size:]
    count, = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    ends = [offset for _, offset in entries[1:]] + [len(toc)]
    return [(toc[name_offset:toc.index(b"\0", name_offset)], toc[data_offset:end])
            for (name_offset, data_offset), end in zip(entries, ends)]


def slim_package(package: bytes) -> tuple[bytes, list[str]]:
    """The ICU common data ``package`` without the items matching DROPPED, and the names
    of the items left out."""
    header_size, = struct.unpack_from("<H", package, 0)
    kept: list[tuple[bytes, bytes]] = []
    dropped: list[str] = []
    for name, item in read_items(package):
        short = name.decode("ascii").split("/", 1)[-1]
        if DROPPED.fullmatch(short):
            dropped.append(short)
        else:
            kept.append((name, item))
    if not dropped:
        raise SlimError("nothing to leave out (an unexpected ICU data layout)")
    names_start = 4 + 8 * len(kept)
    names = b""
    name_offsets = []
    for name, _ in kept:
        name_offsets.append(names_start + len(names))
        names += name + b"\0"
    items_start = names_start + len(names)
    items_start += -(header_size + items_start) % ALIGN
    out = bytearray(struct.pack("<I", len(kept)))
    body = bytearray()
    for (_name, item), name_offset in zip(kept, name_offsets):
        out += struct.pack("<II", name_offset, items_start + len(body))
        body += item
        body += b"\0" * (-len(body) % ALIGN)
    out += names
    out += b"\0" * (items_start - len(out))
    slimmed = bytes(package[:header_size]) + bytes(out) + bytes(body)
    if read_items(slimmed) != kept or (header_size + items_start) % ALIGN:
        raise SlimError("the rewritten package does not read back as the kept items")
    return slimmed, dropped


def build_library(package: bytes, symbol: str, soname: str, dest: Path) -> None:
    """Assemble ``package`` into a shared library ``dest`` exporting it as ``symbol``."""
    with tempfile.TemporaryDirectory() as tmp:
        dat, asm, obj = Path(tmp, "icu.dat"), Path(tmp, "icu.s"), Path(tmp, "icu.o")
        dat.write_bytes(package)
        asm.write_text(
            '\t.section .rodata\n'
            f'\t.globl {symbol}\n'
            f'\t.type {symbol}, %object\n'
            f'\t.balign {ALIGN}\n'
            f'{symbol}:\n'
            f'\t.incbin "{dat}"\n'
            f'\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",%progbits\n'
        )
        subprocess.run(["as", "-o", str(obj), str(asm)], check=True)
        subprocess.run(["ld", "-shared", "-soname", soname, "-o", str(dest), str(obj)], check=True)


def slim(source: Path, dest: Path) -> list[str]:
    """Write the slimmed copy of the ICU data library ``source`` to ``dest``; return the
    names of the items left out."""
    match = re.fullmatch(r"libicudata\.so\.(\d+)", source.name)
    if not match:
        raise SlimError(f"{source.name} is not named libicudata.so.NN")
    symbol = f"icudt{match.group(1)}_dat"
    data = source.read_bytes()
    offset, size = elf_symbol(data, symbol)
    package, dropped = slim_package(data[offset:offset + size])
    build_library(package, symbol, source.name, dest)
    check, _ = elf_symbol(dest.read_bytes(), symbol)
    if dest.read_bytes()[check:check + len(package)] != package:
        raise SlimError("the assembled library does not hold the package")
    return dropped


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.rsplit("Usage: ", 1)[1].strip(), file=sys.stderr)
        return 2
    try:
        dropped = slim(Path(argv[1]), Path(argv[2]))
    except (SlimError, OSError, subprocess.CalledProcessError) as exc:
        print(f"slim_icu: {argv[1]}: {exc}", file=sys.stderr)
        return 1
    print(f"slim_icu: left out {len(dropped)} ICU data items: {Path(argv[1]).stat().st_size // 2**20} -> "
          f"{Path(argv[2]).stat().st_size // 2**20} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
