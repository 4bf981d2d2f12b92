"""Opening a gateway channel: fast, one-line errors for a wrong port, CA file or certificate."""

from __future__ import annotations

import datetime as dt
import re
import socket
import ssl
import threading
from collections.abc import Iterator
from concurrent import futures
from contextlib import contextmanager
from pathlib import Path

import grpc
import pytest
import trustme

from biohil.client import ConfigError, Gateway
from biohil.client.channel import open_channel
from biohil.common import tls
from biohil.simulator import Simulator

NOW = dt.datetime.now(dt.UTC)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_good_ca_connects(sim: Simulator) -> None:
    gw = Gateway.open(sim.address, sim.ca_file)
    try:
        assert isinstance(gw.device_list(), list)
    finally:
        gw.close()


def test_nothing_listening(sim: Simulator) -> None:
    with pytest.raises(ConfigError, match=r"not reachable.*check the host and port"):
        Gateway.open(f"127.0.0.1:{_free_port()}", sim.ca_file)


def test_wrong_ca_is_named(sim: Simulator, tmp_path: Path) -> None:
    other = tls.ensure(tmp_path / "other")  # a CA that did not sign the simulator's certificate
    with pytest.raises(ConfigError, match=r"TLS handshake failed.*not signed by the CA in") as e:
        Gateway.open(sim.address, other.ca_file)
    assert f"copy the gateway's cert/ca.crt to {other.ca_file}" in str(e.value)


@pytest.mark.parametrize(
    ("content", "match"),
    [(None, "does not exist"), (b"hello", "not a PEM certificate")],
)
def test_bad_ca_file(sim: Simulator, tmp_path: Path, content: bytes | None, match: str) -> None:
    ca = tmp_path / "ca.crt"
    if content is not None:
        ca.write_bytes(content)
    with pytest.raises(ConfigError, match=match):
        Gateway.open(sim.address, ca)


def test_damaged_pem_ca_file_is_named(sim: Simulator, tmp_path: Path) -> None:
    ca = tmp_path / "ca.crt"
    ca.write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")  # passes read_ca
    with pytest.raises(ConfigError, match="TLS handshake failed") as e:
        Gateway.open(sim.address, ca)
    assert str(e.value).endswith(f"; copy the gateway's cert/ca.crt to {ca}")
    assert f": {ca} holds no usable certificate (" in str(e.value)


@pytest.mark.parametrize("address", ["localhost", "localhost:99999", ":4000", "host:port"])
def test_bad_address(sim: Simulator, address: str) -> None:
    with pytest.raises(ConfigError, match="is not HOST:PORT"):
        Gateway.open(address, sim.ca_file)


def test_certificates_are_reused_or_completed(tmp_path: Path) -> None:
    first = tls.ensure(tmp_path)
    again = tls.ensure(tmp_path)
    assert again.cert_pem == first.cert_pem  # existing server certificate used as it is
    (tmp_path / tls.SERVER_CERT).unlink()
    renewed = tls.ensure(tmp_path)  # same CA issues a new server certificate
    assert renewed.cert_pem != first.cert_pem
    assert renewed.ca_file.read_bytes() == first.ca_file.read_bytes()
    with Simulator(tmp_path) as s:
        Gateway.open(s.address, first.ca_file).close()
        localhost = Gateway.open(f"localhost:{s.port}", first.ca_file)  # SAN holds localhost too
        localhost.close()


@contextmanager
def _gateway_serving(
    tmp_path: Path, cert: trustme.LeafCert | trustme.CA, trusted: trustme.CA
) -> Iterator[tuple[str, Path]]:
    """A simulator serving cert (a CA: its self-signed certificate), and a client CA file of trusted."""
    if isinstance(cert, trustme.CA):
        chain, key = cert.cert_pem.bytes(), cert.private_key_pem.bytes()
    else:
        chain, key = b"".join(pem.bytes() for pem in cert.cert_chain_pems), cert.private_key_pem.bytes()
    server_dir = tmp_path / "server"
    server_dir.mkdir()
    (server_dir / tls.SERVER_CERT).write_bytes(chain)
    (server_dir / tls.SERVER_KEY).write_bytes(key)
    (server_dir / tls.CA_CERT).write_bytes(trusted.cert_pem.bytes())  # all three present: used as is
    client_ca = tmp_path / "client-ca.crt"
    client_ca.write_bytes(trusted.cert_pem.bytes())
    with Simulator(server_dir, port=0) as s:
        yield s.address, client_ca


def _tls_failure(address: str, ca_file: Path, ready_timeout: float = 5.0) -> str:
    """The one-line ConfigError open_channel gives, after its common start."""
    with pytest.raises(ConfigError) as e:
        open_channel(address, ca_file, ready_timeout)
    message = str(e.value)
    start = f"gateway {address} accepts TCP but the TLS handshake failed: "
    assert "\n" not in message and message.startswith(start), message
    return message.removeprefix(start)


def _minute(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M UTC")


def test_expired_certificate_says_when_and_to_renew(tmp_path: Path) -> None:
    ca = trustme.CA()
    expired = NOW - dt.timedelta(days=2)
    cert = ca.issue_cert("localhost", "127.0.0.1", not_before=NOW - dt.timedelta(days=30), not_after=expired)
    with _gateway_serving(tmp_path, cert, ca) as (address, ca_file):
        assert _tls_failure(address, ca_file) == (
            f"the gateway's certificate expired on {_minute(expired)}; renew the gateway's server certificate"
        )


def test_not_yet_valid_certificate_says_from_when_and_to_check_clocks(tmp_path: Path) -> None:
    ca = trustme.CA()
    valid_from = NOW + dt.timedelta(days=3)
    cert = ca.issue_cert(
        "localhost", "127.0.0.1", not_before=valid_from, not_after=NOW + dt.timedelta(days=30)
    )
    with _gateway_serving(tmp_path, cert, ca) as (address, ca_file):
        reason = _tls_failure(address, ca_file)
    assert reason.startswith(
        f"the gateway's certificate is not valid before {_minute(valid_from)} (this PC says "
    )
    assert reason.endswith("; check the clocks of this PC and of the gateway")


def test_certificate_for_another_host_names_the_hosts_it_is_for(tmp_path: Path) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("gateway.example", "10.0.0.5")
    with _gateway_serving(tmp_path, cert, ca) as (address, ca_file):
        assert _tls_failure(address, ca_file) == (
            "the gateway's certificate names gateway.example, 10.0.0.5, not 127.0.0.1; "
            "connect by one of those names, or reissue the certificate for 127.0.0.1"
        )


def test_certificate_of_another_ca_names_its_issuer_and_the_ca_file(tmp_path: Path) -> None:
    signer, trusted = trustme.CA(organization_name="gateway CA"), trustme.CA(organization_name="other CA")
    with _gateway_serving(tmp_path, signer.issue_cert("localhost", "127.0.0.1"), trusted) as (
        address,
        ca_file,
    ):
        reason = _tls_failure(address, ca_file)
    assert re.search(r'issuer "[^"]*O=gateway CA"\)', reason), reason
    assert reason.endswith(
        f"not signed by the CA in {ca_file}; copy the gateway's cert/ca.crt to {ca_file}"
    ), reason


def test_self_signed_certificate_is_named_as_such(tmp_path: Path) -> None:
    self_signed, trusted = trustme.CA(organization_name="lonely gateway"), trustme.CA()
    with _gateway_serving(tmp_path, self_signed, trusted) as (address, ca_file):
        reason = _tls_failure(address, ca_file)
    assert re.search(r'subject "[^"]*O=lonely gateway", issuer "[^"]*O=lonely gateway"\)', reason), reason
    assert reason.endswith(
        f"is self-signed, not signed by the CA in {ca_file}; copy the gateway's cert/ca.crt to {ca_file}"
    ), reason


def test_plaintext_grpc_server_is_told_apart_from_a_certificate_problem(sim: Simulator) -> None:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=1))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        reason = _tls_failure(f"127.0.0.1:{port}", sim.ca_file)
    finally:
        server.stop(0).wait()
    assert reason.startswith(f"what listens on port {port} does not speak TLS (")
    assert reason.endswith(
        "it is probably a plaintext gRPC server or another service; "
        "point at the gateway's TLS port, or enable TLS on the gateway"
    )


def test_silent_peer_does_not_speak_tls(sim: Simulator) -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts TCP (backlog), never answers
        port = silent.getsockname()[1]
        reason = _tls_failure(f"127.0.0.1:{port}", sim.ca_file, ready_timeout=0.5)
    assert reason.startswith(f"what listens on port {port} does not speak TLS (no answer within 0.5 s);")


def test_tls_server_without_http2_is_not_a_grpc_server(tmp_path: Path) -> None:
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)  # and no ALPN, like a web server
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)  # closing a socket does not wake accept(): look at `done` instead
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.settimeout(5)
            try:
                with context.wrap_socket(conn, server_side=True):
                    pass
            except OSError:
                conn.close()  # the client gave up on the handshake

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    client_ca = tmp_path / "ca.crt"
    client_ca.write_bytes(ca.cert_pem.bytes())
    try:
        reason = _tls_failure(f"127.0.0.1:{port}", client_ca)
    finally:
        done.set()
        thread.join(5)
        listener.close()
    assert reason == (
        f"what listens on port {port} speaks TLS but not HTTP/2 (no ALPN h2), so it is not a gRPC "
        "server; point at the gateway's TLS port"
    )
