"""Bare grpcio servers over TLS: the baselines the simulator is compared to.

python bench/echo_server.py CERT_DIR [sync|aio]     prints "port N", serves until stdin closes

/bench.Echo/Echo answers a unary call with its request; /bench.Echo/Stream answers a request of
8 bytes (big-endian count, then the size of each message) with that many messages, as fast as
grpcio sends them: the ceiling of a Python gRPC server stream on this machine. "sync" is grpcio's
thread-pool server, "aio" its asyncio server (the kind the simulator runs).
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path

import grpc

SERVICE = "bench.Echo"


def _echo(request: bytes, context: object) -> bytes:
    return request


def _stream(request: bytes, context: object) -> Iterator[bytes]:
    count, size = int.from_bytes(request[:4], "big"), int.from_bytes(request[4:8], "big")
    payload = b"x" * size
    for _ in range(count):
        yield payload


async def _echo_async(request: bytes, context: object) -> bytes:
    return request


async def _stream_async(request: bytes, context: grpc.aio.ServicerContext) -> None:
    count, size = int.from_bytes(request[:4], "big"), int.from_bytes(request[4:8], "big")
    payload = b"x" * size
    for _ in range(count):
        await context.write(payload)


def _handler(unary: object, stream: object) -> grpc.GenericRpcHandler:
    return grpc.method_handlers_generic_handler(
        SERVICE,
        {
            "Echo": grpc.unary_unary_rpc_method_handler(unary),
            "Stream": grpc.unary_stream_rpc_method_handler(stream),
        },
    )


def _credentials(cert_dir: Path) -> grpc.ServerCredentials:
    return grpc.ssl_server_credentials(
        [((cert_dir / "server_key.pem").read_bytes(), (cert_dir / "server.crt").read_bytes())]
    )


def _serve_sync(cert_dir: Path) -> None:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=64))
    server.add_generic_rpc_handlers((_handler(_echo, _stream),))
    port = server.add_secure_port("127.0.0.1:0", _credentials(cert_dir))
    server.start()
    print(f"port {port}", flush=True)
    sys.stdin.read()  # the benchmark closes our stdin when it is done
    server.stop(0).wait()


async def _serve_aio(cert_dir: Path) -> None:
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((_handler(_echo_async, _stream_async),))
    port = server.add_secure_port("127.0.0.1:0", _credentials(cert_dir))
    await server.start()
    print(f"port {port}", flush=True)
    closed = asyncio.Event()
    loop = asyncio.get_running_loop()
    threading.Thread(
        target=lambda: (sys.stdin.read(), loop.call_soon_threadsafe(closed.set)), daemon=True
    ).start()
    await closed.wait()
    await server.stop(0)


def main() -> None:
    cert_dir = Path(sys.argv[1])
    kind = sys.argv[2] if len(sys.argv) > 2 else "sync"
    if kind == "aio":
        asyncio.run(_serve_aio(cert_dir))
    else:
        _serve_sync(cert_dir)


if __name__ == "__main__":
    main()
