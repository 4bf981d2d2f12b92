"""The fingerprint image of a simulated finger scan (Finger.GetImage): a small, valid 8-bit grey
BMP drawn from the finger's identity and the scan's quality, so one finger scanned at one quality
always gives the same image and two fingers give different ones.

A 64 x 80 picture of a fingertip: dark ridges circling a core (a whorl) whose place, spacing and
shape come from the identity, within the finger's outline on a white ground; a poorer scan shows
fainter ridges. Real sensors give larger images (their size is undocumented); a BMP is what the
documentation says GetImage returns.
"""

from __future__ import annotations

import hashlib
import math
import struct

WIDTH, HEIGHT = 64, 80  # pixels; a row of 64 needs no padding to 4 bytes
_GREYS = 256  # an 8-bit palette of greys, black to white
_HEADERS = 14 + 40  # BITMAPFILEHEADER, BITMAPINFOHEADER
_PIXELS_PER_METRE = 19_685  # 500 dpi, a usual fingerprint sensor's resolution
BACKGROUND = 255  # outside the finger
_PAPER = 225  # the lightest grey between ridges


def finger_bmp(identity: bytes, quality: int) -> bytes:
    """The image of a scan of the finger with this identity at this quality (0..100)."""
    seed = hashlib.shake_256(b"finger image" + identity).digest(5)
    core_x = WIDTH / 2 + seed[0] % 17 - 8
    core_y = HEIGHT / 2 + seed[1] % 21 - 10
    period = 4.0 + seed[2] % 4  # pixels from ridge to ridge
    stretch = 0.75 + seed[3] % 50 / 100  # ridges are ellipses, wider or taller
    phase = seed[4] / 256 * 2 * math.pi
    depth = 40 + 1.6 * max(0, min(100, quality))  # how much darker a ridge is than the paper
    half_w, half_h = WIDTH / 2 - 2, HEIGHT / 2 - 2
    rows = []
    for y in range(HEIGHT - 1, -1, -1):  # a BMP stores its bottom row first
        row = bytearray(WIDTH)
        for x in range(WIDTH):
            if ((x + 0.5 - WIDTH / 2) / half_w) ** 2 + ((y + 0.5 - HEIGHT / 2) / half_h) ** 2 > 1:
                row[x] = BACKGROUND
                continue
            r = math.hypot((x - core_x) * stretch, y - core_y)
            ridge = (1 + math.cos(2 * math.pi * r / period + phase)) / 2  # 1 on a ridge, 0 between
            row[x] = round(_PAPER - depth * ridge)
        rows.append(bytes(row))
    palette = b"".join(bytes((g, g, g, 0)) for g in range(_GREYS))
    pixels = b"".join(rows)
    offset = _HEADERS + len(palette)
    file_header = b"BM" + struct.pack("<IHHI", offset + len(pixels), 0, 0, offset)
    info_header = struct.pack(
        "<IiiHHIIiiII",
        40,
        WIDTH,
        HEIGHT,  # positive: bottom-up rows
        1,  # colour planes
        8,  # bits per pixel
        0,  # BI_RGB, no compression
        len(pixels),
        _PIXELS_PER_METRE,
        _PIXELS_PER_METRE,
        _GREYS,
        0,
    )
    return file_header + info_header + palette + pixels
