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
from typing import Any

from biohil.client.channel import read_ca
from biohil.client.errors import ConfigError
from biohil.client.testusers import IdRange
from biohil.findface.accounts import Account, AccountError, from_environment
from biohil.lab.terminal import Terminal, test_id

ENV_VAR = "BIOHIL_LAB_CONFIG"
DEFAULT_CLOCK_SKEW = 5.0  # seconds an expiry date may be off by the two clocks
DEFAULT_OPERATOR_TIMEOUT = 60.0
DEFAULT_LOCK_WAIT = 600.0
MAX_RANGE = 10_000  # test user IDs: enough for any run, small enough to be sure nobody uses them


class LabConfigError(ConfigError):
    """A lab configuration mistake; str() is the one line to show."""


@dataclass(frozen=True, repr=False)  # the terminal's short repr: reports record it
class LabDevice(Terminal):
    """A [[devices]] table: the terminal to test (model and device ID, when given, are checked at
    preflight) and its tags."""

    tags: tuple[str, ...] = ()


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
    devices: tuple[LabDevice, ...]
    id_range: IdRange
    operator_timeout: float
    lock_dir: Path
    lock_wait: float
    findface: FindFaceLab | None = None

    @property
    def gateway_address(self) -> str:
        return f"{self.gateway_host}:{self.gateway_port}"


# table -> key -> (type, required)
_SCHEMA: dict[str, dict[str, tuple[type | tuple[type, ...], bool]]] = {
    "gateway": {"host": (str, True), "port": (int, False), "ca_file": (str, True)},
    "test_users": {"first_id": (int, True), "last_id": (int, True), "shared": (bool, False)},
    "operator": {"timeout": ((int, float), False)},
    "locks": {"directory": (str, False), "wait": ((int, float), False)},
    "findface": {
        "base_url": (str, True),
        "ca_file": (str, False),
        "verify": (bool, False),
        "face_video": (str, False),
        "strict_observed": (bool, False),
        "clock_skew": ((int, float), False),
    },
}
_DEVICE_SCHEMA: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "ip": (str, True),
    "port": (int, False),
    "use_ssl": (bool, False),
    "model": (str, False),
    "device_id": (int, False),
    "name": (str, False),
    "tags": (list, False),
    "test_users": (list, False),
}
_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    bool: "true or false",
    list: "a list",
    (int, float): "a number",
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


def _check_table(path: Path, where: str, table: Any, schema: dict[str, tuple[Any, bool]]) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise _fail(path, where, "must be a table")
    for key in table:
        if key not in schema:
            raise _fail(
                path, f"{where}.{key}", f"is not a known key; the keys of [{where}] are {', '.join(schema)}"
            )
    for key, (kind, required) in schema.items():
        if key not in table:
            if required:
                raise _fail(path, f"{where}.{key}", "is missing")
            continue
        value = table[key]
        if not isinstance(value, kind) or (kind in (int, (int, float)) and isinstance(value, bool)):
            raise _fail(path, f"{where}.{key}", f"must be {_TYPE_NAMES[kind]}, not {value!r}")
    return table


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


def _parse(path: Path, raw: dict[str, Any]) -> LabConfig:
    for table in raw:
        if table not in (*_SCHEMA, "devices"):
            raise _fail(
                path,
                f"[{table}]",
                f"is not a known table; use {', '.join(('[' + t + ']') for t in _SCHEMA)}, [[devices]]",
            )
    findface = None
    if "findface" in raw:
        findface = _findface(path, _check_table(path, "findface", raw["findface"], _SCHEMA["findface"]))
        if not {"gateway", "devices", "test_users"} & raw.keys():  # a FindFace-only lab
            return LabConfig(
                path, "", 0, Path(), (), IdRange(1, 1), DEFAULT_OPERATOR_TIMEOUT, Path(), 0, findface
            )
    tables = {
        name: _check_table(path, name, raw.get(name, {}), schema)
        for name, schema in _SCHEMA.items()
        if name != "findface"
    }
    gateway, users = tables["gateway"], tables["test_users"]
    if "gateway" not in raw:
        raise _fail(path, "[gateway]", "is missing; give host and ca_file (or configure only [findface])")
    port = gateway.get("port", 4000)
    if not 0 < port < 65536:
        raise _fail(path, "gateway.port", f"{port} is not a TCP port (1..65535)")
    ca_file = (path.parent / gateway["ca_file"]).resolve()
    try:
        read_ca(ca_file)
    except ConfigError as e:
        raise _fail(path, "gateway.ca_file", f"is unusable: {e}") from None
    if "test_users" not in raw:
        raise _fail(
            path, "[test_users]", "is missing; give first_id and last_id of the IDs the suite may use"
        )
    id_range = _range(path, "test_users", users["first_id"], users["last_id"])
    devices = _devices(path, raw.get("devices"), id_range, users.get("shared", False))
    timeout = float(tables["operator"].get("timeout", DEFAULT_OPERATOR_TIMEOUT))
    if timeout <= 0:
        raise _fail(path, "operator.timeout", f"must be more than 0 seconds, not {timeout:g}")
    locks = tables["locks"]
    lock_dir = (path.parent / locks.get("directory", "/tmp/biohil-locks")).resolve()
    return LabConfig(
        path=path,
        gateway_host=gateway["host"],
        gateway_port=port,
        ca_file=ca_file,
        devices=devices,
        id_range=id_range,
        operator_timeout=timeout,
        lock_dir=lock_dir,
        lock_wait=float(locks.get("wait", DEFAULT_LOCK_WAIT)),
        findface=findface,
    )


def _findface(path: Path, table: dict[str, Any]) -> FindFaceLab:
    """The FindFace server; the API user's name and password come from the environment."""
    base_url = table["base_url"]
    if not base_url.startswith(("http://", "https://")):
        raise _fail(path, "findface.base_url", f"{base_url!r} must start with http:// or https://")
    verify: bool | Path = table.get("verify", True)
    if "ca_file" in table:
        ca_file = (path.parent / table["ca_file"]).resolve()
        try:
            read_ca(ca_file)
        except ConfigError as e:
            raise _fail(path, "findface.ca_file", f"is unusable: {e}") from None
        verify = ca_file
    video = (path.parent / table["face_video"]).resolve() if "face_video" in table else None
    if video is not None and not video.is_file():
        raise _fail(
            path, "findface.face_video", f"{video} is not a file; give a video of the API user's face"
        )
    try:
        accounts = from_environment(os.environ)
    except AccountError as e:
        raise _fail(path, "[findface]", str(e)) from None
    skew = float(table.get("clock_skew", DEFAULT_CLOCK_SKEW))
    if not 0 <= skew <= 3600:
        raise _fail(path, "findface.clock_skew", f"must be 0..3600 seconds, not {skew:g}")
    return FindFaceLab(
        base_url.rstrip("/"), verify, accounts, video, table.get("strict_observed", False), skew
    )


def _devices(path: Path, raw: Any, default_range: IdRange, shared: bool) -> tuple[LabDevice, ...]:
    if not raw:
        raise _fail(path, "[[devices]]", "lists no terminal; add at least one [[devices]] table with its ip")
    if not isinstance(raw, list):
        raise _fail(path, "devices", "must be an array of tables ([[devices]])")
    out: list[LabDevice] = []
    for i, table in enumerate(raw):
        where = f"devices[{i}]"
        _check_table(path, where, table, _DEVICE_SCHEMA)
        port = table.get("port", 51211)
        if not 0 < port < 65536:
            raise _fail(path, f"{where}.port", f"{port} is not a TCP port (1..65535)")
        tags = table.get("tags", [])
        if not all(isinstance(t, str) for t in tags):
            raise _fail(path, f"{where}.tags", "must be a list of strings")
        id_range = default_range
        if "test_users" in table:
            pair = table["test_users"]
            if len(pair) != 2:
                raise _fail(path, f"{where}.test_users", "must be [first, last]")
            id_range = _range(path, f"{where}.test_users", *pair)
        model = table.get("model")
        out.append(
            LabDevice(
                ip=table["ip"],
                port=port,
                use_ssl=table.get("use_ssl", False),
                model=model,
                device_id=table.get("device_id"),
                name=table.get("name") or model or table["ip"],
                tags=tuple(tags),
                id_range=id_range,
                shared_range=shared,
            )
        )
    _check_distinct(path, out)
    return tuple(out)


def _check_distinct(path: Path, devices: list[LabDevice]) -> None:
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
