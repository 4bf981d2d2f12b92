"""The simulator as a running gRPC server over TLS, with reflection."""

from __future__ import annotations

from concurrent import futures
from pathlib import Path
from types import TracebackType

import grpc
from grpc_reflection.v1alpha import reflection

from biohil.simulator import control, services, tls
from biohil.simulator.faults import FaultInterceptor, Faults
from biohil.simulator.gateway import Gateway
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec

MAX_MESSAGE_BYTES = 72 * 1024 * 1024  # the gateway's rpc_server.max_recv_size default
# Each open server stream holds a worker thread; leave room for many subscribers and calls.
WORKERS = 64


class Simulator:
    """A simulated device gateway. Use as a context manager, or call start() and stop()."""

    def __init__(
        self,
        cert_dir: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        devices: tuple[DeviceSpec, ...] = DEFAULT_DEVICES,
    ) -> None:
        self.cert_dir = Path(cert_dir)
        self.host = host
        self._requested_port = port
        self.gateway = Gateway(devices)
        self.faults = Faults(())
        self._server: grpc.Server | None = None
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
        server = grpc.server(
            futures.ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="sim-rpc"),
            interceptors=[FaultInterceptor(self.faults)],
            options=[
                ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
                ("grpc.so_reuseport", 0),
            ],
        )
        gsdk = services.add_all(server, self.gateway)
        self.faults.methods = frozenset(f"/{s.full_name}/{m.name}" for s in gsdk for m in s.methods)
        own = control.add(server, self.gateway, self.faults)
        names = [s.full_name for s in (*gsdk, *own)]
        reflection.enable_server_reflection((*names, reflection.SERVICE_NAME), server)
        credentials = grpc.ssl_server_credentials([(creds.key_pem, creds.cert_pem)])
        try:
            self.port = server.add_secure_port(f"{self.host}:{self._requested_port}", credentials)
        except RuntimeError as e:
            raise OSError(
                f"cannot listen on {self.host}:{self._requested_port} ({e}); is the port in use?"
            ) from e
        server.start()
        self._server = server
        return self

    def stop(self, grace: float = 1.0) -> None:
        self.faults.stop()  # ends injected delays
        self.gateway.close()  # ends open streams and scans so their worker threads return
        if self._server is not None:
            self._server.stop(grace).wait()
            self._server = None

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
