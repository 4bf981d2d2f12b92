"""Opening a gateway channel: fast, one-line errors for a wrong port, CA file or certificate."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from biohil.client import ConfigError, Gateway
from biohil.simulator import Simulator, tls


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
    with pytest.raises(ConfigError, match=r"TLS handshake failed.*not the CA"):
        Gateway.open(sim.address, other.ca_file)


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
