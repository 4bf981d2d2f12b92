"""What QA's words for credentials mean as operator actions.

"the card, then the fingerprint" is the test user's own card, then own finger; "an
unregistered card" a card nobody has; "the spare card" the one card nobody has that the terminal
read once; "another user's face" the other test user's; "the second fingerprint" the test
user's second one, where a scenario gives them two (see SECOND); "the duress fingerprint" the test
user's duress finger; "a wrong PIN" a PIN that is not the user's; "an unknown user ID" an ID
nobody has. Steps are separated by commas or "then"; a step may end with when it comes ("...
just after the auth timeout", see Pace); articles and "enrolled" are just for reading.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from biohil.credentials import BY_WORD, KINDS, Input
from biohil.operator.base import Action, Pace, TerminalIO

# Labels of the physical credentials the test user holds (the lab's person takes these).
TEST_CARD, TEST_FINGER, TEST_FACE = (BY_WORD[w].test_label for w in ("card", "fingerprint", "face"))
DURESS_FINGER = "duress finger"  # another finger of the test user's, enrolled as the duress one
SPARE_CARD = "spare card"  # a card nobody has enrolled, read once by the terminal
# Another test user's credentials: another finger, another person's face.
OTHER = {k.word: (k.input, k.other_label) for k in KINDS if k.other_label}
# The test user's second credential of a kind, where a scenario gives them two: one the bench
# already has, so nobody needs more at hand (the spare card, the other finger, the other face).
SECOND = {"card": SPARE_CARD, **{word: label for word, (_, label) in OTHER.items()}}
WRONG_PIN = "9999"
_OWN = {
    **{k.word: (k.input, k.test_label) for k in KINDS},
    "duress fingerprint": (Input.FINGER, DURESS_FINGER),
}
_ARTICLES = re.compile(r"^(?:(?:the|an|a|their|enrolled)\s+)+")
_STEPS = re.compile(r",\s*(?:then\s+)?|\s+then\s+")
_UNREGISTERED = {f"unregistered {k.word}": k.input for k in KINDS}


def checklist(sensors: frozenset[str], pin: str) -> list[str]:
    """What a person needs at hand for a terminal with these sensors."""
    kinds = [k.word for k in KINDS if k.word in sensors]
    items = [
        f'the {k} you will use as the "{BY_WORD[k].test_label}": captured once, then used for the whole run'
        for k in kinds
    ]
    if kinds:
        items.append(f"a {', a '.join(kinds)} nobody has enrolled on it")
    if "card" in kinds:
        items.append(f'one card nobody has enrolled that you keep as the "{SPARE_CARD}"')
    if "fingerprint" in kinds:
        items.append(
            f'two more fingers: the "{DURESS_FINGER}" and the "{OTHER["fingerprint"][1]}" (for another user)'
        )
    if "face" in kinds:
        items.append(f'a second person, whose face is the "{OTHER["face"][1]}" (for another user)')
    items.append(f"its keypad: the test user's PIN is {pin}")
    return items


@dataclass(frozen=True)
class Holder:
    """The test user as a person at the terminal: their credentials, PIN and ID."""

    user_id: str
    pin: str = field(repr=False)
    unused_id: str = ""  # a user ID nobody has on the terminal
    other_id: str = ""  # another test user, holding the OTHER credentials
    # What the terminal read off a labelled card when it was captured (b"": not known), so that an
    # outcome can show whether the person presented that card.
    card_of: Callable[[str], bytes] = field(default=lambda label: b"", repr=False)

    def action(self, terminal: TerminalIO, phrase: str) -> Action:
        """One credential, with when it comes if the phrase says so ("... just after the auth timeout")."""
        phrase = phrase.strip()
        for pace in Pace:
            if phrase.endswith(" " + pace.value):
                plain = self.action(terminal, phrase.removesuffix(" " + pace.value))
                return dataclasses.replace(plain, pace=pace)
        word = _ARTICLES.sub("", phrase)
        if word in _OWN:
            input, label = _OWN[word]
            own = terminal.action(input, label, user_id=self.user_id)
            return dataclasses.replace(own, card_data=self.card_of(label)) if input is Input.CARD else own
        if word in _UNREGISTERED:
            return terminal.action(_UNREGISTERED[word], None)
        if word == SPARE_CARD:
            return terminal.action(Input.CARD, SPARE_CARD)
        second = word.removeprefix("second ")
        if second in SECOND and second != word:
            return terminal.action(BY_WORD[second].input, SECOND[second], user_id=self.user_id)
        other = word.removeprefix("another user's ")
        if other in OTHER and other != word:
            if not self.other_id:
                raise ValueError(f'"{word}": no other test user yet; a Given step must enroll one first')
            return terminal.action(*OTHER[other], user_id=self.other_id)
        typed = {
            "PIN": (Input.PIN, self.pin),
            "wrong PIN": (Input.PIN, WRONG_PIN),
            "user ID": (Input.USER_ID, self.user_id),
            "unknown user ID": (Input.USER_ID, self.unused_id),
        }
        if word in typed:
            return terminal.action(*typed[word])
        known = ", ".join(
            f'"{w}"'
            for w in (*_OWN, *_UNREGISTERED, *typed, SPARE_CARD, "another user's face", "second card")
        )
        raise ValueError(f'"{word}" is not a credential word; use {known}')

    def actions(self, terminal: TerminalIO, sequence: str) -> list[Action]:
        """The sequence's actions; not applicable on a terminal lacking one of their inputs."""
        actions = [self.action(terminal, part) for part in _STEPS.split(sequence) if part.strip()]
        terminal.require(a.input for a in actions)
        return actions
