"""Opening the TLS channel to a gateway, with errors that say what to fix."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
from pathlib import Path

import grpc
from cryptography import x509

from biohil.client.errors import ConfigError
from biohil.contract import MAX_MESSAGE_BYTES  # big GetLog / Get replies exceed grpc's 4 MiB

TLS_CHECK_TIMEOUT = 3.0  # the diagnosis after a failed channel; gRPC has already waited

# OpenSSL X509_V_ERR_* codes, as in ssl.SSLCertVerificationError.verify_code
_NOT_YET_VALID, _EXPIRED, _SELF_SIGNED, _HOST_MISMATCH, _IP_MISMATCH = 9, 10, 18, 62, 64
# no path to the configured CA: issuer unknown, signature by another key of the same name, self-signed
_UNTRUSTED = {2, 7, 18, 19, 20, 21}


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
    failed = f"gateway {address} accepts TCP but the TLS handshake failed"
    reason = _tls_failure(host, port, ca, ca_file, min(ready_timeout, TLS_CHECK_TIMEOUT))
    if reason:
        raise ConfigError(f"{failed}: {reason}")
    raise ConfigError(
        f"{failed} (state {state.name if state else 'no answer'} after at most {ready_timeout:g} s), "
        f"although a check of its certificate against {ca_file} passes; check the gateway's log"
    )


def _tls_failure(host: str, port: int, ca: bytes, ca_file: Path, timeout: float) -> str | None:
    """Why a TLS handshake like gRPC's fails, as "reason; fix"; None only if it succeeds here."""
    try:  # PEM is ASCII; text around the blocks (comments) may not be
        verified = ssl.create_default_context(cadata=ca.decode("ascii", "ignore"))
    except (ssl.SSLError, ValueError) as e:  # looks like PEM (read_ca) but is damaged
        return f"{ca_file} holds no usable certificate ({e}); copy the gateway's cert/ca.crt to {ca_file}"
    # gRPC's verifier is not X.509-strict; Python 3.13+ is by default and would blame other things
    verified.verify_flags &= ~ssl.VERIFY_X509_STRICT
    try:
        alpn, _ = _handshake(host, port, verified, timeout)
    except ssl.SSLCertVerificationError as e:
        return _certificate_failure(e, _peer_certificate(host, port, timeout), host, ca_file)
    except ssl.SSLError as e:
        if "ALERT" in (e.reason or ""):  # a TLS peer that refused us (protocol version, cipher)
            return f"the gateway refused it ({e.reason}); check the gateway's TLS settings"
        not_tls = e.reason or type(e).__name__
    except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
        not_tls = "it dropped the connection"
    except TimeoutError:
        not_tls = f"no answer within {timeout:g} s"
    except OSError as e:  # refused or unreachable now: gone since the channel tried
        return f"then it stopped answering ({e.strerror or e}); check that the gateway is running"
    else:
        if alpn == "h2":
            return None
        # gRPC needs HTTP/2 negotiated by ALPN: this is some other TLS service (a web server?)
        return (
            f"what listens on port {port} speaks TLS but not HTTP/2 (no ALPN h2), so it is not a "
            "gRPC server; point at the gateway's TLS port"
        )
    return (
        f"what listens on port {port} does not speak TLS ({not_tls}); it is probably a plaintext "
        "gRPC server or another service; point at the gateway's TLS port, or enable TLS on the gateway"
    )


def _handshake(
    host: str, port: int, context: ssl.SSLContext, timeout: float
) -> tuple[str | None, bytes | None]:
    """One TLS handshake as gRPC makes it: the negotiated ALPN protocol and the peer's DER."""
    context.set_alpn_protocols(["h2"])  # a gRPC server may refuse a client that offers no h2
    with (
        socket.create_connection((host, port), timeout=timeout) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        return tls.selected_alpn_protocol(), tls.getpeercert(binary_form=True)


def _peer_certificate(host: str, port: int, timeout: float) -> x509.Certificate | None:
    """The gateway's certificate without verifying it, for the dates and names it holds."""
    unverified = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    try:
        _, der = _handshake(host, port, unverified, timeout)
        return x509.load_der_x509_certificate(der) if der else None
    except (OSError, ValueError):
        return None


def _certificate_failure(
    e: ssl.SSLCertVerificationError, cert: x509.Certificate | None, host: str, ca_file: Path
) -> str:
    code, now = e.verify_code, dt.datetime.now(dt.UTC)
    # the code may concern a CA of the chain: name the server certificate only if it is the cause
    if cert and code == _EXPIRED and cert.not_valid_after_utc <= now:
        return (
            f"the gateway's certificate expired on {_when(cert.not_valid_after_utc)}; "
            "renew the gateway's server certificate"
        )
    if cert and code == _NOT_YET_VALID and cert.not_valid_before_utc > now:
        return (
            f"the gateway's certificate is not valid before {_when(cert.not_valid_before_utc)} "
            f"(this PC says {_when(now)}); check the clocks of this PC and of the gateway"
        )
    if cert and code in (_HOST_MISMATCH, _IP_MISMATCH):
        try:
            san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
            names = [
                *san.get_values_for_type(x509.DNSName),
                *map(str, san.get_values_for_type(x509.IPAddress)),
            ]
        except x509.ExtensionNotFound:
            names = []
        if not names:
            return (
                f"the gateway's certificate names no host in its subjectAltName, so not {host}; "
                f"reissue the certificate for {host}"
            )
        return (
            f"the gateway's certificate names {', '.join(names)}, not {host}; "
            f"connect by one of those names, or reissue the certificate for {host}"
        )
    if cert and code in _UNTRUSTED:
        return (
            f'the gateway\'s certificate (subject "{cert.subject.rfc4514_string()}", issuer '
            f'"{cert.issuer.rfc4514_string()}") is {"self-signed, " if code == _SELF_SIGNED else ""}'
            f"not signed by the CA in {ca_file}; copy the gateway's cert/ca.crt to {ca_file}"
        )
    return (
        f"the gateway's certificate is refused: {e.verify_message} (X.509 error {code}); "
        f"check the gateway's certificate chain and {ca_file}"
    )


def _when(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


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
