"""The HTTP exchanges a FindFace scenario made, for the report (biohil.findface.client records
them): method, path, status, time and both bodies, with every secret masked. The password, the
Basic value and tokens never reach the record: the Authorization header keeps only its scheme,
secret fields become '***', what identifies people or devices (IP addresses, device info, real
names) is left out, and a list of sessions or records keeps only its length."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from biohil.common.recent import Recent

MASK = "***"
SECRET_FIELDS = frozenset({"password", "token", "video_auth_token", "authorization"})
# what identifies a person or a device (the API user's sessions may sit beside other people's)
PRIVATE_FIELDS = frozenset({"ip", "device_info", "user_agent", "real_name", "comment", "face_cover"})
LIST_FIELDS = frozenset({"results"})  # session lists, blocklists: only how many
SHOWN_ITEMS = 5  # items of any other list kept
KEPT = 500


@dataclass(frozen=True)
class Exchange:
    started: float  # time.time()
    method: str
    path: str
    authorization: str  # "Basic ***", "Token ***" or ""
    request: str
    status: int | None  # None: no answer (network, TLS, timeout)
    response: str
    seconds: float

    def render(self) -> str:
        when = dt.datetime.fromtimestamp(self.started, dt.UTC).strftime("%H:%M:%S.%f")[:-3]
        auth = f"\nAuthorization: {self.authorization}" if self.authorization else ""
        answer = self.status if self.status is not None else "no answer"
        return (
            f"{when} {self.method} {self.path}{auth}\n{self.request or '(no body)'}\n"
            f"-> {answer} in {self.seconds * 1000:.0f} ms\n{self.response or '(no body)'}\n"
        )


def scheme_only(authorization: str | None) -> str:
    if not authorization:
        return ""
    return f"{authorization.split(' ', 1)[0]} {MASK}"


def masked(value: Any) -> Any:
    """A JSON value with secret fields masked, private ones dropped, long lists cut."""
    if isinstance(value, dict):
        return {
            k: MASK if k.lower() in SECRET_FIELDS else _counted(v) if k.lower() in LIST_FIELDS else masked(v)
            for k, v in value.items()
            if k.lower() not in PRIVATE_FIELDS
        }
    if isinstance(value, list):
        kept = [masked(v) for v in value[:SHOWN_ITEMS]]
        return [*kept, f"... {len(value) - SHOWN_ITEMS} more"] if len(value) > SHOWN_ITEMS else kept
    return value


def _counted(value: Any) -> Any:
    return f"{len(value)} items (not kept)" if isinstance(value, list) else masked(value)


def body_text(json_body: Any, data: dict[str, str] | None, files: dict[str, Any] | None) -> str:
    parts = []
    if json_body is not None:
        parts.append(json.dumps(masked(json_body), ensure_ascii=False, default=str))
    if data:
        parts.append(json.dumps(masked(data), ensure_ascii=False, default=str))
    for name, file in (files or {}).items():
        content = file[1] if isinstance(file, tuple) and len(file) > 1 else file
        size = len(content) if isinstance(content, bytes | str) else "?"
        parts.append(f"file {name}: {size} bytes")
    return "\n".join(parts)


class Exchanges(Recent[Exchange]):
    def __init__(self, kept: int = KEPT) -> None:
        super().__init__(kept)
        self.server = ""  # the base URL of the client that records here

    def __repr__(self) -> str:
        return f"Exchanges({len(self)})"


def render(exchanges: list[Exchange]) -> str:
    return "\n".join(e.render() for e in exchanges)
