"""Test certificates for both simulators: a root CA and a server certificate for localhost /
127.0.0.1, made with trustme.

File names follow the device gateway's cert folder (ca.crt, ca_key.pem, server.crt,
server_key.pem), so a person can point a G-SDK client at ca.crt exactly as for a real gateway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import trustme
from cryptography import x509

CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY = "ca.crt", "ca_key.pem", "server.crt", "server_key.pem"
VALIDITY = dt.timedelta(days=3650)
ORGANIZATION = "biohil simulated gateway"


@dataclass(frozen=True)
class ServerCredentials:
    ca_file: Path
    cert_pem: bytes
    key_pem: bytes


def _write(path: Path, data: bytes, private: bool = False) -> None:
    path.write_bytes(data)
    if private:
        path.chmod(0o600)


def _new_ca(cert_dir: Path) -> trustme.CA:
    # path_length 0: the CA signs server certificates only, no intermediate CAs.
    ca = trustme.CA(
        path_length=0, organization_name=ORGANIZATION, organization_unit_name="biohil simulator root CA"
    )
    _write(cert_dir / CA_CERT, ca.cert_pem.bytes())
    _write(cert_dir / CA_KEY, ca.private_key_pem.bytes(), private=True)
    return ca


def _new_server_cert(cert_dir: Path, ca: trustme.CA) -> None:
    now = dt.datetime.now(dt.UTC)
    leaf = ca.issue_cert(
        "localhost",
        "127.0.0.1",
        common_name="localhost",
        organization_name=ORGANIZATION,
        organization_unit_name="biohil simulator server",  # trustme's default is a random one
        not_before=now - dt.timedelta(minutes=5),
        not_after=now + VALIDITY,
    )
    _write(cert_dir / SERVER_CERT, leaf.cert_chain_pems[0].bytes())
    _write(cert_dir / SERVER_KEY, leaf.private_key_pem.bytes(), private=True)


def ensure(cert_dir: Path) -> ServerCredentials:
    """Use the certificates in cert_dir, creating what is missing.

    Both server files present: used as they are. A CA and its key without a server certificate:
    a new server certificate is issued by that CA. Nothing usable: a new CA and server certificate.
    """
    cert_dir.mkdir(parents=True, exist_ok=True)
    have = {n for n in (CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY) if (cert_dir / n).is_file()}
    if not {CA_CERT, SERVER_CERT, SERVER_KEY} <= have:
        if {CA_CERT, CA_KEY} <= have:
            ca = trustme.CA.from_pem((cert_dir / CA_CERT).read_bytes(), (cert_dir / CA_KEY).read_bytes())
            try:
                _new_server_cert(cert_dir, ca)
            except x509.ExtensionNotFound:  # trustme issues only from a CA with a key identifier
                raise ValueError(
                    f"{cert_dir / CA_CERT} has no subject key identifier (made by an older biohil); "
                    f"delete {cert_dir} to make new certificates"
                ) from None
        else:
            _new_server_cert(cert_dir, _new_ca(cert_dir))
    return ServerCredentials(
        ca_file=(cert_dir / CA_CERT).resolve(),
        cert_pem=(cert_dir / SERVER_CERT).read_bytes(),
        key_pem=(cert_dir / SERVER_KEY).read_bytes(),
    )
