"""The simulator as a running gRPC server over TLS, with reflection."""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent import futures
from pathlib import Path
from types import TracebackType

import grpc
from grpc_reflection.v1alpha import reflection

from biohil.common import tls
from biohil.contract import MAX_MESSAGE_BYTES
from biohil.readings import DEFAULT, Readings
from biohil.simulator import control, services
from biohil.simulator.faults import Faults
from biohil.simulator.gateway import DEFAULT_MAX_STREAMS, Gateway
from biohil.simulator.handlers import Handlers
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec

# Threads for unary calls only (streams are coroutines and hold none). A scan holds one while it
# waits for the person, so there are enough for a scan on every terminal and calls beside them.
WORKERS = 64

log = logging.getLogger("biohil.simulator")


async def _finish_tasks() -> None:
    """Cancel what still runs on the loop and let it end (its finally blocks, done callbacks and
    async generators), so no task is destroyed while pending."""
    loop = asyncio.get_running_loop()
    tasks = [t for t in asyncio.all_tasks(loop) if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await loop.shutdown_asyncgens()


class Simulator:
    """A simulated device gateway. Use as a context manager, or call start() and stop().

    The gRPC server is grpc's asyncio server on an event loop of its own thread; start() and
    stop() are plain calls, so tests and tools use it like any object.
    """

    def __init__(
        self,
        cert_dir: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        devices: tuple[DeviceSpec, ...] = DEFAULT_DEVICES,
        max_streams: int = DEFAULT_MAX_STREAMS,
        readings: Readings = DEFAULT,
    ) -> None:
        self.cert_dir = Path(cert_dir)
        self.host = host
        self._requested_port = port
        self.gateway = Gateway(devices, max_streams, readings)
        self.faults = Faults(())
        self._server: grpc.aio.Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pool: futures.ThreadPoolExecutor | None = None
        self._creds: tls.ServerCredentials | None = None
        self._restarting: asyncio.Task[None] | None = None
        self._stopping: asyncio.Event | None = None  # set by stop(): a gateway that is away stays away
        self.port = 0
        self.ca_file = self.cert_dir / tls.CA_CERT

    def __repr__(self) -> str:
        return f"Simulator({self.address})"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self) -> Simulator:
        creds = tls.ensure(self.cert_dir)
        self.ca_file = creds.ca_file
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="sim-grpc", daemon=True)
        self._thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self._serve(creds), loop).result()
        except BaseException:
            self._end_loop()
            raise
        return self

    async def _serve(self, creds: tls.ServerCredentials) -> None:
        self._creds = creds
        self._stopping = asyncio.Event()
        self._pool = futures.ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="sim-rpc")
        await self._listen(self._requested_port)

    async def _listen(self, port: int) -> None:
        """A gRPC server with every service on `port` (0: any free one), started."""
        assert self._creds is not None and self._pool is not None
        server = grpc.aio.server(
            options=[
                ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
                ("grpc.so_reuseport", 0),
            ],
        )
        handlers = Handlers(self.faults, self._pool)
        gsdk = services.add_all(server, self.gateway, handlers)
        self.faults.methods = frozenset(f"/{s.full_name}/{m.name}" for s in gsdk for m in s.methods)
        own = control.add(server, self.gateway, handlers, self.restart_gateway)
        names = [s.full_name for s in (*gsdk, *own)]
        reflection.enable_server_reflection((*names, reflection.SERVICE_NAME), server)
        credentials = grpc.ssl_server_credentials([(self._creds.key_pem, self._creds.cert_pem)])
        try:
            self.port = server.add_secure_port(f"{self.host}:{port}", credentials)
        except RuntimeError as e:
            raise OSError(f"cannot listen on {self.host}:{port} ({e}); is the port in use?") from e
        self._server = server  # before it starts: a stop meanwhile stops it
        await server.start()

    # -- a gateway restart -----------------------------------------------------------------

    def restart_gateway(self, down_seconds: float) -> None:
        """The gateway process restarts (from any thread; returns at once): every call and open
        stream fails with UNAVAILABLE and connections are refused for `down_seconds`, then it
        serves again on the same port and certificate with every connection forgotten. The
        terminals keep their state; injected faults and the simulated clock are the world's, kept."""
        if self._loop is None:
            raise RuntimeError("the simulator is not running")
        self._loop.call_soon_threadsafe(self._begin_restart, down_seconds)

    def _begin_restart(self, down_seconds: float) -> None:
        if self._restarting is not None and not self._restarting.done():
            return  # already going away: a second request answered meanwhile changes nothing
        assert self._loop is not None
        self._restarting = self._loop.create_task(self._restart(down_seconds))

    async def _restart(self, down_seconds: float) -> None:
        if self._server is None:
            return
        await self._server.stop(None)  # cancels every call: streams and clients see UNAVAILABLE
        self._server = None
        await asyncio.get_running_loop().run_in_executor(None, self.gateway.forget_connections)
        assert self._stopping is not None
        try:  # away for down_seconds, unless the simulator stops meanwhile: then it never comes back
            await asyncio.wait_for(self._stopping.wait(), down_seconds)
            return
        except TimeoutError:
            pass
        try:
            await self._listen(self.port)
        except OSError as e:
            log.error("the gateway did not come back after its restart: %s", e)

    async def _shutdown(self, grace: float) -> None:
        """Stop serving: a restart under way stops where it is (never comes back)."""
        if self._stopping is not None:
            self._stopping.set()
        if self._restarting is not None:
            await asyncio.gather(self._restarting, return_exceptions=True)
        if self._server is not None:
            await self._server.stop(grace)
            self._server = None

    def _end_loop(self) -> None:
        if self._loop is not None and self._thread is not None:
            if self._loop.is_running():
                asyncio.run_coroutine_threadsafe(_finish_tasks(), self._loop).result(timeout=10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._loop = self._thread = self._pool = None

    def stop(self, grace: float = 1.0) -> None:
        self.faults.stop()  # ends injected delays
        self.gateway.close()  # ends open streams and scans so their worker threads return
        if self._loop is not None and self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self._shutdown(grace), self._loop).result()
        self._end_loop()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
