"""Opening the TLS channel to a gateway, with errors that say what to fix."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import grpc

from biohil.client.errors import ConfigError

MAX_MESSAGE_BYTES = 72 * 1024 * 1024  # big GetLog / Get replies exceed grpc's 4 MiB default


def read_ca(ca_file: Path) -> bytes:
    try:
        data = Path(ca_file).read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"gateway CA file {ca_file} does not exist; copy the gateway's cert/ca.crt there"
        ) from None
    except OSError as e:
        raise ConfigError(
            f"gateway CA file {ca_file} cannot be read ({e.strerror}); check its permissions"
        ) from None
    if b"-----BEGIN CERTIFICATE-----" not in data:
        raise ConfigError(
            f"gateway CA file {ca_file} is not a PEM certificate; use the gateway's cert/ca.crt"
        )
    return data


def _split(address: str) -> tuple[str, int]:
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f'gateway address "{address}" is not HOST:PORT (for example localhost:4000)')
    return host.strip("[]"), int(port)


def open_channel(address: str, ca_file: Path, ready_timeout: float = 5.0) -> grpc.Channel:
    """A TLS channel that is ready to use, or ConfigError naming what failed: address, port or CA."""
    host, port = _split(address)
    ca = read_ca(ca_file)
    try:
        with socket.create_connection((host, port), timeout=ready_timeout):
            pass
    except OSError as e:
        raise ConfigError(
            f"gateway {address} is not reachable ({e.strerror or e}); check the host and port, "
            "and that the gateway is running"
        ) from None
    channel = grpc.secure_channel(
        address,
        grpc.ssl_channel_credentials(root_certificates=ca),
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ],
    )
    state = _first_settled_state(channel, ready_timeout)
    if state is grpc.ChannelConnectivity.READY:
        return channel
    channel.close()
    raise ConfigError(
        f"gateway {address} accepts TCP but the TLS handshake failed; {ca_file} is probably not "
        "the CA that signed the gateway's certificate, or the certificate does not name "
        f"{host} (state {state.name if state else 'no answer'} after at most {ready_timeout:g} s)"
    )


def _first_settled_state(channel: grpc.Channel, timeout: float) -> grpc.ChannelConnectivity | None:
    """READY, TRANSIENT_FAILURE or SHUTDOWN, whichever comes first; None if none within timeout."""
    settled = threading.Event()
    seen: list[grpc.ChannelConnectivity] = []
    final = {
        grpc.ChannelConnectivity.READY,
        grpc.ChannelConnectivity.TRANSIENT_FAILURE,
        grpc.ChannelConnectivity.SHUTDOWN,
    }

    def watch(state: grpc.ChannelConnectivity) -> None:
        if state in final:
            seen.append(state)
            settled.set()

    channel.subscribe(watch, try_to_connect=True)
    try:
        settled.wait(timeout)
    finally:
        channel.unsubscribe(watch)
    return seen[0] if seen else None
