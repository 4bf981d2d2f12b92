"""The simulator's certificates: a root CA and a server certificate for localhost / 127.0.0.1.

File names follow the device gateway's cert folder (ca.crt, ca_key.pem, server.crt,
server_key.pem), so a person can point a G-SDK client at ca.crt exactly as for a real gateway.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY = "ca.crt", "ca_key.pem", "server.crt", "server_key.pem"
VALIDITY = dt.timedelta(days=3650)


@dataclass(frozen=True)
class ServerCredentials:
    ca_file: Path
    cert_pem: bytes
    key_pem: bytes


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "biohil simulated gateway"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write(path: Path, data: bytes, private: bool = False) -> None:
    path.write_bytes(data)
    if private:
        path.chmod(0o600)


def _new_ca(cert_dir: Path) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("biohil simulator root CA"))
        .issuer_name(_name("biohil simulator root CA"))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    _write(cert_dir / CA_CERT, cert.public_bytes(serialization.Encoding.PEM))
    _write(cert_dir / CA_KEY, _key_pem(key), private=True)
    return cert, key


def _new_server_cert(cert_dir: Path, ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    san = x509.SubjectAlternativeName(
        [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("localhost"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + VALIDITY)
        .add_extension(san, critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write(cert_dir / SERVER_CERT, cert.public_bytes(serialization.Encoding.PEM))
    _write(cert_dir / SERVER_KEY, _key_pem(key), private=True)


def ensure(cert_dir: Path) -> ServerCredentials:
    """Use the certificates in cert_dir, creating what is missing.

    Both server files present: used as they are. A CA and its key without a server certificate:
    a new server certificate is issued by that CA. Nothing usable: a new CA and server certificate.
    """
    cert_dir.mkdir(parents=True, exist_ok=True)
    have = {n for n in (CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY) if (cert_dir / n).is_file()}
    if not {CA_CERT, SERVER_CERT, SERVER_KEY} <= have:
        if {CA_CERT, CA_KEY} <= have:
            ca = x509.load_pem_x509_certificate((cert_dir / CA_CERT).read_bytes())
            ca_key = serialization.load_pem_private_key((cert_dir / CA_KEY).read_bytes(), password=None)
            if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
                raise ValueError(f"{cert_dir / CA_KEY}: expected an EC private key")
        else:
            ca, ca_key = _new_ca(cert_dir)
        _new_server_cert(cert_dir, ca, ca_key)
    return ServerCredentials(
        ca_file=(cert_dir / CA_CERT).resolve(),
        cert_pem=(cert_dir / SERVER_CERT).read_bytes(),
        key_pem=(cert_dir / SERVER_KEY).read_bytes(),
    )
