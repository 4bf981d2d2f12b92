"""The authentication engine, mode by mode: the credential sequences each mode grants and refuses.

Sequence words: card, finger, face, pin, id = the user's own credential; a trailing * = one the
terminal does not know (a new card, an unknown finger or face, a wrong PIN, an unknown ID);
"... timeout" = the next factor never comes within authTimeout.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from biohil.authmodes import CLASSIC_MODES, EXTENDED_MODES, mode_name
from biohil.credentials import Input
from biohil.gsdk import auth_pb2, event_pb2, finger_pb2, user_pb2
from biohil.simulator import credentials, firmware
from biohil.simulator.clock import Clock
from biohil.simulator.device import SimDevice
from biohil.simulator.firmware import STANDARD, Steps, mode_steps
from biohil.simulator.models import DEFAULT_DEVICES

BS2, F2 = DEFAULT_DEVICES
USER, PIN = "900001", "1234"
CARD, FINGER, FACE = credentials.new_card(), credentials.new_identity(), credentials.new_identity()
DURESS_FINGER = credentials.new_identity()
TIMEOUT = 10

# (mode, sequence, expected "CODE/SUB") -- hex codes from the contract's event tables.
CLASSIC = [
    (0, "finger", "1300/01"), (0, "finger*", "1400/04"), (0, "card", "1800/01"),
    (1, "finger pin", "1300/02"), (1, "finger pin*", "1400/03"), (1, "finger timeout", "1800/03"),
    (2, "card", "1000/06"), (2, "card*", "1100/02"), (2, "finger", "1800/01"),
    (3, "card finger", "1000/08"), (3, "card finger*", "1100/04"), (3, "card timeout", "1800/03"),
    (4, "card pin", "1000/07"), (4, "card pin*", "1100/03"), (4, "card finger", "1800/01"),
    (5, "card pin", "1000/07"), (5, "card finger", "1000/08"), (5, "card finger*", "1100/04"),
    (6, "card finger pin", "1000/09"), (6, "card finger pin*", "1100/03"), (6, "card finger timeout", "1800/03"),
    (7, "id finger", "1000/02"), (7, "id*", "1100/01"), (7, "id pin", "1800/01"),
    (8, "id pin", "1000/01"), (8, "id pin*", "1100/03"), (8, "id timeout", "1800/03"),
    (9, "id pin", "1000/01"), (9, "id finger", "1000/02"), (9, "id finger*", "1100/04"),
    (10, "id finger pin", "1000/03"), (10, "id finger*", "1100/04"), (10, "id finger timeout", "1800/03"),
]  # fmt: skip
EXTENDED = [
    (11, "face", "1300/03"), (11, "face*", "1400/05"), (11, "card", "1800/01"),
    (12, "face finger", "1300/05"), (12, "face finger*", "1400/04"), (12, "face timeout", "1800/03"),
    (13, "face pin", "1300/04"), (13, "face pin*", "1400/03"), (13, "face finger", "1800/01"),
    (14, "face finger", "1300/05"), (14, "face pin", "1300/04"), (14, "face timeout", "1800/03"),
    (15, "face finger pin", "1300/06"), (15, "face finger pin*", "1400/03"),
    (16, "finger", "1300/01"), (16, "finger*", "1400/04"), (16, "face", "1800/01"),
    (17, "finger face", "1300/07"), (17, "finger face*", "1400/05"),
    (18, "finger pin", "1300/02"), (18, "finger card", "1800/01"),
    (19, "finger face", "1300/07"), (19, "finger pin", "1300/02"), (19, "finger pin*", "1400/03"),
    (20, "finger face pin", "1300/08"), (20, "finger face timeout", "1800/03"),
    (21, "card", "1000/06"), (21, "card*", "1100/02"), (21, "face", "1800/01"),
    (22, "card face", "1000/0A"), (22, "card face*", "1100/05"), (22, "card finger", "1800/01"),
    (23, "card finger", "1000/08"), (23, "card finger*", "1100/04"), (23, "card timeout", "1800/03"),
    (24, "card pin", "1000/07"), (24, "card pin*", "1100/03"),
    (25, "card face", "1000/0A"), (25, "card finger", "1000/08"), (25, "card pin", "1800/01"),
    (26, "card face", "1000/0A"), (26, "card pin", "1000/07"), (26, "card finger", "1800/01"),
    (27, "card finger", "1000/08"), (27, "card pin", "1000/07"), (27, "card timeout", "1800/03"),
    (28, "card face", "1000/0A"), (28, "card finger", "1000/08"), (28, "card pin", "1000/07"), (28, "card pin*", "1100/03"),
    (29, "card face finger", "1000/10"), (29, "card face finger*", "1100/04"),
    (30, "card face pin", "1000/0B"), (30, "card face pin*", "1100/03"),
    (31, "card finger face", "1000/11"), (31, "card finger face*", "1100/05"),
    (32, "card finger pin", "1000/09"), (32, "card finger timeout", "1800/03"),
    (33, "card face pin", "1000/0B"), (33, "card finger pin", "1000/09"), (33, "card face face", "1800/01"),
    (34, "card face finger", "1000/10"), (34, "card face pin", "1000/0B"), (34, "card finger", "1800/01"),
    (35, "card finger face", "1000/11"), (35, "card finger pin", "1000/09"), (35, "card finger*", "1100/04"),
    (36, "id face", "1000/04"), (36, "id face*", "1100/05"),
    (37, "id finger", "1000/02"), (37, "id*", "1100/01"),
    (38, "id pin", "1000/01"), (38, "id pin*", "1100/03"),
    (39, "id face", "1000/04"), (39, "id finger", "1000/02"), (39, "id pin", "1800/01"),
    (40, "id face", "1000/04"), (40, "id pin", "1000/01"), (40, "id timeout", "1800/03"),
    (41, "id finger", "1000/02"), (41, "id pin", "1000/01"), (41, "id face", "1800/01"),
    (42, "id face", "1000/04"), (42, "id finger", "1000/02"), (42, "id pin", "1000/01"), (42, "id face*", "1100/05"),
    (43, "id face finger", "1000/12"), (43, "id face finger*", "1100/04"),
    (44, "id face pin", "1000/05"), (44, "id face timeout", "1800/03"),
    (45, "id finger face", "1000/13"), (45, "id finger face*", "1100/05"),
    (46, "id finger pin", "1000/03"), (46, "id finger pin*", "1100/03"),
    (47, "id face pin", "1000/05"), (47, "id finger pin", "1000/03"), (47, "id pin", "1800/01"),
    (48, "id face finger", "1000/12"), (48, "id face pin", "1000/05"), (48, "id face*", "1100/05"),
    (49, "id finger face", "1000/13"), (49, "id finger pin", "1000/03"), (49, "id finger timeout", "1800/03"),
]  # fmt: skip
GRANTED = {"1000", "1300"}


@dataclass
class Terminal:
    """A SimDevice with one enrolled user and its events collected as they are logged."""

    device: SimDevice
    clock: Clock
    events: list[event_pb2.EventLog]
    arrived: threading.Condition

    def configure(self, *modes: int, private: bool = False) -> None:
        config = auth_pb2.AuthConfig(
            authSchedules=[auth_pb2.AuthSchedule(mode=m, scheduleID=1) for m in modes],  # type: ignore[arg-type]
            usePrivateAuth=private,
            matchTimeout=5,
            authTimeout=TIMEOUT,
        )
        self.device.set_auth_config(config)

    def present(self, word: str) -> None:
        unknown = word.endswith("*")
        kind = word.rstrip("*")
        factor, token = {
            "card": (Input.CARD, credentials.new_card() if unknown else CARD),
            "finger": (Input.FINGER, credentials.new_identity() if unknown else FINGER),
            "face": (Input.FACE, credentials.new_identity() if unknown else FACE),
            "pin": (Input.PIN, b"9999" if unknown else PIN.encode()),
            "id": (Input.USER_ID, b"900999" if unknown else USER.encode()),
        }[kind]
        self.device.act(factor, token)

    def outcome_of(self, sequence: str) -> event_pb2.EventLog:
        """Run a sequence; the one auth event it ends with (waiting for a timeout if it says so)."""
        before = len(self.events)
        words = sequence.split()
        for word in words:
            if word == "timeout":
                self.clock.advance(TIMEOUT + 1)
            else:
                self.present(word)
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.events) > before, timeout=5), (
                f"{sequence}: no event"
            )
        assert len(self.events) == before + 1, [hex(e.eventCode) for e in self.events[before:]]
        return self.events[-1]


def _enrolled_user(extended: bool) -> user_pb2.UserInfo:
    finger = finger_pb2.FingerData(templates=[credentials.finger_template(FINGER, 90) for _ in range(2)])
    duress = finger_pb2.FingerData(
        flag=finger_pb2.BS2_FINGER_FLAG_DURESS,
        templates=[credentials.finger_template(DURESS_FINGER, 90) for _ in range(2)],
    )
    user = user_pb2.UserInfo(
        hdr=user_pb2.UserHdr(ID=USER),
        cards=[credentials.card_data(CARD).CSNCardData],
        fingers=[finger, duress],
        PIN=firmware.pin_sha256(PIN),
    )
    if extended:
        user.faces.append(credentials.face_data(FACE, visual=True))
    return user


@pytest.fixture(params=[BS2, F2], ids=["BioStation2", "FaceStationF2"])
def terminal(request: pytest.FixtureRequest) -> Iterator[Terminal]:
    """A terminal of each model; a test parametrized on `terminal` indirectly picks one."""
    spec = request.param
    clock = Clock()
    events: list[event_pb2.EventLog] = []
    arrived = threading.Condition()

    def sink(event: event_pb2.EventLog) -> None:
        if event.eventCode < 0x2000:  # authentication outcomes only, not the enrolment
            with arrived:
                events.append(event)
                arrived.notify_all()

    device = SimDevice(spec, clock, sink)
    device.set_monitoring(True)
    device.roster.enroll([_enrolled_user(spec.model.extended_auth)], overwrite=False)
    yield Terminal(device, clock, events, arrived)
    clock.stop()


def _row_id(row: tuple[int, str, str]) -> str:
    return f"{mode_name(row[0]).removeprefix('AUTH_')}:{row[1].replace(' ', '+')}"


ROWS = [(BS2, r) for r in CLASSIC] + [(F2, r) for r in EXTENDED]


@pytest.mark.parametrize(("terminal", "row"), ROWS, ids=[_row_id(r) for _, r in ROWS], indirect=["terminal"])
def test_mode_sequence(terminal: Terminal, row: tuple[int, str, str]) -> None:
    """Classic modes on the BioStation 2, extended modes on the FaceStation F2."""
    mode, sequence, expected = row
    terminal.configure(mode)
    event = terminal.outcome_of(sequence)
    code, sub = expected.split("/")
    assert (f"{event.eventCode:04X}", f"{event.subCode:02X}") == (code, sub), sequence
    refused_unknown = code in ("1100", "1400") and sequence.split()[0].endswith("*")
    assert event.userID == ("" if refused_unknown else USER)
    if sequence.startswith("card"):
        assert event.cardData == (event.cardData if refused_unknown else CARD)


def test_every_mode_has_a_granted_and_a_refused_sequence() -> None:
    rows = CLASSIC + EXTENDED
    for mode in CLASSIC_MODES | EXTENDED_MODES:
        outcomes = {r[2][:4] for r in rows if r[0] == mode}
        assert outcomes & GRANTED, f"{mode_name(mode)} has no granted sequence"
        assert outcomes - GRANTED, f"{mode_name(mode)} has no refused sequence"


def test_every_path_of_every_mode_has_a_sub_code() -> None:
    """Each way through each mode maps to a success sub-code of the contract."""
    everything = frozenset(Input)

    def paths(s: Steps) -> list[tuple[Input, ...]]:
        if not s:
            return [()]
        return [(f, *rest) for f in s[0] for rest in paths(s[1:])]

    for mode in CLASSIC_MODES | EXTENDED_MODES:
        for path in paths(mode_steps(mode, everything)):
            table = STANDARD.verify_sub if path[0] in (Input.CARD, Input.USER_ID) else STANDARD.identify_sub
            assert path in table, (mode_name(mode), path)


def test_unknown_card_logs_its_data(terminal: Terminal) -> None:
    terminal.configure(21 if terminal.device.model.extended_auth else 2)
    stranger = credentials.new_card()
    terminal.device.act(Input.CARD, stranger)
    event = terminal.events[-1]
    assert (event.eventCode, event.subCode, event.userID, event.cardData) == (0x1100, 0x02, "", stranger)


def _set_user_mode(terminal: Terminal, **modes: int) -> None:
    user = terminal.device.roster.get_users([USER])[0]
    user.ClearField("setting")
    for field, value in modes.items():
        setattr(user.setting, field, value)
    terminal.device.roster.enroll([user], overwrite=True)


def test_private_auth_uses_the_users_own_modes(terminal: Terminal) -> None:
    extended = terminal.device.model.extended_auth
    card_only, device_modes = (21, (16,)) if extended else (2, (0,))
    field = "cardAuthExtMode" if extended else "cardAuthMode"
    _set_user_mode(terminal, **{field: card_only})
    terminal.configure(*device_modes, private=False)
    assert terminal.outcome_of("card").eventCode == 0x1800  # the device modes exclude a card
    terminal.configure(*device_modes, private=True)
    granted = terminal.outcome_of("card")
    assert (granted.eventCode, granted.subCode) == (0x1000, 0x06)


def test_private_auth_0xff_falls_back_and_0xfe_refuses(terminal: Terminal) -> None:
    extended = terminal.device.model.extended_auth
    field = "cardAuthExtMode" if extended else "cardAuthMode"
    card_finger = 23 if extended else 3
    terminal.configure(card_finger, private=True)
    _set_user_mode(terminal, **{field: 0xFF})
    granted = terminal.outcome_of("card finger")
    assert (granted.eventCode, granted.subCode) == (0x1000, 0x08)
    _set_user_mode(terminal, **{field: 0xFE})
    refused = terminal.outcome_of("card")
    assert (refused.eventCode, refused.subCode) == (0x1800, 0x01)


def test_duress_finger(terminal: Terminal) -> None:
    terminal.configure(16 if terminal.device.model.extended_auth else 0)
    terminal.device.act(Input.FINGER, DURESS_FINGER)
    event = terminal.events[-1]
    assert (event.eventCode, event.subCode, event.userID) == (0x1500, 0x01, USER)


def test_expired_user_is_denied(terminal: Terminal) -> None:
    user = terminal.device.roster.get_users([USER])[0]
    user.setting.endTime = terminal.clock.timestamp() + 60
    terminal.device.roster.enroll([user], overwrite=True)
    terminal.configure(21 if terminal.device.model.extended_auth else 2)
    assert terminal.outcome_of("card").eventCode == 0x1000
    terminal.clock.advance(120)
    denied = terminal.outcome_of("card")
    assert (denied.eventCode, denied.subCode) == (0x1900, 0x03)


def test_a_new_config_drops_a_half_done_attempt(terminal: Terminal) -> None:
    extended = terminal.device.model.extended_auth
    terminal.configure(23 if extended else 3)
    terminal.present("card")
    assert terminal.device.engine.waiting_for_next_factor
    terminal.configure(21 if extended else 2)
    assert not terminal.device.engine.waiting_for_next_factor
    terminal.clock.advance(TIMEOUT + 1)
    granted = terminal.outcome_of("card")  # no stale timeout event came first
    assert (granted.eventCode, granted.subCode) == (0x1000, 0x06)
