"""The HTTP(S) server in a thread of this process, bound to one State."""

from __future__ import annotations

import ssl
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from biohil.findface.authtypes import DEFAULT_SESSION_LENGTH
from biohil.findface.simulator.handler import Handler
from biohil.findface.simulator.options import Options
from biohil.findface.simulator.records import User
from biohil.findface.simulator.sessions import State


class FindFaceSimulator:
    """The server, in a thread of this process. Use as a context manager."""

    def __init__(
        self,
        users: list[User],
        auth_type: str = "password",
        session_length: int = DEFAULT_SESSION_LENGTH,
        options: Options | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        tls_dir: Path | None = None,
    ) -> None:
        self.state = State(auth_type, users, session_length, options or Options())
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self.scheme = "http"
        self.ca_file: Path | None = None
        if tls_dir is not None:
            from biohil.common import tls

            creds = tls.ensure(tls_dir)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls_dir / tls.SERVER_CERT, tls_dir / tls.SERVER_KEY)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme, self.ca_file = "https", creds.ca_file
        self._thread = threading.Thread(target=self._server.serve_forever, name="findface-sim", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self.scheme}://{host!s}:{port}"

    def __repr__(self) -> str:
        return f"FindFaceSimulator({self.base_url})"

    def start(self) -> FindFaceSimulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FindFaceSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
