"""A bare grpcio echo server over TLS: the baseline the simulator's unary latency is compared to.

python bench/echo_server.py CERT_DIR     prints "port N", serves until stdin closes
"""

from __future__ import annotations

import sys
from concurrent import futures
from pathlib import Path

import grpc

METHOD = "/bench.Echo/Echo"


def _echo(request: bytes, context: grpc.ServicerContext) -> bytes:
    return request


def main() -> None:
    cert_dir = Path(sys.argv[1])
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=64))
    handler = grpc.method_handlers_generic_handler(
        "bench.Echo", {"Echo": grpc.unary_unary_rpc_method_handler(_echo)}
    )
    server.add_generic_rpc_handlers((handler,))
    creds = grpc.ssl_server_credentials(
        [((cert_dir / "server_key.pem").read_bytes(), (cert_dir / "server.crt").read_bytes())]
    )
    port = server.add_secure_port("127.0.0.1:0", creds)
    server.start()
    print(f"port {port}", flush=True)
    sys.stdin.read()  # the benchmark closes our stdin when it is done
    server.stop(0).wait()


if __name__ == "__main__":
    main()
