"""Faults and latency injected into gateway methods through the control API.

A server interceptor looks up every call's method here; with nothing injected the lookup is one
dictionary miss, so the fast path costs next to nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import grpc

from biohil.simulator.errors import invalid


@dataclass
class _Fault:
    remaining: int
    code: grpc.StatusCode
    message: str


class Faults:
    def __init__(self, methods: Iterable[str]) -> None:
        self.methods = frozenset(methods)  # full paths: /gsdk.user.User/Enroll; set once at start
        self._faults: dict[str, _Fault] = {}
        self._latency: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()  # ends injected delays at shutdown

    def resolve(self, name: str) -> str:
        """A full method path from '/gsdk.user.User/Enroll', 'gsdk.user.User/Enroll' or 'User/Enroll'."""
        wanted = name.strip().lstrip("/")
        matches = [m for m in self.methods if m[1:] == wanted or m.endswith("." + wanted)]
        if len(matches) != 1:
            raise invalid(
                f'method "{name}" is not a gateway method of the simulator; '
                f"use a path such as /gsdk.user.User/Enroll or User/Enroll"
            )
        return matches[0]

    def inject(self, name: str, count: int, code: int, message: str) -> None:
        method = self.resolve(name)
        try:
            status = next(c for c in grpc.StatusCode if c.value[0] == code)
        except StopIteration:
            raise invalid(f"status code {code} is not a gRPC status code (1..16)") from None
        if status is grpc.StatusCode.OK:
            raise invalid("a fault needs a non-OK status code (1..16)")
        if count == 0:
            raise invalid("count must be at least 1")
        with self._lock:
            self._faults[method] = _Fault(count, status, message or f"injected fault ({status.name})")

    def set_latency(self, name: str, seconds: float) -> None:
        method = self.resolve(name)
        with self._lock:
            if seconds > 0:
                self._latency[method] = seconds
            else:
                self._latency.pop(method, None)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._latency.clear()

    def stop(self) -> None:
        self._stopping.set()

    def take(self, method: str) -> tuple[float, _Fault | None]:
        """The delay for this call, and the fault it must fail with (consuming one of its count)."""
        if method not in self._faults and method not in self._latency:
            return 0.0, None
        with self._lock:
            fault = self._faults.get(method)
            if fault is not None:
                fault.remaining -= 1
                if fault.remaining == 0:
                    del self._faults[method]
            return self._latency.get(method, 0.0), fault

    def delay(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class FaultInterceptor(grpc.ServerInterceptor):  # type: ignore[misc]
    def __init__(self, faults: Faults) -> None:
        self.faults = faults

    def intercept_service(self, continuation: Callable[[Any], Any], details: Any) -> Any:
        handler = continuation(details)
        method = details.method
        if handler is None or method not in self.faults.methods:
            return handler
        faults = self.faults

        def guard(context: grpc.ServicerContext) -> None:
            latency, fault = faults.take(method)
            if latency:
                faults.delay(latency)
            if fault is not None:
                context.abort(fault.code, fault.message)

        if handler.unary_unary is not None:
            inner = handler.unary_unary

            def unary(request: Any, context: grpc.ServicerContext) -> Any:
                guard(context)
                return inner(request, context)

            return grpc.unary_unary_rpc_method_handler(
                unary, handler.request_deserializer, handler.response_serializer
            )
        if handler.unary_stream is not None:
            inner_stream = handler.unary_stream

            def stream(request: Any, context: grpc.ServicerContext) -> Any:
                guard(context)
                return inner_stream(request, context)

            return grpc.unary_stream_rpc_method_handler(
                stream, handler.request_deserializer, handler.response_serializer
            )
        return handler
