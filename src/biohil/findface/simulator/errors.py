"""The API's error answers: an exception that carries the status and the body
{traceback, code, desc, param}, raised anywhere in a request and sent by the handler."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    def __init__(self, status: int, code: str, desc: str, param: str | None = None) -> None:
        super().__init__(desc)
        self.status, self.code, self.desc, self.param = status, code, desc, param

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"traceback": "", "code": self.code, "desc": self.desc}
        if self.param is not None:
            out["param"] = self.param
        return out


def unauthorized(desc: str) -> ApiError:
    return ApiError(401, "UNAUTHORIZED", desc)


def bad_param(param: str, desc: str) -> ApiError:
    return ApiError(400, "BAD_PARAM", desc, param)
