"""biohil-sim: run the simulated G-SDK gateway as a standalone process.

    biohil-sim [--host 127.0.0.1] [--port 4000] [--cert-dir DIR] [--terminals 2]
               [--max-streams 4096] [--readings-file FILE] [--reading NAME=VALUE ...]
    biohil-sim --readings          # the readings of undocumented behaviour, their values and sources

Prints the gateway address, the CA file to give a G-SDK client, and the simulated terminals'
addresses for Connect; runs until Ctrl-C or SIGTERM. Without --cert-dir its certificates live in
default_cert_dir(), the same folder from any working folder (biohil-simctl looks there too).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from biohil import readings
from biohil.common.signals import stop_on_signal
from biohil.contract import GATEWAY_PORT
from biohil.simulator.gateway import DEFAULT_MAX_STREAMS
from biohil.simulator.models import FLEET_MODELS, MAX_TERMINALS, fleet, terminal_table
from biohil.simulator.server import Simulator

DEFAULT_PORT = GATEWAY_PORT
CHECKOUT = Path(__file__).resolve().parents[3]  # src/biohil/simulator/cli.py -> the project's root


def default_cert_dir() -> Path:
    """Where the simulator keeps its certificates unless --cert-dir says otherwise: an absolute
    folder, whatever the working folder. Run from a source checkout (`make sim`, an editable
    install) it is the checkout's sim-certs/; from an installed package, biohil/sim-certs in the
    user's cache folder ($XDG_CACHE_HOME, else ~/.cache)."""
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "src" / "biohil").is_dir():
        return CHECKOUT / "sim-certs"
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "biohil" / "sim-certs"


_MODEL_LIST = ", ".join(model.name for model, _ in FLEET_MODELS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="biohil-sim", description="Simulated G-SDK device gateway (TLS)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="TCP port, 0 = any free port (default 4000)"
    )
    parser.add_argument(
        "--cert-dir",
        type=Path,
        default=default_cert_dir(),
        help=f"where ca.crt and the server certificate are read from or created "
        f"(default {default_cert_dir()})",
    )
    parser.add_argument(
        "--terminals",
        type=int,
        default=2,
        help=f"how many terminals (1..{MAX_TERMINALS}), cycling through the models {_MODEL_LIST}; "
        "the default 2 are a BioStation 2 and a FaceStation F2",
    )
    parser.add_argument(
        "--max-streams",
        type=int,
        default=DEFAULT_MAX_STREAMS,
        help=f"open streams served at once, realtime and status together; one more is refused "
        f"with RESOURCE_EXHAUSTED (default {DEFAULT_MAX_STREAMS:,})",
    )
    parser.add_argument(
        "--reading",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="answer as a terminal reading the documentation this way where it is silent "
        "(repeatable; --readings lists them)",
    )
    parser.add_argument(
        "--readings-file",
        type=Path,
        help="a lab's readings (a TOML [readings] table, as make conformance writes); --reading overrides",
    )
    parser.add_argument(
        "--readings", action="store_true", help="print every reading, its values and its source, and exit"
    )
    args = parser.parse_args(argv)
    if args.readings:
        print(readings.text_table())
        return 0
    if not 0 <= args.port < 65536:
        parser.error(f"--port {args.port} is not a TCP port (0..65535)")
    if not 1 <= args.terminals <= MAX_TERMINALS:
        parser.error(f"--terminals {args.terminals} is out of range; use 1..{MAX_TERMINALS}")
    if args.max_streams < 1:
        parser.error(f"--max-streams {args.max_streams} is out of range; use 1 or more")
    try:
        chosen = readings.chosen(args.reading, args.readings_file)
    except readings.ReadingError as e:  # one line: the message names the reading, the value or the file
        print(f"biohil-sim: {e}", file=sys.stderr)
        return 2

    sim = Simulator(
        args.cert_dir,
        host=args.host,
        port=args.port,
        devices=fleet(args.terminals),
        max_streams=args.max_streams,
        readings=chosen,
    )
    try:
        sim.start()
    except (OSError, ValueError) as e:
        print(f"biohil-sim: {e}", file=sys.stderr)
        return 2

    stop = stop_on_signal()
    print(f"G-SDK gateway simulator listening on {sim.address} (TLS)")
    print(f"CA certificate: {sim.ca_file}")
    print("Terminals (Connect with IPAddr and port, useSSL false):")
    for line in terminal_table(d.spec for d in sim.gateway.devices.values()):
        print(f"  {line}")
    changed = chosen.changed()
    print("Readings: " + (", ".join(f"{n}={v}" for n, v in changed.items()) if changed else "the defaults"))
    print("Press Ctrl-C to stop.", flush=True)
    stop.wait()
    sim.stop()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
