"""Physical credentials and the data a terminal captures from them.

A card is its 32-byte CSN block. A finger or a face is a 16-byte identity; every scan of it
gives a template of the real size that carries that identity, a per-scan nonce and (fingers)
the quality, so matching compares identities. Templates not made here carry no identity and
match nothing. A finger template's first four bytes say its format (FingerConfig.templateFormat):
"SIMF" Suprema, "SIMO" ISO, "SIMA" ANSI; a face template's its family: "SIMV" visual, "SIMI" IR.
"""

from __future__ import annotations

import hashlib
import secrets

from biohil.gsdk import card_pb2, face_pb2, finger_pb2
from biohil.simulator import faceimage

CARD_BYTES = 32
CARD_UID_BYTES = 7  # a typical MIFARE UID, right-aligned in the 32-byte block
IDENTITY_BYTES = 16
FINGER_TEMPLATE_BYTES = card_pb2.DEFAULT_TEMPLATE_SIZE  # 384, the Suprema format
FACE_TEMPLATE_BYTES = card_pb2.FACE_TEMPLATE_SIZE  # 552
FACE_TEMPLATES = 3  # per scan; real terminals return up to 10 (visual) or 30 (IR)
GOOD_QUALITY = 80
_FINGER, _FACE, _FACE_IR = b"SIMF", b"SIMV", b"SIMI"
FINGER_FORMATS: dict[int, bytes] = {  # finger_pb2.TemplateFormat -> the magic of its templates
    finger_pb2.TEMPLATE_FORMAT_SUPREMA: _FINGER,
    finger_pb2.TEMPLATE_FORMAT_ISO: b"SIMO",
    finger_pb2.TEMPLATE_FORMAT_ANSI: b"SIMA",
}
_FINGER_MAGICS = frozenset(FINGER_FORMATS.values())
_HEADER = 4


def new_card() -> bytes:
    return bytes(CARD_BYTES - CARD_UID_BYTES) + secrets.token_bytes(CARD_UID_BYTES)


def card_data(token: bytes) -> card_pb2.CardData:
    """What Card.Scan returns for a CSN card: the block right-aligned in 32 bytes."""
    block = token.rjust(CARD_BYTES, b"\0")[-CARD_BYTES:]
    csn = card_pb2.CSNCardData(type=card_pb2.CARD_TYPE_CSN, size=CARD_BYTES, data=block)
    return card_pb2.CardData(type=card_pb2.CARD_TYPE_CSN, CSNCardData=csn)


def new_identity() -> bytes:
    return secrets.token_bytes(IDENTITY_BYTES)


def _template(magic: bytes, identity: bytes, extra: bytes, size: int) -> bytes:
    head = magic + identity + extra + secrets.token_bytes(8)
    filler = hashlib.shake_256(head).digest(size - len(head))
    return head + filler


def _identity(template: bytes, magic: bytes) -> bytes | None:
    if template[:_HEADER] != magic or len(template) < _HEADER + IDENTITY_BYTES:
        return None
    return template[_HEADER : _HEADER + IDENTITY_BYTES]


def finger_template(
    identity: bytes, quality: int, template_format: int = finger_pb2.TEMPLATE_FORMAT_SUPREMA
) -> bytes:
    return _template(FINGER_FORMATS[template_format], identity, bytes([quality]), FINGER_TEMPLATE_BYTES)


def finger_identity(template: bytes) -> bytes | None:
    """The finger a template made here is of, whatever its format."""
    magic = template[:_HEADER]
    return _identity(template, magic) if magic in _FINGER_MAGICS else None


def face_template(identity: bytes) -> bytes:
    """A visual face template of the person, as a visual terminal's scan or Face.Extract gives it."""
    return _template(_FACE, identity, b"", FACE_TEMPLATE_BYTES)


def face_data(identity: bytes, visual: bool) -> face_pb2.FaceData:
    """Face.Scan's FaceData (contract 5.6). An infrared terminal (FaceStation 2 class): flag NONE,
    templates and the IR image. A visual one (F2 class): BS2_FACE_FLAG_EX, templates and the
    colour image, IR templates and the IR image. Images: small JPEGs drawn from the identity."""
    templates = [face_template(identity) for _ in range(FACE_TEMPLATES)]
    ir_image = faceimage.face_jpeg(identity, colour=False)
    if not visual:
        return face_pb2.FaceData(flag=face_pb2.BS2_FACE_FLAG_NONE, templates=templates, imageData=ir_image)
    ir = [_template(_FACE_IR, identity, b"", FACE_TEMPLATE_BYTES) for _ in range(FACE_TEMPLATES)]
    return face_pb2.FaceData(
        flag=face_pb2.BS2_FACE_FLAG_EX,
        templates=templates,
        imageData=faceimage.face_jpeg(identity, colour=True),
        irTemplates=ir,
        irImageData=ir_image,
    )


def face_identity(face: face_pb2.FaceData) -> bytes | None:
    for t in face.templates:
        found = _identity(t, _FACE)
        if found is not None:
            return found
    return None
