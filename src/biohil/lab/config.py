"""The lab configuration (TOML): where the gateway is, which terminals to test, and the limits
the suite keeps to on someone's working equipment.

The models below are the file's schema and the loaded configuration at once: one line per key,
its type, default and meaning check. Every mistake is one line naming the key and the fix, raised
as LabConfigError before any connection is made. See lab.example.toml at the repository root.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Self, cast, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    Strict,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticKnownError

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


class _Mistake(ValueError):
    """What a meaning check found wrong; `key` names it when the check spans more than its own key
    ("[findface]", "devices[1]")."""

    def __init__(self, problem: str, key: str = "") -> None:
        super().__init__(problem)
        self.key = key


# -- the meaning of a value, once per kind (a ValueError is the problem, said after the key) -------


def _port(port: int) -> int:
    if not 0 < port < 65536:
        raise ValueError(f"{port} is not a TCP port (1..65535)")
    return port


def _in_lab_folder(name: Path, info: ValidationInfo) -> Path:
    """A path the file gives, relative to the file's folder (the context is the file's path)."""
    return (cast(Path, info.context).parent / name).resolve()


def _usable_ca(ca_file: Path) -> Path:
    try:
        read_ca(ca_file)
    except ConfigError as e:
        raise ValueError(f"is unusable: {e}") from None
    return ca_file


def _a_video(video: Path) -> Path:
    if not video.is_file():
        raise ValueError(f"{video} is not a file; give a video of the API user's face")
    return video


def _http_url(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"{url!r} must start with http:// or https://")
    return url.rstrip("/")


def _more_than_zero(seconds: float) -> float:
    if seconds <= 0:
        raise ValueError(f"must be more than 0 seconds, not {seconds:g}")
    return seconds


def _within_an_hour(seconds: float) -> float:
    if not 0 <= seconds <= 3600:
        raise ValueError(f"must be 0..3600 seconds, not {seconds:g}")
    return seconds


def _id_range(first: int, last: int) -> IdRange:
    if not 0 < first <= last <= 0xFFFFFFFF:
        raise ValueError(f"{first}..{last} is not a range of user IDs; give 1 <= first <= last")
    if last - first + 1 > MAX_RANGE:
        raise ValueError(
            f"{first}..{last} holds {last - first + 1} IDs; give at most {MAX_RANGE} that nobody uses "
            "(for example 900001..900999)"
        )
    return IdRange(first, last)


def _first_last(value: Any) -> IdRange:
    """A terminal's own range, written [first, last]."""
    if not isinstance(value, list):
        raise PydanticKnownError("list_type")
    if len(value) != 2:
        raise ValueError("must be [first, last]")
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        raise ValueError("must be two integers [first, last]")
    return _id_range(*value)


def _array_of_tables(value: Any) -> Any:
    if not isinstance(value, list):
        raise ValueError("must be an array of tables ([[devices]])")
    return tuple(value)


Port = Annotated[int, AfterValidator(_port)]
# a string in the file (strict mode takes no str for a Path; a path is all a string is here)
InLabFolder = Annotated[Path, Strict(False), AfterValidator(_in_lab_folder)]
CaFile = Annotated[InLabFolder, AfterValidator(_usable_ca)]


# -- the file: its tables and keys, each with its type, default and meaning ----------------------


class _Table(BaseModel):
    # strict: TOML has its own types, none is converted (a "4000" is not a port, true not a 1);
    # validate_default: a default is checked (and a path resolved) as a value given
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, validate_default=True)


class GatewayTable(_Table):
    host: str
    port: Port = GATEWAY_PORT
    ca_file: CaFile

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


class TestUsersTable(_Table):
    first_id: int
    last_id: int
    shared: bool = False

    @property
    def id_range(self) -> IdRange:
        return IdRange(self.first_id, self.last_id)

    @model_validator(mode="after")
    def _a_range(self) -> Self:
        _id_range(self.first_id, self.last_id)
        return self


class OperatorTable(_Table):
    timeout: Annotated[float, AfterValidator(_more_than_zero)] = DEFAULT_OPERATOR_TIMEOUT


class LocksTable(_Table):
    directory: InLabFolder = Path("/tmp/biohil-locks")
    wait: float = DEFAULT_LOCK_WAIT


class FindFaceLab(_Table):
    """The FindFace server; the API user's name and password come from the environment."""

    base_url: Annotated[str, AfterValidator(_http_url)]
    ca_file: CaFile | None = None
    # verify = false: do not check the server's certificate (`verify` below is what the client takes)
    check_certificate: bool = Field(True, alias="verify")
    face_video: Annotated[InLabFolder, AfterValidator(_a_video)] | None = None  # the API user's face
    strict_observed: bool = False  # also check what real servers show but FindFace does not document
    clock_skew: Annotated[float, AfterValidator(_within_an_hour)] = DEFAULT_CLOCK_SKEW
    _accounts: dict[str, Account] = PrivateAttr()  # role -> account; private: never in a repr

    @model_validator(mode="after")
    def _accounts_from_environment(self) -> Self:
        try:
            self._accounts = from_environment(os.environ)
        except AccountError as e:
            raise _Mistake(str(e), "[findface]") from None
        return self

    @property
    def accounts(self) -> dict[str, Account]:
        return self._accounts

    @property
    def verify(self) -> bool | Path:
        """A CA file, or whether to check the server's certificate at all."""
        return self.ca_file if self.ca_file is not None else self.check_certificate


class DeviceTable(_Table):
    """A [[devices]] table: what the lab file says of a terminal under test. The terminal itself
    is a Terminal (biohil.lab.terminal), as on the simulator, which builds it from its model table."""

    ip: str
    port: Port = DEVICE_PORT
    use_ssl: bool = False
    model: str | None = None
    device_id: int | None = None
    name: str | None = None  # the model, else the ip, when not given
    test_users: Annotated[IdRange, PlainValidator(_first_last)] | None = None  # else [test_users]'s
    monitoring: bool | None = None  # whether its monitoring is on before a run (G-SDK cannot read it)

    def terminal(self, where: str, file: Path, users: TestUsersTable) -> Terminal:
        return Terminal(
            ip=self.ip,
            port=self.port,
            use_ssl=self.use_ssl,
            model=self.model,
            device_id=self.device_id,
            name=self.name or self.model or self.ip,
            known_from=f"{file.name} {where}",
            id_range=self.test_users if self.test_users is not None else users.id_range,
            shared_range=users.shared,
            monitoring=DEFAULT_MONITORING if self.monitoring is None else self.monitoring,
            monitoring_known=(
                f"{where}.monitoring in the lab file"
                if self.monitoring is not None
                else f"not declared in the lab file ({where}.monitoring): assumed on, the harmless guess"
            ),
        )


def _absent() -> Any:
    """An absent table, read as an empty one: its defaults, checked (and resolved) like given values."""
    return {}


class LabConfig(_Table):
    """The lab file, read with its path as the validation context (load). A lab may have only
    [findface]; otherwise it needs [gateway], [test_users] and at least one [[devices]] table."""

    gateway: GatewayTable | None = None
    test_users: TestUsersTable | None = None
    operator: OperatorTable = Field(default_factory=_absent)
    locks: LocksTable = Field(default_factory=_absent)
    findface: FindFaceLab | None = None
    device_tables: Annotated[tuple[DeviceTable, ...], BeforeValidator(_array_of_tables)] = Field(
        (), alias="devices", validate_default=False
    )
    _path: Path = PrivateAttr()
    _devices: tuple[Terminal, ...] = PrivateAttr(())

    def model_post_init(self, context: Any) -> None:
        self._path = context

    @model_validator(mode="after")
    def _terminals(self) -> Self:
        if self.findface is not None and self.model_fields_set.isdisjoint(
            {"gateway", "test_users", "device_tables"}
        ):
            return self  # a FindFace-only lab
        if self.gateway is None:
            raise _Mistake("is missing; give host and ca_file (or configure only [findface])", "[gateway]")
        if self.test_users is None:
            raise _Mistake(
                "is missing; give first_id and last_id of the IDs the suite may use", "[test_users]"
            )
        if not self.device_tables:
            raise _Mistake("lists no terminal; add at least one [[devices]] table with its ip", "[[devices]]")
        users = self.test_users
        self._devices = tuple(
            table.terminal(f"devices[{i}]", self._path, users) for i, table in enumerate(self.device_tables)
        )
        _check_distinct(self._devices)
        return self

    @property
    def path(self) -> Path:
        return self._path

    @property
    def devices(self) -> tuple[Terminal, ...]:
        """The terminals under test, one per [[devices]] table."""
        return self._devices

    # The gateway's address and CA file are read only when there are terminals, which a
    # FindFace-only lab has none of.

    @property
    def gateway_address(self) -> str:
        return self._gateway.address

    @property
    def ca_file(self) -> Path:
        return self._gateway.ca_file

    @property
    def _gateway(self) -> GatewayTable:
        assert self.gateway is not None, "a FindFace-only lab has no gateway"
        return self.gateway


def _check_distinct(devices: tuple[Terminal, ...]) -> None:
    """Two entries must not be one terminal, and their own test ID ranges must not overlap (one
    run's test users must never be taken for another's)."""
    for i, a in enumerate(devices):
        for j in range(i + 1, len(devices)):
            b = devices[j]
            if (a.ip, a.port) == (b.ip, b.port):
                raise _Mistake(
                    f"is the same terminal as devices[{i}] ({a.ip}:{a.port}); list it once", f"devices[{j}]"
                )
            if a.name == b.name:
                raise _Mistake(
                    f'"{b.name}" is used twice; give each terminal its own name', f"devices[{j}].name"
                )
            if test_id(a.name) == test_id(b.name):
                raise _Mistake(
                    f'"{b.name}" and "{a.name}" both read {test_id(a.name)!r} in test IDs; '
                    "give names that differ in letters or digits",
                    f"devices[{j}].name",
                )
            if (
                a.id_range != b.id_range
                and a.id_range.first <= b.id_range.last
                and b.id_range.first <= a.id_range.last
            ):
                raise _Mistake(
                    f"{b.id_range} overlaps devices[{i}].test_users {a.id_range}; "
                    "give each terminal its own range",
                    f"devices[{j}].test_users",
                )


# -- reading the file ---------------------------------------------------------------------------


_TYPE_NAMES = {
    "string_type": "a string",
    "path_type": "a string",
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
    try:
        return LabConfig.model_validate(raw, context=path)
    except ValidationError as e:
        # the first mistake; an unknown key first: a misspelt key is why another one is missing
        error = min(e.errors(), key=lambda err: err["type"] != "extra_forbidden")
        raise _mistake(path, error) from None


def _fail(path: Path, key: str, problem: str) -> LabConfigError:
    return LabConfigError(f"{path}: {key} {problem}")


def _key(loc: tuple[int | str, ...]) -> str:
    """("devices", 0, "ip") -> "devices[0].ip"."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def _keys_of(table: str) -> str:
    """The keys a table of the file has ("devices": a [[devices]] table's), as the file writes them."""
    field = next(f for name, f in LabConfig.model_fields.items() if (f.alias or name) == table)
    model = next(
        t
        for t in (field.annotation, *get_args(field.annotation))
        if isinstance(t, type) and issubclass(t, _Table)
    )
    return ", ".join(f.alias or name for name, f in model.model_fields.items())


def _mistake(path: Path, error: ErrorDetails) -> LabConfigError:
    kind, loc = error["type"], error["loc"]
    key = _key(loc)
    if kind == "value_error":  # a meaning check's
        cause = error["ctx"]["error"]
        return _fail(path, getattr(cause, "key", "") or key, str(cause))
    if kind == "model_type":  # a table of the file, or a [[devices]] entry, that is not a table
        return _fail(path, key, "must be a table")
    if kind == "extra_forbidden" and len(loc) == 1:
        tables = ", ".join(
            f"[{f.alias or t}]" for t, f in LabConfig.model_fields.items() if f.alias != "devices"
        )
        return _fail(path, f"[{key}]", f"is not a known table; use {tables}, [[devices]]")
    if kind == "extra_forbidden":
        return _fail(
            path, key, f"is not a known key; the keys of [{_key(loc[:-1])}] are {_keys_of(str(loc[0]))}"
        )
    if kind == "missing":
        return _fail(path, key, "is missing")
    if kind in _TYPE_NAMES:
        return _fail(path, key, f"must be {_TYPE_NAMES[kind]}, not {error['input']!r}")
    return _fail(path, key, error["msg"])  # not expected with the models above
