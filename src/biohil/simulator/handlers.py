"""How a servicer's methods become the asyncio server's method handlers, one rule for all.

Every method takes its request as raw bytes and decodes it itself, so a request that is not a
valid message answers INVALID_ARGUMENT naming the message type (grpcio's own decoding would
answer INTERNAL). Injected faults and delays apply to gateway methods (Faults.methods); a
SimError becomes its status; anything else is a simulator bug: INTERNAL with a one-line message,
the traceback goes to the simulator's log, never to the client, and never UNKNOWN.

Unary methods are plain functions run on a thread pool (they may wait: a scan waits for the
person) with a CallContext; when the client goes away the call's callbacks run at once, so a
scan nobody waits for any more ends. Server streams are coroutines on the event loop, so an open
stream holds no thread and any number of them never delays a unary call.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Executor
from typing import Any, NoReturn

import grpc
from google.protobuf import message_factory
from google.protobuf.descriptor import MethodDescriptor, ServiceDescriptor
from google.protobuf.message import DecodeError, Message

from biohil.simulator.errors import SimError
from biohil.simulator.faults import Faults

log = logging.getLogger("biohil.simulator")

# A streaming method is a coroutine that writes its responses itself (context.write, as bytes).
StreamMethod = Callable[[Any, grpc.aio.ServicerContext], Coroutine[Any, Any, None]]


class CallContext:
    """What a unary method running on a thread sees of its call: the grpc.ServicerContext calls
    the servicers use."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[], object]] = []
        self._lock = threading.Lock()
        self.ended = False
        self.answered: list[Callable[[], object]] = []  # run on the event loop once the answer is out
        self.status_details = b""

    def after_answer(self, callback: Callable[[], object]) -> None:
        """Run `callback` on the server's event loop once this call has been answered (a call that
        fails runs none): what must not cut its own answer short, a gateway restart."""
        self.answered.append(callback)

    def add_callback(self, callback: Callable[[], object]) -> bool:
        """Run `callback` when the call ends: answered, failed, or its client gone. A call whose
        client has gone already runs it at once (a scan begun after that must not wait)."""
        with self._lock:
            if not self.ended:
                self._callbacks.append(callback)
                return True
        callback()
        return True

    def abort(self, code: grpc.StatusCode, details: str) -> NoReturn:
        raise SimError(code, details, self.status_details)

    def set_trailing_metadata(self, metadata: tuple[tuple[str, bytes], ...]) -> None:
        """Only a failing call's google.rpc.Status details are kept (a Multi call's per-terminal errors)."""
        self.status_details = dict(metadata).get("grpc-status-details-bin", b"")

    def end(self) -> None:
        """The call is over: its callbacks run once, each on its own (a failing one is logged)."""
        with self._lock:
            self.ended = True
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception:
                log.exception("a call's end callback failed")


def _bug(path: str, error: Exception) -> tuple[grpc.StatusCode, str]:
    log.error("%s failed", path, exc_info=error)
    return (
        grpc.StatusCode.INTERNAL,
        f"{path}: the simulator failed on this request ({type(error).__name__}); its log has the details",
    )


def _decoder(path: str, method: MethodDescriptor) -> Callable[[bytes], Message]:
    cls = message_factory.GetMessageClass(method.input_type)

    def decode(raw: bytes) -> Message:
        try:
            return cls.FromString(raw)
        except DecodeError:
            raise SimError(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"{path}: the request is not a valid {method.input_type.full_name} message",
            ) from None

    return decode


class Handlers:
    """Builds method handlers that share the injected faults and the thread pool."""

    def __init__(self, faults: Faults, pool: Executor) -> None:
        self.faults = faults
        self.pool = pool

    def add(self, server: grpc.aio.Server, servicer: object, service: ServiceDescriptor) -> None:
        """Serve every method of `service` from `servicer`'s method of the same name."""
        handlers = {}
        for method in service.methods:
            path = f"/{service.full_name}/{method.name}"
            behaviour = getattr(servicer, method.name)
            if method.server_streaming:
                if not inspect.iscoroutinefunction(behaviour):
                    raise TypeError(f"{path} streams: {type(servicer).__name__}.{method.name} must be async")
                handlers[method.name] = self._stream(path, method, behaviour)
            else:
                handlers[method.name] = self._unary(path, method, behaviour)
        generic = grpc.method_handlers_generic_handler(service.full_name, handlers)
        server.add_generic_rpc_handlers((generic,))

    def _unary(self, path: str, method: MethodDescriptor, behaviour: Callable[..., Any]) -> Any:
        decode = _decoder(path, method)
        serialize = message_factory.GetMessageClass(method.output_type).SerializeToString
        faults, pool = self.faults, self.pool

        def run(raw: bytes, call: CallContext) -> Any:
            try:
                request = decode(raw)
                latency, fault = faults.take(path)  # nothing injected: one dictionary miss
                if latency:
                    faults.delay(latency)
                if fault is not None:
                    raise SimError(fault.code, fault.message)
                if call.ended:  # its client left during the delay
                    raise SimError(grpc.StatusCode.CANCELLED, f"{path}: the client has gone")
                return behaviour(request, call)
            finally:
                call.end()  # on this thread: a callback may wait for a terminal's lock

        async def handle(raw: bytes, context: grpc.aio.ServicerContext) -> Any:
            call = CallContext()
            loop = asyncio.get_running_loop()
            try:
                response = await loop.run_in_executor(pool, run, raw, call)
                for callback in call.answered:
                    context.add_done_callback(lambda _, callback=callback: callback())
                return response
            except SimError as e:
                await context.abort(e.code, e.message, e.trailers)
            except asyncio.CancelledError:
                # The client has gone: what waits for it (a scan) ends now, off the event loop.
                loop.run_in_executor(None, call.end)
                raise
            except grpc.aio.BaseError:
                raise
            except Exception as e:  # the last resort: a status, never a traceback
                await context.abort(*_bug(path, e))

        return grpc.unary_unary_rpc_method_handler(handle, response_serializer=serialize)

    def _stream(self, path: str, method: MethodDescriptor, behaviour: StreamMethod) -> Any:
        decode = _decoder(path, method)
        faults, pool = self.faults, self.pool

        async def handle(raw: bytes, context: grpc.aio.ServicerContext) -> None:
            try:
                request = decode(raw)
                latency, fault = faults.take(path)
                if latency:  # on the call pool: the delay ends early when the simulator stops
                    await asyncio.get_running_loop().run_in_executor(pool, faults.delay, latency)
                if fault is not None:
                    raise SimError(fault.code, fault.message)
                await behaviour(request, context)
            except SimError as e:
                await context.abort(e.code, e.message)
            except grpc.aio.BaseError:  # an abort, or the call ending under us
                raise
            except Exception as e:  # as above
                await context.abort(*_bug(path, e))

        return grpc.unary_stream_rpc_method_handler(handle)  # responses are written as bytes
