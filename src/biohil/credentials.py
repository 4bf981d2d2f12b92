"""The credential vocabulary: each kind of credential a person presents, in QA's word, with what
the rest of the suite derives from it (the sensor that reads it, its capability flags, its
UserInfo field, its event sub-codes, the UserSetting fields of a user's own mode, its physical
labels at the bench). Adding a kind starts with one entry in KINDS (see ARCHITECTURE.md).

Plain data, no imports from the rest of biohil: everything else imports this.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Input(Enum):
    """What a person presents or types at a terminal (and the simulator's sensors take)."""

    CARD = "card"
    FINGER = "fingerprint"
    FACE = "face"
    PIN = "PIN"
    USER_ID = "user ID"

    @property
    def typed(self) -> bool:
        """Entered on the keypad (digits) rather than presented."""
        return self in (Input.PIN, Input.USER_ID)

    @property
    def needs(self) -> str:
        """What the terminal must have to take it (biohil.client.capabilities): typed on a keypad."""
        return "keypad" if self.typed else self.value

    @property
    def verb(self) -> str:
        kind = BY_INPUT.get(self)
        return kind.verb if kind else "type"


@dataclass(frozen=True)
class Kind:
    input: Input
    sensor: str  # what reads it, as people call it
    verb: str  # what the person does with it: "present the test card"
    mode_token: str  # its word in G-SDK auth mode names (AUTH_EXT_MODE_CARD_FACE)
    input_flag: str  # DeviceCapability: the terminal reads it
    info_flag: str  # CapabilityInfo (the coarser GetCapabilityInfo): the same
    user_field: str  # UserInfo: the user's list of them
    fail_sub: int  # event sub-code naming it as the credential that failed or was a duplicate
    grant_sub: int  # sub-code of a grant by it alone (VERIFY_SUB or IDENTIFY_SUB below)
    identifies: bool  # presented first, it finds the user 1:N (biometrics), not 1:1 (a card)
    own_mode_fields: tuple[str, str]  # UserSetting field of the user's own mode, classic / extended
    test_label: str  # the test user's own one, at the bench
    other_label: str | None  # another test user's (None: a second one is never needed)

    @property
    def word(self) -> str:
        return self.input.value


KINDS: tuple[Kind, ...] = (
    Kind(
        Input.CARD,
        sensor="card reader",
        verb="present",
        mode_token="CARD",
        input_flag="cardInputSupported",
        info_flag="cardSupported",
        user_field="cards",
        fail_sub=0x02,
        grant_sub=0x06,
        identifies=False,
        own_mode_fields=("cardAuthMode", "cardAuthExtMode"),
        test_label="test card",
        other_label=None,
    ),
    Kind(
        Input.FINGER,
        sensor="fingerprint sensor",
        verb="place",
        mode_token="FINGERPRINT",
        input_flag="fingerprintInputSupported",
        info_flag="fingerSupported",
        user_field="fingers",
        fail_sub=0x04,
        grant_sub=0x01,
        identifies=True,
        own_mode_fields=("biometricAuthMode", "fingerAuthExtMode"),
        test_label="test finger",
        other_label="other finger",
    ),
    Kind(
        Input.FACE,
        sensor="face camera",
        verb="show",
        mode_token="FACE",
        input_flag="faceInputSupported",
        info_flag="faceSupported",
        user_field="faces",
        fail_sub=0x05,
        grant_sub=0x03,
        identifies=True,
        own_mode_fields=("biometricAuthMode", "faceAuthExtMode"),
        test_label="test face",
        other_label="other face",
    ),
)
BY_WORD: dict[str, Kind] = {k.word: k for k in KINDS}
BY_INPUT: dict[Input, Kind] = {k.input: k for k in KINDS}
WORDS: tuple[str, ...] = tuple(BY_WORD)

# Typed credentials: their failure sub-codes and the own-mode fields of a user ID entered first.
TYPED_FAIL_SUB = {Input.USER_ID: 0x01, Input.PIN: 0x03}
USER_ID_OWN_MODE_FIELDS = ("IDAuthMode", "IDAuthExtMode")


def kind(word: str) -> Kind:
    """The kind QA calls `word` ("card", "fingerprint", "face")."""
    try:
        return BY_WORD[word]
    except KeyError:
        raise ValueError(f'"{word}" is not a credential kind; use one of {", ".join(WORDS)}') from None


def own_mode_fields(extended: bool) -> dict[Input, str]:
    """The UserSetting field holding a user's own mode, by what the user presents first."""
    column = int(extended)
    fields = {k.input: k.own_mode_fields[column] for k in KINDS}
    fields[Input.USER_ID] = USER_ID_OWN_MODE_FIELDS[column]
    return fields
