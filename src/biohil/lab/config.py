"""The lab configuration (TOML): where the gateway is, which terminals to test, and the limits
the suite keeps to on someone's working equipment.

Every mistake is one line naming the key and the fix, raised as LabConfigError before any
connection is made. See lab.example.toml at the repository root.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from biohil.client.channel import read_ca
from biohil.client.errors import ConfigError
from biohil.client.testusers import IdRange
from biohil.contract import DEVICE_PORT, GATEWAY_PORT
from biohil.findface.accounts import Account, AccountError, from_environment
from biohil.lab.terminal import Terminal, test_id

ENV_VAR = "BIOHIL_LAB_CONFIG"
DEFAULT_CLOCK_SKEW = 5.0  # seconds an expiry date may be off by the two clocks
DEFAULT_OPERATOR_TIMEOUT = 60.0
DEFAULT_LOCK_WAIT = 600.0
MAX_RANGE = 10_000  # test user IDs: enough for any run, small enough to be sure nobody uses them
# A terminal whose monitoring the lab file does not declare is left with monitoring on: an
# application's live events stop if it is wrongly turned off, while left on by mistake it only
# sends events nobody asked for.
DEFAULT_MONITORING = True


class LabConfigError(ConfigError):
    """A lab configuration mistake; str() is the one line to show."""


@dataclass(frozen=True)
class FindFaceLab:
    base_url: str
    verify: bool | Path  # a CA file, or whether to check the server's certificate at all
    accounts: dict[str, Account] = field(repr=False)  # role -> account, from the environment only
    face_video: Path | None  # a video of the API user's face, for the face scenarios
    strict_observed: bool = False  # also check what real servers show but FindFace does not document
    clock_skew: float = DEFAULT_CLOCK_SKEW  # seconds between this PC's clock and the server's


@dataclass(frozen=True)
class LabConfig:
    path: Path
    gateway_host: str
    gateway_port: int
    ca_file: Path
    devices: tuple[Terminal, ...]
    id_range: IdRange
    operator_timeout: float
    lock_dir: Path
    lock_wait: float
    findface: FindFaceLab | None = None

    @property
    def gateway_address(self) -> str:
        return f"{self.gateway_host}:{self.gateway_port}"


# -- the file's shape: keys, their types and defaults (what the values mean is checked below) -----


class _Table(BaseModel):
    # strict: TOML has its own types, none is converted (a "4000" is not a port, true not a 1)
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Gateway(_Table):
    host: str
    port: int = GATEWAY_PORT
    ca_file: str


class _TestUsers(_Table):
    first_id: int
    last_id: int
    shared: bool = False


class _Operator(_Table):
    timeout: float = DEFAULT_OPERATOR_TIMEOUT


class _Locks(_Table):
    directory: str = "/tmp/biohil-locks"
    wait: float = DEFAULT_LOCK_WAIT


class _FindFace(_Table):
    base_url: str
    ca_file: str | None = None
    verify: bool = True
    face_video: str | None = None
    strict_observed: bool = False
    clock_skew: float = DEFAULT_CLOCK_SKEW


class _Device(_Table):
    ip: str
    port: int = DEVICE_PORT
    use_ssl: bool = False
    model: str | None = None
    device_id: int | None = None
    name: str | None = None
    test_users: list[Any] | None = None  # [first, last], checked with the range
    monitoring: bool | None = None  # whether its monitoring is on before a run (G-SDK cannot read it)


class _File(_Table):
    """The tables; each one's keys are checked when it is read, in the order of the checks below."""

    gateway: dict[str, Any] | None = None
    test_users: dict[str, Any] | None = None
    operator: dict[str, Any] | None = None
    locks: dict[str, Any] | None = None
    findface: dict[str, Any] | None = None
    devices: Any = None  # an array of tables, checked in _devices


_TYPE_NAMES = {
    "string_type": "a string",
    "int_type": "an integer",
    "bool_type": "true or false",
    "list_type": "a list",
    "float_type": "a number",
}


def config_path(option: str | None) -> Path:
    """--lab-config, else $BIOHIL_LAB_CONFIG; a one-line error if neither is given."""
    value = option or os.environ.get(ENV_VAR)
    if not value:
        raise LabConfigError(
            f"--target lab needs a lab configuration: pass --lab-config FILE or set {ENV_VAR}"
        )
    return Path(value)


def load(path: Path) -> LabConfig:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LabConfigError(f"{path}: the lab configuration does not exist; copy lab.example.toml") from None
    except OSError as e:
        raise LabConfigError(f"{path}: the lab configuration cannot be read ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise LabConfigError(f"{path}: the lab configuration is not valid TOML: {e}") from None
    return _parse(path, raw)


def _fail(path: Path, key: str, problem: str) -> LabConfigError:
    return LabConfigError(f"{path}: {key} {problem}")


_T = TypeVar("_T", bound=_Table)


def _check(path: Path, where: str, model: type[_T], table: Any) -> _T:
    """The table read as `model`; the first mistake (an unknown key before the others) as one line."""
    try:
        return model.model_validate(table)
    except ValidationError as e:
        error = min(e.errors(), key=lambda err: err["type"] != "extra_forbidden")
        raise _mistake(path, where, model, error) from None


def _mistake(path: Path, where: str, model: type[_Table], error: ErrorDetails) -> LabConfigError:
    kind, loc = error["type"], error["loc"]
    key = ".".join(str(part) for part in (where, *loc) if part)
    if kind in ("model_type", "dict_type"):  # the table itself, or a table of the file
        return _fail(path, key, "must be a table")
    if kind == "extra_forbidden" and not where:
        tables = ", ".join(f"[{t}]" for t in model.model_fields if t != "devices")
        return _fail(path, f"[{loc[0]}]", f"is not a known table; use {tables}, [[devices]]")
    if kind == "extra_forbidden":
        keys = ", ".join(model.model_fields)
        return _fail(path, key, f"is not a known key; the keys of [{where}] are {keys}")
    if kind == "missing":
        return _fail(path, key, "is missing")
    if kind in _TYPE_NAMES:
        return _fail(path, key, f"must be {_TYPE_NAMES[kind]}, not {error['input']!r}")
    return _fail(path, key, error["msg"])  # not expected with the shapes above


def _range(path: Path, key: str, first: Any, last: Any) -> IdRange:
    if not (isinstance(first, int) and isinstance(last, int)) or isinstance(first, bool):
        raise _fail(path, key, "must be two integers [first, last]")
    if not 0 < first <= last <= 0xFFFFFFFF:
        raise _fail(path, key, f"{first}..{last} is not a range of user IDs; give 1 <= first <= last")
    if last - first + 1 > MAX_RANGE:
        raise _fail(
            path,
            key,
            f"{first}..{last} holds {last - first + 1} IDs; give at most {MAX_RANGE} that nobody uses "
            "(for example 900001..900999)",
        )
    return IdRange(first, last)


def _port(path: Path, key: str, port: int) -> int:
    if not 0 < port < 65536:
        raise _fail(path, key, f"{port} is not a TCP port (1..65535)")
    return port


def _ca_file(path: Path, key: str, name: str) -> Path:
    ca_file = (path.parent / name).resolve()
    try:
        read_ca(ca_file)
    except ConfigError as e:
        raise _fail(path, key, f"is unusable: {e}") from None
    return ca_file


def _parse(path: Path, raw: dict[str, Any]) -> LabConfig:
    tables = _check(path, "", _File, raw)
    findface = None
    if tables.findface is not None:
        findface = _findface(path, _check(path, "findface", _FindFace, tables.findface))
        if tables.gateway is None and tables.devices is None and tables.test_users is None:
            # a FindFace-only lab
            return LabConfig(
                path, "", 0, Path(), (), IdRange(1, 1), DEFAULT_OPERATOR_TIMEOUT, Path(), 0, findface
            )
    if tables.gateway is None:
        raise _fail(path, "[gateway]", "is missing; give host and ca_file (or configure only [findface])")
    gateway = _check(path, "gateway", _Gateway, tables.gateway)
    if tables.test_users is None:
        raise _fail(
            path, "[test_users]", "is missing; give first_id and last_id of the IDs the suite may use"
        )
    users = _check(path, "test_users", _TestUsers, tables.test_users)
    operator = _check(path, "operator", _Operator, tables.operator or {})
    locks = _check(path, "locks", _Locks, tables.locks or {})
    port = _port(path, "gateway.port", gateway.port)
    ca_file = _ca_file(path, "gateway.ca_file", gateway.ca_file)
    id_range = _range(path, "test_users", users.first_id, users.last_id)
    devices = _devices(path, tables.devices, id_range, users.shared)
    if operator.timeout <= 0:
        raise _fail(path, "operator.timeout", f"must be more than 0 seconds, not {operator.timeout:g}")
    return LabConfig(
        path=path,
        gateway_host=gateway.host,
        gateway_port=port,
        ca_file=ca_file,
        devices=devices,
        id_range=id_range,
        operator_timeout=operator.timeout,
        lock_dir=(path.parent / locks.directory).resolve(),
        lock_wait=locks.wait,
        findface=findface,
    )


def _findface(path: Path, table: _FindFace) -> FindFaceLab:
    """The FindFace server; the API user's name and password come from the environment."""
    if not table.base_url.startswith(("http://", "https://")):
        raise _fail(path, "findface.base_url", f"{table.base_url!r} must start with http:// or https://")
    verify: bool | Path = table.verify
    if table.ca_file is not None:
        verify = _ca_file(path, "findface.ca_file", table.ca_file)
    video = (path.parent / table.face_video).resolve() if table.face_video is not None else None
    if video is not None and not video.is_file():
        raise _fail(
            path, "findface.face_video", f"{video} is not a file; give a video of the API user's face"
        )
    try:
        accounts = from_environment(os.environ)
    except AccountError as e:
        raise _fail(path, "[findface]", str(e)) from None
    if not 0 <= table.clock_skew <= 3600:
        raise _fail(path, "findface.clock_skew", f"must be 0..3600 seconds, not {table.clock_skew:g}")
    return FindFaceLab(
        table.base_url.rstrip("/"), verify, accounts, video, table.strict_observed, table.clock_skew
    )


def _devices(path: Path, raw: Any, default_range: IdRange, shared: bool) -> tuple[Terminal, ...]:
    if not raw:
        raise _fail(path, "[[devices]]", "lists no terminal; add at least one [[devices]] table with its ip")
    if not isinstance(raw, list):
        raise _fail(path, "devices", "must be an array of tables ([[devices]])")
    out: list[Terminal] = []
    for i, table in enumerate(raw):
        where = f"devices[{i}]"
        device = _check(path, where, _Device, table)
        port = _port(path, f"{where}.port", device.port)
        id_range = default_range
        if device.test_users is not None:
            if len(device.test_users) != 2:
                raise _fail(path, f"{where}.test_users", "must be [first, last]")
            id_range = _range(path, f"{where}.test_users", *device.test_users)
        out.append(
            Terminal(
                ip=device.ip,
                port=port,
                use_ssl=device.use_ssl,
                model=device.model,
                device_id=device.device_id,
                name=device.name or device.model or device.ip,
                known_from=f"{path.name} {where}",
                id_range=id_range,
                shared_range=shared,
                monitoring=DEFAULT_MONITORING if device.monitoring is None else device.monitoring,
                monitoring_known=(
                    f"{where}.monitoring in the lab file"
                    if device.monitoring is not None
                    else f"not declared in the lab file ({where}.monitoring): assumed on, the harmless guess"
                ),
            )
        )
    _check_distinct(path, out)
    return tuple(out)


def _check_distinct(path: Path, devices: list[Terminal]) -> None:
    """Two entries must not be one terminal, and their own test ID ranges must not overlap (one
    run's test users must never be taken for another's)."""
    for i, a in enumerate(devices):
        for j in range(i + 1, len(devices)):
            b = devices[j]
            if (a.ip, a.port) == (b.ip, b.port):
                raise _fail(
                    path,
                    f"devices[{j}]",
                    f"is the same terminal as devices[{i}] ({a.ip}:{a.port}); list it once",
                )
            if a.name == b.name:
                raise _fail(
                    path, f"devices[{j}].name", f'"{b.name}" is used twice; give each terminal its own name'
                )
            if test_id(a.name) == test_id(b.name):
                raise _fail(
                    path,
                    f"devices[{j}].name",
                    f'"{b.name}" and "{a.name}" both read {test_id(a.name)!r} in test IDs; '
                    "give names that differ in letters or digits",
                )
            if (
                a.id_range != b.id_range
                and a.id_range.first <= b.id_range.last
                and b.id_range.first <= a.id_range.last
            ):
                raise _fail(
                    path,
                    f"devices[{j}].test_users",
                    f"{b.id_range} overlaps devices[{i}].test_users {a.id_range}; "
                    "give each terminal its own range",
                )
