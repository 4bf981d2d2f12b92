"""Readings: what the suite and the simulator assume where the G-SDK documentation is silent.

Each reading is one question the documentation leaves open, a name for it, the answers it may
have (the first is the default) and where that default comes from. The simulator behaves by the
values it is given (`biohil-sim --reading NAME=VALUE`, `Simulator(readings=...)`); the suite
expects by the same values, and a lab terminal that answers by another value is an "unconfirmed
reading", never a product failure (biohil.scenario.readings). A lab's values, once observed,
live in a readings file that the nightly run gives the simulator (`--readings-file`).

This module is the one source: `biohil-sim --readings` prints it, and the simulator README's
table is `markdown_table()`, written there by `make readings-table` (`python -m biohil.readings
--readme src/biohil/simulator/README.md`) and checked by tests/test_readings.py.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType


class ReadingError(ValueError):
    """A reading name or value that does not exist, or a readings file that cannot be read."""


@dataclass(frozen=True)
class Reading:
    name: str
    question: str  # what the documentation leaves open
    values: Mapping[str, str]  # value -> what the terminal then does; the first: the default
    source: str  # "inferred: why" or "documented: where" (a vendor page, proto comment)
    where: str  # where the simulator decides it

    @property
    def default(self) -> str:
        return next(iter(self.values))

    @property
    def alternatives(self) -> list[str]:
        return list(self.values)[1:]

    @property
    def documented(self) -> bool:
        """The documentation decides it (the default is its word): a terminal reading it otherwise
        breaks the documentation, rather than a guess of ours."""
        return self.source.startswith("documented")


def _reading(name: str, question: str, values: dict[str, str], source: str, where: str) -> Reading:
    return Reading(name, question, MappingProxyType(values), source, where)


READINGS: tuple[Reading, ...] = (
    _reading(
        "auth_sub_codes",
        "the sub-code of an authentication event",
        {
            "by_factors": "names the factors used or the credential that failed (0x06 card, "
            "0x0A card + face, 0x02 an unknown card, 0x03 a timeout, ...)",
            "none": "0, the V1.8 table's 'no detail' entry every main code has",
        },
        "inferred: contract 4.3 reads each sub-code from its name ('confirm on hardware')",
        "firmware.Firmware verify_sub, identify_sub, credential_sub, timeout_sub, expired_sub",
    ),
    _reading(
        "own_mode",
        "how a user's own mode (private auth) combines with the terminal's modes",
        {
            "replaces": "it replaces them for the input it is kept for",
            "added": "it is added to them: either lets the user in",
        },
        "inferred: the documentation says only that the device uses each user's own modes",
        "firmware.Firmware.own_mode",
    ),
    _reading(
        "auth_timeout",
        "what authTimeout bounds",
        {
            "whole_sequence": "the whole sequence, from the first factor",
            "per_step": "the wait for each next factor, restarted by every factor",
        },
        "documented: contract 5.4, 'authTimeout (s): whole multi-factor sequence'",
        "firmware.Firmware.auth_timeout_restarts, auth.Engine.advance",
    ),
    _reading(
        "filter_combination",
        "how several EventFilters of one GetLogWithFilter combine",
        {"any": "a record matching any of them (OR)", "all": "a record matching all of them (AND)"},
        "inferred: contract 5.7, 'how several filters combine is undocumented'",
        "firmware.Firmware.combine_filters, eventlog.EventLog.read",
    ),
    _reading(
        "user_change_sub",
        "the sub-code of a user change the gateway made (0x2000, 0x2200, 0x2400, 0x2600)",
        {"by_server": "0x01 USER_BY_SERVER (the V1.8 table)", "none": "0 (the V1.6 table)"},
        "inferred: contract 4.3, '0 (V1.6 table) or 0x01 USER_BY_SERVER (V1.8 table)'",
        "firmware.Firmware.user_change_sub",
    ),
    _reading(
        "overwrite_event",
        "what Enroll with overwrite of an existing user logs",
        {"update": "0x2200 USER_UPDATE_SUCCESS", "enroll": "0x2000 USER_ENROLL_SUCCESS, as for a new user"},
        "inferred: the code names",
        "firmware.Firmware.overwrite_code, roster.Roster.enroll",
    ),
    _reading(
        "credential_set_event",
        "what SetCard, SetFinger and SetFace log (SetAccessGroup and SetJobCode alike)",
        {"update": "0x2200 USER_UPDATE_SUCCESS", "none": "nothing"},
        "inferred: contract 4.3, 'probably 0x2200 USER_UPDATE_SUCCESS (unverified)'",
        "firmware.Firmware.logs_credential_set, roster.Roster._replace",
    ),
    _reading(
        "mixed_user_ids",
        "User.Get or User.Delete naming known and unknown user IDs together",
        {
            "fail_whole": "NOT_FOUND naming the unknown ID; nothing is read or deleted",
            "known_only": "the known users are read or deleted; the unknown IDs are left out",
        },
        "inferred: contract 7.2, 'error vs. silently omitted' is an open question",
        "roster.Roster.get, roster.Roster.delete",
    ),
    _reading(
        "card_of_another_user",
        "a card assigned (Enroll, SetCard) that another user holds",
        {
            "refused": "ALREADY_EXISTS, and 0x2800 USER_DUPLICATE_CREDENTIAL logged",
            "shared": "taken: both users hold it, and the card presented is its first holder's",
        },
        "inferred: a card identifies one person in access control; the documentation does not say",
        "firmware.Firmware.cards_exclusive, roster.Roster.check_cards_free",
    ),
    _reading(
        "connect_events",
        "whether a terminal logs its connection to the gateway opening and closing",
        {
            "logged": "0x3B00 when it opens (Connect, a link back), 0x3C00 when it closes",
            "none": "nothing",
        },
        "inferred: contract 4.3 lists the codes for the TCP session, from their names",
        "connections.Connections._log_connection",
    ),
    _reading(
        "advanced_enrollment",
        "FingerConfig.advancedEnrollment of a factory-fresh terminal: Finger.Scan of a finger below "
        "qualityThreshold",
        {
            "on": "true: FAILED_PRECONDITION naming the quality and the threshold",
            "off": "false: the template, with its quality score",
        },
        "inferred: the error needs advancedEnrollment on (contract 5.6); its default is undocumented",
        "biometrics.FingerSettings.factory (Finger.SetConfig changes it afterwards)",
    ),
    _reading(
        "pin_hash",
        "the 32-byte PIN hash GetPINHash returns",
        {
            "sha256": "SHA-256 of the digits",
            "keyed": "HMAC-SHA-256 of the digits under the gateway's hash key (made up here: 32 bytes 0x5A)",
        },
        "inferred: only the size (32 bytes) is documented; the API also has keyed hashes",
        "firmware.Firmware.pin_hash, gateway.Gateway.pin_hash",
    ),
    _reading(
        "finger_verify_unreadable",
        "Finger.Verify given bytes that are no template (either of the two, or both)",
        {
            "not_same_finger": "INVALID_ARGUMENT: not of the same finger",
            "unreadable": "FAILED_PRECONDITION: a template the terminal cannot read",
        },
        "inferred: the documentation describes only two templates of one finger",
        "services.FingerService.Verify",
    ),
    _reading(
        "connect_port_zero",
        "Connect with port 0 (unset)",
        {
            "refused": "INVALID_ARGUMENT naming the port",
            "default_port": "0 means the terminal's default port, 51211",
        },
        "inferred: 51211 is documented as the default port, not what 0 means on the wire",
        "gateway.Gateway.connect",
    ),
    _reading(
        "version_strings",
        "the form of the version strings of GetInfo (firmware, kernel, BSCore, board)",
        {
            "plain": "dotted numbers, as '1.11.0'",
            "marked": "the numbers and ' (simulated)'; the other versions 'simulated'",
        },
        "inferred: their form is undocumented; a client may parse them",
        "models.DeviceModel.factory_info",
    ),
    _reading(
        "monitoring_after_restart",
        "whether monitoring stays on across a gateway restart",
        {
            "off": "it goes with the gateway's connection to the terminal, whose subscription it is",
            "kept": "on again once the terminal is connected again",
        },
        "inferred: the documentation says nothing of a restart; EnableMonitoring goes through the gateway",
        "gateway.Gateway.forget_connections",
    ),
    _reading(
        "link_down_listing",
        "how GetDeviceList shows a terminal whose network link is down",
        {
            "disconnected": "listed, as DISCONNECTED, until the link is back",
            "removed": "left out until the link is back",
        },
        "inferred: the status values are documented, not when a terminal leaves the list",
        "gateway.Gateway.device_list",
    ),
    _reading(
        "auth_config_timeouts",
        "SetConfig with matchTimeout or authTimeout outside auth.Enum's MIN..MAX",
        {
            "refused": "INVALID_ARGUMENT naming the field and its range",
            "unchecked": "stored as given (0 included)",
        },
        "inferred: contract 7.11, whether the gateway checks them is an open question",
        "validation.auth_config",
    ),
    _reading(
        "unsupported_feature",
        "what a terminal answers to a call of a feature its model lacks (its capability flag false)",
        {
            "unimplemented": "UNIMPLEMENTED, naming the capability flag",
            "failed_precondition": "FAILED_PRECONDITION, naming the capability flag",
        },
        "inferred: the documentation says which flag tells a client a feature is there, not the "
        "answer without it",
        "services.common.require",
    ),
    _reading(
        "multi_status",
        "the status of a Multi call that failed on some terminals",
        {
            "first_device": "the code of the first terminal that failed (its ErrorResponse.code)",
            "failed_precondition": "FAILED_PRECONDITION, whatever the terminals' codes",
        },
        "inferred: contract 5.9 and 7.3, the per-terminal errors travel in the status details; "
        "the status code is an open question",
        "services.common.multi",
    ),
    _reading(
        "slow_subscriber",
        "which event a full realtime queue drops",
        {"oldest": "the oldest queued event", "newest": "the event that does not fit"},
        "inferred: contract 5.8 says the gateway drops events, not which",
        "streams.Subscription.put",
    ),
    # -- gsdk.connect --
    _reading(
        "ssl_switch",
        "what becomes of a terminal's open connection when its SSL is switched (EnableSSL, "
        "DisableSSL, DeleteRootCA)",
        {
            "closed": "it closes (DISCONNECTED, 0x3C00): Connect again with the new useSSL; an "
            "asynchronous one is tried with its own useSSL (TLS_CANNOT_CONNECT or TCP_NOT_ALLOWED "
            "until AddAsyncConnection gives the new one); a device-to-server terminal dials again",
            "renewed": "the gateway reconnects at once over the new protocol (DISCONNECTED, then "
            "TLS_CONNECTED or TCP_CONNECTED; 0x3C00, 0x3B00): still listed, with the new useSSL",
        },
        "inferred: the documentation says to give the new useSSL to Connect or AddAsyncConnection "
        "after EnableSSL or DisableSSL, not what becomes of the open connection",
        "connections.Connections._ssl_switched",
    ),
    _reading(
        "accept_filter_addresses",
        "SetAcceptFilter with IPAddrs or subnetMasks (documented 'not yet supported')",
        {
            "ignored": "stored and read back by GetAcceptFilter; only allowAll and deviceIDs let a "
            "terminal in",
            "refused": "INVALID_ARGUMENT naming the field; the filter is left as it was",
        },
        "inferred: the documentation marks the two fields 'not yet supported', not what a gateway "
        "does with them",
        "connections.Connections.set_accept_filter",
    ),
    # -- gsdk.device --
    _reading(
        "locked_input",
        "what a terminal locked by Device.Lock does with a credential or digits presented to it",
        {
            "ignored": "nothing: no attempt starts and nothing is logged",
            "auth_failed": "0x1800 AUTH_FAILED, sub-code 0, for each input (a card's data with it); no "
            "attempt starts",
        },
        "inferred: the documentation says a locked device 'will not process any user input', not "
        "whether it logs what it refuses",
        "device.SimDevice.act",
    ),
    _reading(
        "reboot_reconnect",
        "what the gateway does with a terminal connected by Connect (autoReconnect false) once it is "
        "back from a restart (Reboot, FactoryReset, UpgradeFirmware)",
        {
            "disconnected": "nothing: it has left the device list and its calls answer NOT_FOUND until "
            "Connect",
            "reconnected": "connects it again: TCP_CONNECTED on SubscribeStatus, listed and served as before",
        },
        "inferred: a Connect-ed terminal has autoReconnect false (contract 5.2): the gateway does not "
        "connect it again by itself",
        "gateway.Gateway.restarted",
    ),
    _reading(
        "reset_config_db",
        "what ResetConfig with withDB deletes",
        {
            "users": "the database, as ClearDB: every user (0x4501 DATABASE_RESET logged)",
            "access_data": "only the access data the documentation names (access groups, access levels, "
            "schedules: none simulated); the users stay (0x4501 logged)",
        },
        "inferred: the documentation says withDB deletes 'data such as access groups, access levels, "
        "and schedules'; a terminal's database holds its users too",
        "device.SimDevice.reset_config",
    ),
    _reading(
        "hash_key_checksum",
        "the checksum GetHashKey reports of the terminal's PIN hash key",
        {
            "crc32": "the CRC-32 (zlib's) of the key's 32 bytes",
            "sum": "the sum of the key's 32 bytes",
        },
        "inferred: the field is a uint32 named checksum; how it is computed is undocumented",
        "maintenance.checksum",
    ),
    # -- gsdk.user --
    _reading(
        "update_unknown_user",
        "User.Update naming a user the terminal does not hold",
        {
            "enrolled": "enrolled, as by Enroll with overwrite (0x2000 USER_ENROLL_SUCCESS logged)",
            "not_found": "NOT_FOUND naming the user; nothing is stored",
        },
        "inferred: contract 5.5, 'KEEP_NONE (0) behaves like Enroll with overwrite'; an unknown "
        "user is not mentioned",
        "roster.Roster.update",
    ),
    # -- gsdk.card --
    _reading(
        "blacklist_redundant",
        "AddBlacklist of a card already on the blacklist, DeleteBlacklist of a card not on it",
        {
            "ignored": "OK: the card stays listed once, or nothing is deleted",
            "refused": "ALREADY_EXISTS or NOT_FOUND naming the card (cardInfos[i]); nothing changes",
        },
        "inferred: the documentation says what the calls add and delete, not what a repeat answers",
        "cards.Blacklist.add, cards.Blacklist.delete",
    ),
    _reading(
        "qr_card_data",
        "where the text's codes sit in the 32 bytes of the CSNCardData WriteQRCode makes of a QR code",
        {
            "left_aligned": "first, then zero bytes (a C string in the 32-byte block)",
            "right_aligned": "last, after zero bytes (as a CSN card's number)",
        },
        "inferred: the documentation says a QR code becomes CSNCardData (size 32), not how",
        "cards.qr_card_data",
    ),
    # -- gsdk.event --
    _reading(
        "clear_log_ids",
        "the ID of the first record after Event.ClearLog (its 0x4200 EVENT_LOG_CLEARED)",
        {
            "continue": "the counter goes on: the ID after the newest record cleared",
            "restart": "the counter starts again: ID 1",
        },
        "inferred: the documentation calls EventLog.ID a monotonically increasing counter, and "
        "says nothing of ClearLog and the counter",
        "device.SimDevice.clear_log, eventlog.EventLog.clear",
    ),
    # -- gsdk.tna --
    _reading(
        "tna_key_events",
        "which authentication events carry the T&A key (EventLog.TNAKey, GetTNALog) and the "
        "job code (GetJobCodeLog)",
        {
            "granted": "the grants only: 0x1000, 0x1200, 0x1300, 0x1500",
            "every_auth": "every outcome of an authentication, the failures and denials too "
            "(0x1100, 0x1400, 0x1800, 0x1900)",
        },
        "inferred: the G-SDK says 'all the authentication events' (FIXED), not whether a failed "
        "one is one; a T&A record is a punch, and a failure punches nobody",
        "device.SimDevice._log_outcome, tna.TimeAttendance.carriers",
    ),
    _reading(
        "tna_log_filter",
        "GetTNALog with a TNAEventFilter, which the G-SDK says is 'not yet supported'",
        {
            "ignored": "the filter is not applied: every T&A event of the range",
            "refused": "UNIMPLEMENTED naming the filter",
        },
        "inferred: an unsupported request field is most often left unread by a server",
        "services.tna.TNAService.GetTNALog, tna.check_log_filter",
    ),
    # -- gsdk.finger --
    # -- gsdk.face --
)

BY_NAME: Mapping[str, Reading] = MappingProxyType({r.name: r for r in READINGS})


def reading(name: str) -> Reading:
    found = BY_NAME.get(name)
    if found is None:
        close = difflib.get_close_matches(name, BY_NAME, n=1)
        hint = f"; did you mean {close[0]}?" if close else f"; the readings are {', '.join(BY_NAME)}"
        raise ReadingError(f"no reading named {name!r}{hint}")
    return found


class Readings(Mapping[str, str]):
    """The value of every reading: the defaults, with some chosen otherwise."""

    def __init__(self, chosen: Mapping[str, str] | None = None) -> None:
        values = {r.name: r.default for r in READINGS}
        for name, value in (chosen or {}).items():
            known = reading(name)
            if value not in known.values:
                raise ReadingError(
                    f"{name} has no value {value!r}; its values are {', '.join(known.values)} "
                    f"(default {known.default})"
                )
            values[name] = value
        self._values = MappingProxyType(values)

    def __getitem__(self, name: str) -> str:
        return self._values[reading(name).name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Readings({self.changed()!r})"

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Readings) and dict(self._values) == dict(other._values)

    def changed(self) -> dict[str, str]:
        """The readings whose value is not the default."""
        return {n: v for n, v in self._values.items() if v != BY_NAME[n].default}

    def with_value(self, name: str, value: str) -> Readings:
        return Readings({**self.changed(), name: value})

    def arguments(self) -> list[str]:
        """The biohil-sim arguments that give a simulator these readings."""
        return [f"--reading={n}={v}" for n, v in self.changed().items()]

    def to_toml(self, comment: str = "") -> str:
        lines = [f"# {line}" for line in comment.splitlines()]
        lines += ["[readings]", *(f'{n} = "{v}"' for n, v in self.changed().items())]
        return "\n".join(lines) + "\n"


DEFAULT = Readings()


def parse(assignments: Iterable[str], base: Readings = DEFAULT) -> Readings:
    """Readings from 'NAME=VALUE' strings (biohil-sim --reading), over `base`."""
    chosen = dict(base.changed())
    for text in assignments:
        name, sep, value = text.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ReadingError(f"--reading {text!r} is not NAME=VALUE (e.g. own_mode=added)")
        chosen[name.strip()] = value.strip()
    return Readings(chosen)


def chosen(assignments: Iterable[str], file: Path | None = None, otherwise: Readings = DEFAULT) -> Readings:
    """What a command line chooses: a readings file's values (else `otherwise`), each
    `--reading NAME=VALUE` over them."""
    return parse(assignments, load(file) if file else otherwise)


def load(path: Path) -> Readings:
    """A readings file: a TOML [readings] table of NAME = "VALUE" (what `make conformance` writes)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ReadingError(f"cannot read the readings file {path}: {e.strerror or e}") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ReadingError(f"the readings file {path} is not TOML: {e}") from e
    unknown = set(data) - {"readings"}
    if unknown:
        raise ReadingError(
            f"the readings file {path} has {', '.join(sorted(unknown))}; only a [readings] table"
        )
    table = data.get("readings", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ReadingError(f'the readings file {path}: [readings] holds NAME = "VALUE" lines')
    try:
        return Readings(table)
    except ReadingError as e:
        raise ReadingError(f"the readings file {path}: {e}") from e


def text_table() -> str:
    """What `biohil-sim --readings` prints."""
    out: list[str] = []
    for r in READINGS:
        out.append(f"{r.name}: {r.question}")
        for value, meaning in r.values.items():
            mark = "default" if value == r.default else "       "
            out.append(f"  {mark} {value}: {meaning}")
        out.append(f"  source: {r.source}")
        out.append(f"  where: {r.where}")
    return "\n".join(out)


def markdown_table() -> str:
    """The simulator README's table of readings (tests/test_readings.py checks it is there)."""
    rows = ["| reading | question | values (the first is the default) | source |", "|---|---|---|---|"]
    for r in READINGS:
        values = "; ".join(f"`{v}`: {m}" for v, m in r.values.items())
        rows.append(f"| `{r.name}` | {r.question} | {values} | {r.source} |")
    return "\n".join(rows)


# The simulator README's generated table lies between these lines (`make readings-table`).
TABLE_BEGIN = "<!-- readings:begin -->"
TABLE_END = "<!-- readings:end -->"


def with_table(readme: str) -> str:
    """`readme` with what lies between TABLE_BEGIN and TABLE_END replaced by markdown_table()."""
    head, begin, rest = readme.partition(TABLE_BEGIN)
    _, end, tail = rest.partition(TABLE_END)
    if not begin or not end:
        raise ReadingError(f"no {TABLE_BEGIN} ... {TABLE_END} lines to put the table of readings between")
    return f"{head}{TABLE_BEGIN}\n{markdown_table()}\n{TABLE_END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """python -m biohil.readings [--markdown | --readme README.md]"""
    parser = argparse.ArgumentParser(
        prog="python -m biohil.readings",
        description="The readings of undocumented behaviour: values and sources (biohil-sim --readings)",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--markdown", action="store_true", help="print the simulator README's table")
    what.add_argument(
        "--readme", type=Path, help=f"write the table into this file, between {TABLE_BEGIN} and {TABLE_END}"
    )
    args = parser.parse_args(argv)
    if args.readme is not None:
        try:
            args.readme.write_text(with_table(args.readme.read_text(encoding="utf-8")), encoding="utf-8")
        except (OSError, ReadingError) as e:
            print(f"python -m biohil.readings: {args.readme}: {e}", file=sys.stderr)
            return 2
        print(f"{args.readme}: the table of readings is READINGS'")
        return 0
    print(markdown_table() if args.markdown else text_table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
