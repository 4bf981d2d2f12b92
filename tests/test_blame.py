"""Whose an attempt's outcome is, by the evidence of the event: a credential other than the one
asked is the person's; what the event cannot tell is asked; the rest is the terminal's."""

from __future__ import annotations

from biohil.credentials import Input
from biohil.eventcodes import CREDENTIAL_SUB, Code
from biohil.gsdk import card_pb2, event_pb2, user_pb2
from biohil.operator.authentication import evidence
from biohil.operator.base import Action

DEVICE = 541530001
TEST_CARD = bytes(28) + b"\x0a\x0b\x0c\x0d"
OTHER_CARD = bytes(28) + b"\x01\x02\x03\x04"
OWN_CARD = Action(DEVICE, "FaceStation F2", Input.CARD, "test card", user_id="900001", card_data=TEST_CARD)
NOBODYS_CARD = Action(DEVICE, "FaceStation F2", Input.CARD, None)
OWN_FINGER = Action(DEVICE, "FaceStation F2", Input.FINGER, "test finger", user_id="900001")
OTHERS_FINGER = Action(DEVICE, "FaceStation F2", Input.FINGER, "other finger", user_id="900002")


class Terminal:
    """The users' cards as the terminal holds them (Device.users)."""

    def __init__(self, cards: dict[str, bytes]) -> None:
        self.cards, self.reads = cards, 0

    def users(self, *ids: str) -> list[user_pb2.UserInfo]:
        self.reads += 1
        return [
            user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=i), cards=[card_pb2.CSNCardData(data=self.cards[i])])
            for i in ids
            if i in self.cards
        ]


def event(code: int, sub: int, user: str = "", card: bytes = b"") -> event_pb2.EventLog:
    return event_pb2.EventLog(ID=7, deviceID=DEVICE, eventCode=code, subCode=sub, userID=user, cardData=card)


def test_a_card_other_than_the_test_card_is_the_persons_with_both_shown_by_size_and_first_bytes() -> None:
    refused = event(Code.VERIFY_FAIL, CREDENTIAL_SUB["card"], card=OTHER_CARD)
    not_asked, question = evidence(refused, [OWN_CARD], Terminal({}))  # type: ignore[arg-type]
    assert not_asked == (
        'the terminal read a card (32 bytes, 01020304) that is not the "test card" (32 bytes, 0a0b0c0d)'
    )
    assert question == ""


def test_the_test_card_refused_is_the_terminals_even_when_the_user_no_longer_holds_it() -> None:
    """A removed card, or a firmware that lost it: the card asked for was presented."""
    refused = event(Code.VERIFY_FAIL, CREDENTIAL_SUB["card"], card=TEST_CARD)
    assert evidence(refused, [OWN_CARD], Terminal({})) == ("", "")  # type: ignore[arg-type]


def test_a_card_nobody_has_granted_to_its_owner_is_the_persons_to_another_user_the_terminals() -> None:
    granted = event(Code.VERIFY_SUCCESS, 0x06, user="900001", card=TEST_CARD)
    holds = Terminal({"900001": TEST_CARD})
    assert evidence(granted, [NOBODYS_CARD], holds)[0] == (  # type: ignore[arg-type]
        "the terminal read user 900001's card, not a card nobody has"
    )
    # the terminal granted a card its user does not hold: a firmware bug stays the terminal's
    assert evidence(granted, [NOBODYS_CARD], Terminal({"900001": OTHER_CARD})) == ("", "")  # type: ignore[arg-type]


def test_another_users_credential_is_the_persons() -> None:
    granted = event(Code.IDENTIFY_SUCCESS, 0x01, user="900005")
    terminal = Terminal({})
    not_asked, _ = evidence(granted, [OWN_FINGER], terminal)  # type: ignore[arg-type]
    assert not_asked == "the terminal took a credential of user 900005; the prompt asked for user 900001's"
    assert terminal.reads == 0  # no card in the event: nothing to read


def test_a_refused_own_fingerprint_asks_the_person_another_users_refused_does_not() -> None:
    unknown = event(Code.IDENTIFY_FAIL, CREDENTIAL_SUB["fingerprint"])
    assert evidence(unknown, [OWN_FINGER], Terminal({})) == (  # type: ignore[arg-type]
        "",
        'was that the fingerprint "test finger" of user 900001?',
    )
    # the test user's card, then another user's finger: refused for the test user, as meant
    refused = event(Code.VERIFY_FAIL, CREDENTIAL_SUB["fingerprint"], user="900001", card=TEST_CARD)
    assert evidence(refused, [OWN_CARD, OTHERS_FINGER], Terminal({})) == ("", "")  # type: ignore[arg-type]
    # the test user's card, then their own finger refused: the card tells nothing about the finger
    refused = event(Code.VERIFY_FAIL, CREDENTIAL_SUB["fingerprint"], user="900001", card=TEST_CARD)
    assert evidence(refused, [OWN_CARD, OWN_FINGER], Terminal({}))[1] == (  # type: ignore[arg-type]
        'was that the fingerprint "test finger" of user 900001?'
    )
