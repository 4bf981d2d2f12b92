"""The face image a simulated face scan returns: a small, valid baseline JPEG drawn from the
person's identity, so two people's images differ and one person's is always the same.

A 128 x 128 picture of a head (hair, skin, eyes, mouth, neck) in 8 x 8 blocks of one tone each:
every block is coded by its DC coefficient alone, which keeps the encoder to a few lines and
the file to a few hundred bytes while any JPEG decoder shows it. A visual (RGB) camera's image
is in colour (YCbCr), an infrared camera's in grey.

The simulator's convention for Face.Normalize and Face.Extract: an image carries, in an APP11
segment of its own, whose face it shows, in which colour and whether it is normalized ("warped":
the same face drawn larger, filling the frame as an aligned crop would), so a terminal reads the
face back from an image it made (`read`); an image that is not exactly one of these drawings is
no face image of the simulator's kind.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from dataclasses import dataclass

BLOCK = 8
BLOCKS = 16  # per side: 128 x 128 pixels
SIDE = BLOCK * BLOCKS
_DC_QUANT = 8  # DC of a flat block = 8 * (value - 128): quantized by 8 it is value - 128
# The DC Huffman table of JPEG Annex K (luminance): code lengths of the categories 0..11.
_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
_DC_VALUES = tuple(range(12))
# Every block ends at once (end of block, AC symbol 0x00): a one-code table.
_AC_BITS = (1,) + (0,) * 15
_AC_VALUES = (0x00,)


# The APP11 segment naming the face an image shows: its signature, then colour (1) or grey (0),
# normalized (1) or not (0), and the person's identity.
_MARK = 0xEB
_SIGNATURE = b"biohil face\0"
_WARPED_SCALE = 0.8  # a normalized image: the head a quarter larger, filling the frame


@dataclass(frozen=True)
class FaceImage:
    """What a face image of the simulator's kind shows."""

    identity: bytes
    colour: bool  # a visual camera's colour image; else an infrared camera's grey one
    warped: bool  # normalized (Face.Normalize)


def face_jpeg(identity: bytes, colour: bool, warped: bool = False) -> bytes:
    """The face image of the person with this identity, as a visual (colour) or infrared camera
    takes it; `warped`: normalized, as Face.Normalize returns it."""
    tones = hashlib.shake_256(b"face image" + identity).digest(16)
    layout = _layout(warped)
    components = _colour_planes(tones, layout) if colour else [_grey_plane(tones, layout)]
    mark = _SIGNATURE + bytes([colour, warped]) + identity
    return _jpeg(components, mark)


def read(data: bytes) -> FaceImage | None:
    """The face an image of the simulator's kind shows; None for any other bytes (another JPEG, an
    image changed after it was made, no image at all)."""
    if data[:2] != b"\xff\xd8":
        return None
    found = _marked(data)
    if found is None or face_jpeg(found.identity, found.colour, found.warped) != data:
        return None
    return found


def _marked(data: bytes) -> FaceImage | None:
    """The face the image's APP11 segment names, if it has one (the segments before the frame)."""
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF and data[pos + 1] not in (0xC0, 0xDA, 0xD9):
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        payload = data[pos + 4 : pos + 2 + length]
        if marker == _MARK and payload.startswith(_SIGNATURE) and len(payload) > len(_SIGNATURE) + 2:
            colour, warped = payload[len(_SIGNATURE)], payload[len(_SIGNATURE) + 1]
            identity = payload[len(_SIGNATURE) + 2 :]
            if colour in (0, 1) and warped in (0, 1):
                return FaceImage(identity, bool(colour), bool(warped))
        pos += 2 + length
    return None


def _region(bx: int, by: int, scale: float = 1.0) -> str:
    """What the block at (bx, by) shows: background, hair, skin, eye, mouth or neck (`scale` below
    1 draws the face larger)."""
    x, y = ((bx + 0.5) / BLOCKS * 2 - 1) * scale, ((by + 0.5) / BLOCKS * 2 - 1) * scale  # -1..1, y down
    head = (x / 0.62) ** 2 + ((y + 0.08) / 0.8) ** 2 <= 1
    if not head:
        return "neck" if abs(x) < 0.25 and y > 0.6 else "background"
    if y < -0.55 or (y < -0.2 and abs(x) > 0.5):
        return "hair"
    if -0.25 <= y <= -0.05 and 0.15 <= abs(x) <= 0.4:
        return "eye"
    if 0.35 <= y <= 0.5 and abs(x) <= 0.25:
        return "mouth"
    return "skin"


def _layout(warped: bool = False) -> list[list[str]]:
    scale = _WARPED_SCALE if warped else 1.0
    return [[_region(bx, by, scale) for bx in range(BLOCKS)] for by in range(BLOCKS)]


def _grey_plane(tones: bytes, layout: list[list[str]]) -> list[list[int]]:
    """Infrared: skin shows bright, eyes and hair dark, the background dim."""
    skin = 170 + tones[0] % 60
    grey = {
        "background": 20 + tones[1] % 40,
        "hair": 40 + tones[2] % 50,
        "skin": skin,
        "neck": skin - 15,
        "eye": 15 + tones[3] % 30,
        "mouth": skin - 50 - tones[4] % 30,
    }
    return [[grey[r] for r in row] for row in layout]


def _colour_planes(tones: bytes, layout: list[list[str]]) -> list[list[list[int]]]:
    """Visual: a skin tone, hair and background colour of the person's own, as Y, Cb and Cr."""
    red = 110 + tones[0] % 130
    green = round(red * (0.62 + tones[5] % 20 / 100))
    skin = (red, green, round(green * (0.7 + tones[6] % 20 / 100)))
    rgb = {
        "background": (tones[7], tones[8], tones[9]),
        "hair": (tones[2] % 90, tones[10] % 70, tones[11] % 50),
        "skin": skin,
        "neck": tuple(max(0, c - 20) for c in skin),
        "eye": (30 + tones[3] % 40, 40 + tones[12] % 60, 50 + tones[13] % 80),
        "mouth": (150 + tones[4] % 80, 60 + tones[14] % 40, 70 + tones[15] % 40),
    }
    ycc = {r: _ycbcr(*c) for r, c in rgb.items()}
    return [[[ycc[r][i] for r in row] for row in layout] for i in range(3)]


def _ycbcr(r: int, g: int, b: int) -> tuple[int, int, int]:
    """JFIF's RGB to YCbCr, each 0..255."""
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return tuple(min(255, max(0, round(v))) for v in (y, cb, cr))  # type: ignore[return-value]


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">HH", 0xFF00 | marker, len(payload) + 2) + payload


def _codes(bits: tuple[int, ...], values: tuple[int, ...]) -> dict[int, tuple[int, int]]:
    """Canonical Huffman codes: symbol -> (code, length)."""
    codes, code, symbols = {}, 0, iter(values)
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[next(symbols)] = (code, length)
            code += 1
        code <<= 1
    return codes


class _Bits:
    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, value: int, length: int) -> None:
        for shift in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> shift) & 1)
            self.n += 1
            if self.n == 8:
                self._byte()

    def _byte(self) -> None:
        self.out.append(self.acc)
        if self.acc == 0xFF:
            self.out.append(0x00)  # byte stuffing
        self.acc = self.n = 0

    def close(self) -> bytes:
        while self.n:
            self.put(1, 1)  # pad with 1-bits
        return bytes(self.out)


def _mcus(planes: list[list[list[int]]]) -> Iterator[tuple[int, int]]:
    """(component, block value) in interleaved scan order: block by block, every component."""
    for by in range(BLOCKS):
        for bx in range(BLOCKS):
            for c, plane in enumerate(planes):
                yield c, plane[by][bx]


def _jpeg(planes: list[list[list[int]]], mark: bytes) -> bytes:
    n = len(planes)
    quant = bytes([_DC_QUANT] + [1] * 63)
    jfif = b"JFIF\0" + struct.pack(">BBBHHBB", 1, 1, 0, 1, 1, 0, 0)
    frame = struct.pack(">BHHB", 8, SIDE, SIDE, n) + b"".join(bytes([c + 1, 0x11, 0]) for c in range(n))
    tables = (
        bytes([0x00, *_DC_BITS, *_DC_VALUES])  # class 0 (DC), table 0
        + bytes([0x10, *_AC_BITS, *_AC_VALUES])  # class 1 (AC), table 0
    )
    scan = bytes([n]) + b"".join(bytes([c + 1, 0x00]) for c in range(n)) + bytes([0, 63, 0])
    dc, ac = _codes(_DC_BITS, _DC_VALUES), _codes(_AC_BITS, _AC_VALUES)
    bits, previous = _Bits(), [0] * n
    for c, value in _mcus(planes):
        level = value - 128  # the quantized DC of a flat block
        diff, previous[c] = level - previous[c], level
        size = abs(diff).bit_length()
        bits.put(*dc[size])
        if size:
            bits.put(diff if diff > 0 else diff + (1 << size) - 1, size)
        bits.put(*ac[0x00])  # end of block
    return (
        b"\xff\xd8"
        + _segment(0xE0, jfif)
        + _segment(_MARK, mark)
        + _segment(0xDB, bytes([0x00]) + quant)
        + _segment(0xC0, frame)
        + _segment(0xC4, tables)
        + _segment(0xDA, scan)
        + bits.close()
        + b"\xff\xd9"
    )
