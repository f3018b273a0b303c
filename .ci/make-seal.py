"""Writes a test seal (a red double ring with a bar, on a transparent background) as an RGBA PNG.

Usage: make-seal.py OUT.png [SIZE]. Standard library only (zlib, struct), so CI needs no imaging package.
"""
import struct
import sys
import zlib

out = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 160
c = (size - 1) / 2
rows = []
for y in range(size):
    row = bytearray([0])  # filter: None
    for x in range(size):
        d = ((x - c) ** 2 + (y - c) ** 2) ** 0.5 / c
        on = 0.86 <= d <= 0.97 or 0.70 <= d <= 0.76 or (d < 0.70 and abs(y - c) < size * 0.04)
        row += bytes((200, 30, 40, 230)) if on else bytes((0, 0, 0, 0))
    rows.append(bytes(row))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(out, "wb").write(png)
