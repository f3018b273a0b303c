"""Exits 0 when a PNG (8-bit RGB/RGBA, non-interlaced, as pdftoppm writes) has at least N non-white pixels.

Usage: nonwhite.py FILE.png N. Standard library only.
"""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
need = int(sys.argv[2])
pos, idat, width, height, channels = 8, b"", 0, 0, 3
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, color = struct.unpack(">IIBB", body[:10])
        channels = {2: 3, 6: 4, 0: 1}[color]
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
stride = width * channels
previous = bytearray(stride)
count = 0
for y in range(height):
    kind = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        left = line[i - channels] if i >= channels else 0
        up = previous[i]
        upleft = previous[i - channels] if i >= channels else 0
        if kind == 1: line[i] = (line[i] + left) & 255
        elif kind == 2: line[i] = (line[i] + up) & 255
        elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - upleft
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upleft)) & 255
    previous = line
    for x in range(width):
        if any(v < 200 for v in line[x * channels:x * channels + 3]):
            count += 1
print(f"{count} non-white pixels in {sys.argv[1]}")
sys.exit(0 if count >= need else 1)
