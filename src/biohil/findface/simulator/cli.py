"""biohil-ffsim: run the simulated FindFace server until SIGINT / SIGTERM."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from biohil.common.signals import stop_on_signal
from biohil.findface.authtypes import AUTH_TYPES, DEFAULT_SESSION_LENGTH
from biohil.findface.simulator.records import User
from biohil.findface.simulator.server import FindFaceSimulator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="biohil-ffsim", description="Simulated FindFace Multi API authentication"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="TCP port, 0 = any free port (default)")
    parser.add_argument("--auth-type", choices=AUTH_TYPES, default="password")
    parser.add_argument("--user", default="admin", help="the API user's name (default admin)")
    parser.add_argument(
        "--password-env",
        default="BIOHIL_FINDFACE_PASSWORD",
        help="environment variable holding the API user's password (never on the command line)",
    )
    parser.add_argument("--session-length", type=int, default=DEFAULT_SESSION_LENGTH, help="seconds")
    parser.add_argument(
        "--https", metavar="CERT_DIR", type=Path, help="serve HTTPS with certificates from/into CERT_DIR"
    )
    args = parser.parse_args(argv)
    password = os.environ.get(args.password_env)
    if not password:
        parser.error(f"set the API user's password in ${args.password_env}")
    sim = FindFaceSimulator(
        [User(1, args.user, password, "API user", is_admin=True)],
        args.auth_type,
        args.session_length,
        host=args.host,
        port=args.port,
        tls_dir=args.https,
    ).start()
    stop = stop_on_signal()
    print(
        f"FindFace simulator on {sim.base_url} ({args.auth_type} authentication), user {args.user}",
        flush=True,
    )
    if sim.ca_file:
        print(f"CA certificate: {sim.ca_file}", flush=True)
    stop.wait()
    sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
