"""PNG encoding for exports: the rows deflated in strips on several threads (zlib releases
the GIL) into one valid stream; lossless and about three times faster than QImageWriter."""

from __future__ import annotations

import os
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtGui import QImage

LEVEL = 3  # zlib level: 1-3 cost the same on maps; 4 is 20-35 % slower for up to 20 % less
STRIP_BYTES = 4 << 20  # raw bytes deflated per task (keeps memory bounded, threads busy)
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ADLER_BASE = 65521


def encode_png(image: QImage, level: int = LEVEL, threads: int | None = None) -> bytes:
    """``image`` as PNG bytes: 8-bit RGB when it has no alpha channel, else RGBA (not
    premultiplied), with its resolution (pHYs). Rows use PNG filter 0 (none): on maps,
    mostly flat colour, that compresses as well as the adaptive filters and costs nothing."""
    alpha = image.hasAlphaChannel()
    converted = image.convertToFormat(QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGB888)
    width, height = converted.width(), converted.height()
    if width == 0 or height == 0:
        raise ValueError("cannot write an empty picture as PNG")
    stride = converted.bytesPerLine()
    row = width * (4 if alpha else 3)
    bits = memoryview(converted.constBits()).cast("B")
    rows_per_strip = max(1, STRIP_BYTES // (row + 1))
    starts = list(range(0, height, rows_per_strip))

    def deflate(start: int) -> tuple[bytes, int, int]:
        stop = min(height, start + rows_per_strip)
        raw = b"".join([part for y in range(start, stop) for part in (b"\0", bits[y * stride : y * stride + row])])
        packer = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
        last = stop == height
        data = packer.compress(raw) + packer.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
        return data, zlib.adler32(raw), len(raw)

    workers = threads or min(4, os.cpu_count() or 1)
    if workers > 1 and len(starts) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(deflate, starts))
    else:
        parts = [deflate(s) for s in starts]
    checksum = 1
    for _data, adler, length in parts:
        checksum = adler32_combine(checksum, adler, length)
    out = [_SIGNATURE, _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0))]
    dpm_x, dpm_y = image.dotsPerMeterX(), image.dotsPerMeterY()
    if dpm_x > 0 and dpm_y > 0:
        out.append(_chunk(b"pHYs", struct.pack(">IIB", dpm_x, dpm_y, 1)))
    out.append(_chunk(b"IDAT", b"\x78\x5e" + parts[0][0]))  # zlib header: deflate, 32 KB window
    out.extend(_chunk(b"IDAT", data) for data, _adler, _length in parts[1:])
    out.append(_chunk(b"IDAT", struct.pack(">I", checksum)))
    out.append(_chunk(b"IEND", b""))
    return b"".join(out)


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from their own checksums
    (as zlib's ``adler32_combine``, which Python does not expose)."""
    rem = second_length % _ADLER_BASE
    sum1 = first & 0xFFFF
    sum2 = (rem * sum1) % _ADLER_BASE
    sum1 += (second & 0xFFFF) + _ADLER_BASE - 1
    sum2 += (first >> 16) + (second >> 16) + _ADLER_BASE - rem
    return (sum1 % _ADLER_BASE) | ((sum2 % _ADLER_BASE) << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))
