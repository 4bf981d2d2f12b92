"""The HTTP exchanges a FindFace scenario made, for the report (biohil.findface.client records
them): method, path, status, time and both bodies, with every secret masked. The password, the
Basic value and tokens never reach the record: the Authorization header keeps only its scheme,
secret fields become '***', and what identifies other people (IP addresses, device info) is
left out."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from biohil.report.recent import Recent

MASK = "***"
SECRET_FIELDS = frozenset({"password", "token", "video_auth_token", "authorization"})
PRIVATE_FIELDS = frozenset({"ip", "device_info", "user_agent"})
SHOWN_ITEMS = 5  # items of a list kept (a session list holds other people's sessions)
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
            k: MASK if k.lower() in SECRET_FIELDS else masked(v)
            for k, v in value.items()
            if k.lower() not in PRIVATE_FIELDS
        }
    if isinstance(value, list):
        kept = [masked(v) for v in value[:SHOWN_ITEMS]]
        return [*kept, f"... {len(value) - SHOWN_ITEMS} more"] if len(value) > SHOWN_ITEMS else kept
    return value


def body_text(json_body: Any, data: dict[str, str] | None, files: dict[str, Any] | None) -> str:
    parts = []
    if json_body is not None:
        parts.append(json.dumps(masked(json_body), ensure_ascii=False))
    if data:
        parts.append(json.dumps(masked(data), ensure_ascii=False))
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
