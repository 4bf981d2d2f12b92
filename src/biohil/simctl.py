"""biohil-simctl: act on a running simulator from the command line.

    biohil-simctl card 541530001 --label "test card"    the card you call "test card" (new the first time)
    biohil-simctl card 541530001 --label "test card" --scan   the same card, for a waiting Card.Scan
    biohil-simctl fingerprint 541530001 --label "duress finger"   (or: finger) a finger by its label
    biohil-simctl face 541530001 --label "other face"   another person's face
    biohil-simctl card 541530001 --user 900001      present the card enrolled for user 900001
    biohil-simctl card 541530001 --unknown          present a card nobody has (a new one each time)
    biohil-simctl finger 546830001 --user 900001    place that user's finger
    biohil-simctl pin 541530001 1234                type a PIN
    biohil-simctl id 541530001 900001               type a user ID
    biohil-simctl labels                            the labelled cards, fingers and faces, per terminal
    biohil-simctl watch                             print live events of every connected terminal
    biohil-simctl link 546830001 down               the terminal loses its network link
    biohil-simctl fault User/Enroll --count 2 --code UNAVAILABLE
    biohil-simctl fault '*' --probability 0.2 --seed 7   a fifth of all gateway calls fail, until cleared
    biohil-simctl latency '*' 500                   every gateway call takes 500 ms longer
    biohil-simctl clear                             remove every fault and latency
    biohil-simctl advance 20                        move the simulated clock 20 s forward
    biohil-simctl restart-gateway --down 5          the gateway restarts: away 5 s, then no terminal connected
    biohil-simctl terminals                         the simulated terminals and where to Connect

A person playing the lab run's prompts names each credential as the prompt does: `present the
card "test card" of user 900003` is `card DEVICE --label "test card"` (add --scan when the prompt
says "to capture it for enrolment"), `a card nobody has enrolled` is `card DEVICE --unknown`,
`type the PIN 1234` is `pin DEVICE 1234`, `unplug the network cable` is `link DEVICE down`. A
label is a physical credential the person holds: the first use of a label on a terminal takes a
card, finger or face nobody has, and every later use presents that same one, whoever it is
enrolled for by then (or nobody). The labels are kept in simctl-labels.json next to the CA file,
so they last from one command, shell and run to the next (delete it, or `labels --forget`, to
start with new ones).

The gateway address defaults to 127.0.0.1:4000 (or BIOHIL_SIM_ADDRESS); the CA file to --ca,
else BIOHIL_SIM_CA, else ca.crt in the simulator's default cert folder
(biohil.simulator.cli.default_cert_dir(): absolute, the same from any working folder).

A command-line tool over the client and the control API (biohil.simcontrol), so it lives apart
from the server package it drives. Each subcommand names the function that runs it
(set_defaults(func=...)).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import grpc

from biohil.client import ConfigError, Gateway, GsdkError
from biohil.client.errors import from_rpc_error
from biohil.common.locks import file_lock
from biohil.contract import DEVICE_PORT, GATEWAY_PORT
from biohil.eventcodes import describe
from biohil.gsdk import event_pb2
from biohil.simcontrol import control_pb2, control_pb2_grpc
from biohil.simulator.cli import default_cert_dir
from biohil.simulator.credentials import new_card, new_identity
from biohil.simulator.models import MODELS, DeviceSpec, terminal_table

INPUTS = {
    "card": control_pb2.CARD,
    "finger": control_pb2.FINGER,
    "face": control_pb2.FACE,
    "pin": control_pb2.PIN,
    "id": control_pb2.USER_ID,
}
PRESENTED = ("card", "finger", "face")  # the subcommands that present a credential ("fingerprint": finger)
LABELS_FILE = "simctl-labels.json"
CA_ENV = "BIOHIL_SIM_CA"


def format_event(e: event_pb2.EventLog) -> str:
    when = dt.datetime.fromtimestamp(e.timestamp, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    user = f" user {e.userID}" if e.userID else ""
    card = f" card {e.cardData.lstrip(bytes(1)).hex()}" if e.cardData else ""
    return f"#{e.ID} {when} device {e.deviceID} {describe(e.eventCode, e.subCode)}{user}{card}"


def list_terminals(channel: grpc.Channel) -> tuple[DeviceSpec, ...]:
    """The terminals of a running simulator, connected or not (ListTerminals); GsdkError if the
    peer is not a biohil simulator or does not answer."""
    stub: Any = control_pb2_grpc.ControlStub(channel)
    try:
        listed = stub.ListTerminals(control_pb2.ListTerminalsRequest(), timeout=10).terminals
    except grpc.RpcError as e:
        raise from_rpc_error("Control.ListTerminals", e) from None
    return tuple(DeviceSpec(MODELS[t.model], t.deviceID, t.IPAddr, t.port, t.name) for t in listed)


def _unsigned(bits: int) -> Callable[[str], int]:
    """An argparse type for a uintN proto field: refused here in one line, not by protobuf."""

    def parse(text: str) -> int:
        if not text.isdigit() or int(text) >= 1 << bits:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number 0..{(1 << bits) - 1}")
        return int(text)

    return parse


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="biohil-simctl",
        description="Act on a running biohil simulator (a person at a terminal, faults, the clock).",
    )
    p.add_argument("--gateway", default=os.environ.get("BIOHIL_SIM_ADDRESS", f"127.0.0.1:{GATEWAY_PORT}"))
    p.add_argument(
        "--ca",
        type=Path,
        help=f"the simulator's CA file (default: ${CA_ENV}, else ca.crt in {default_cert_dir()})",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name in PRESENTED:
        aliases = ["fingerprint"] if name == "finger" else []
        c = sub.add_parser(name, aliases=aliases, help=f"present a {name} on a terminal")
        c.set_defaults(func=_act_command, kind=name)
        c.add_argument("device", type=int, help="device ID")
        who = c.add_mutually_exclusive_group(required=True)
        who.add_argument(
            "--label",
            help=f'the {name} you call this ("test {name}", "spare card", "duress finger", "other face"): '
            f"one nobody has the first time on this terminal, the same one every later time",
        )
        who.add_argument("--user", help="the credential enrolled for this user ID")
        who.add_argument("--unknown", action="store_true", help="a credential nobody has enrolled")
        who.add_argument("--token", help="a credential by its token (hex, as printed by an earlier action)")
        c.add_argument("--index", type=int, default=0, help="which of the user's credentials (default 0)")
        c.add_argument(
            "--scan", action="store_true", help="only for a waiting Scan (enrolment), wait up to 30 s"
        )
        if name == "finger":
            c.add_argument("--quality", type=int, default=0, help="scan quality 1..100 (default 80)")
            c.add_argument("--duress", action="store_true", help="the user's duress finger")
    for name in ("pin", "id"):
        c = sub.add_parser(name, help=f"type a {'PIN' if name == 'pin' else 'user ID'} on a terminal")
        c.set_defaults(func=_act_command)
        c.add_argument("device", type=int)
        c.add_argument("digits")

    c = sub.add_parser("labels", help="the labelled credentials this simulator's CA folder remembers")
    c.set_defaults(func=_labels, offline=True)
    c.add_argument("--forget", action="store_true", help="forget them all: each label takes a new one")

    c = sub.add_parser("watch", help="print live events until Ctrl-C (enables monitoring)")
    c.set_defaults(func=_watch)
    c.add_argument("--device", type=int, action="append", default=[], help="only this device (repeatable)")
    c.add_argument(
        "--code", type=lambda v: int(v, 0), action="append", default=[], help="only this event code"
    )
    c.add_argument("--count", type=int, default=0, help="stop after this many events")

    c = sub.add_parser("connect", help="connect the gateway to a terminal (gsdk Connect)")
    c.set_defaults(func=_connect)
    c.add_argument("address", help=f"IP[:PORT], port {DEVICE_PORT} by default")

    c = sub.add_parser("link", help="take a terminal's network link down or bring it back")
    c.set_defaults(func=_link)
    c.add_argument("device", type=int)
    c.add_argument("state", choices=("up", "down"))

    c = sub.add_parser("fault", help="make calls of a gateway method fail")
    c.set_defaults(func=_fault_command)
    c.add_argument("method", help='e.g. User/Enroll or /gsdk.user.User/Enroll; "*" = every gateway method')
    c.add_argument(
        "--count",
        type=_unsigned(32),
        help="how many calls fail (default 1; with --probability: no limit, until cleared)",
    )
    c.add_argument("--code", default="UNAVAILABLE", help="gRPC status name or number (default UNAVAILABLE)")
    c.add_argument("--message", default="")
    c.add_argument(
        "--probability", type=float, default=0.0, help="each call fails with this probability (0..1]"
    )
    c.add_argument(
        "--seed", type=_unsigned(64), default=0, help="the same seed fails the same calls (default 0)"
    )

    c = sub.add_parser("latency", help='delay every call of a gateway method ("*" = every one; 0 removes it)')
    c.set_defaults(func=_latency)
    c.add_argument("method")
    c.add_argument("milliseconds", type=_unsigned(32))

    c = sub.add_parser("clear-faults", aliases=["clear"], help="remove every fault and latency")
    c.set_defaults(func=_clear)
    c = sub.add_parser("advance", help="move the simulated clock forward")
    c.set_defaults(func=_advance)
    c.add_argument("seconds", type=float)
    c = sub.add_parser("stats", help="open streams and dropped events")
    c.set_defaults(func=_stats)
    c = sub.add_parser("terminals", help="the simulated terminals (connected or not) and their addresses")
    c.set_defaults(func=_terminals)
    restart = (
        "the gateway process restarts: every call and stream fails (UNAVAILABLE) for --down "
        "seconds, then it serves again with no terminal connected or monitored until Connect; "
        "the terminals keep their users, auth config and log"
    )
    c = sub.add_parser("restart-gateway", help=restart, description=restart)
    c.set_defaults(func=_restart_gateway)
    c.add_argument(
        "--down",
        type=float,
        required=True,
        metavar="SECONDS",
        help="how long it is away (more than 0, at most 60)",
    )
    return p


class Refused(Exception):
    """A request this command will not send; the message says why and what to do."""


def find_ca(given: Path | None, environ: Mapping[str, str] = os.environ, default: Path | None = None) -> Path:
    """The simulator's CA file: --ca, else $BIOHIL_SIM_CA, else ca.crt in the simulator's default
    cert folder; absolute, whatever the working folder. Refused, naming the path looked at and
    how to give one, if that file is not there."""
    if given is not None:
        path, why = given, "given with --ca"
    elif environ.get(CA_ENV):
        path, why = Path(environ[CA_ENV]), f"from {CA_ENV}"
    else:
        path = default if default is not None else default_cert_dir() / "ca.crt"
        why = f"the simulator's default cert folder; {CA_ENV} is not set"
    path = Path(os.path.abspath(path.expanduser()))
    if path.is_file():
        return path
    raise Refused(
        f"no CA file of the simulator at {path} ({why}). Start the simulator (biohil-sim, or make "
        f"sim), which writes its ca.crt to its cert folder ({default_cert_dir()} unless --cert-dir "
        f"says otherwise) and prints where; or point at the ca.crt it printed with --ca FILE or "
        f"{CA_ENV}=FILE"
    )


class Labels:
    """The credentials a person at the simulator calls by a name ("test card" on terminal
    541530001), each as its token, in simctl-labels.json next to the CA file: every command
    against that simulator presents the same card, finger or face under the same label. A label
    new on a terminal is a credential nobody has, made here as the simulator makes one."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LABELS_FILE
        self._lock = folder / (LABELS_FILE + ".lock")

    def _read(self) -> dict[str, dict[str, dict[str, str]]]:
        try:
            data = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            raise Refused(f"cannot read the labels in {self.path} ({e}); delete it to start anew") from None
        return data if isinstance(data, dict) else {}

    def token(self, device: int, kind: str, label: str) -> tuple[bytes, bool]:
        """The label's token on that terminal, and whether it is new (made and kept now)."""
        try:
            with file_lock(self._lock).acquire(timeout=10):
                labels = self._read()
                known = labels.get(str(device), {}).get(kind, {}).get(label)
                if known is not None:
                    return bytes.fromhex(known), False
                token = new_card() if kind == "card" else new_identity()
                labels.setdefault(str(device), {}).setdefault(kind, {})[label] = token.hex()
                written = self.path.with_suffix(".tmp")
                written.write_text(json.dumps(labels, indent=1, sort_keys=True) + "\n")
                os.replace(written, self.path)
                return token, True
        except OSError as e:
            raise Refused(f"cannot keep the label {label!r} in {self.path}: {e}") from None

    def lines(self) -> list[str]:
        return [
            f'{device} {kind} "{label}"'
            for device, kinds in sorted(self._read().items())
            for kind, labels in sorted(kinds.items())
            for label in sorted(labels)
        ]

    def forget(self) -> None:
        with file_lock(self._lock).acquire(timeout=10):
            self.path.unlink(missing_ok=True)


def _status_code(text: str) -> int:
    if text.isdigit():
        return int(text)
    try:
        return grpc.StatusCode[text.upper()].value[0]  # type: ignore[no-any-return]
    except KeyError:
        raise Refused(f"unknown status {text!r}; use a name like UNAVAILABLE or a number 1..16") from None


def _act(ctl: Any, args: argparse.Namespace) -> list[str]:
    kind = getattr(args, "kind", args.command)
    request = control_pb2.ActRequest(deviceID=args.device, input=INPUTS[kind])
    lines = []
    if kind in ("pin", "id"):
        request.digits = args.digits
    else:
        if args.label:
            token, new = Labels(args.ca.parent).token(args.device, kind, args.label)
            request.credential.token = token
            if new:
                lines.append(
                    f'{kind} "{args.label}": a new one nobody has, kept under this label on {args.device}'
                )
        elif args.user:
            request.credential.enrolledFor = args.user
        elif args.unknown:
            request.credential.unknown = True
        else:
            try:
                request.credential.token = bytes.fromhex(args.token)
            except ValueError:
                raise Refused(f"--token {args.token!r} is not hex") from None
        request.credential.index = args.index
        request.awaitScanMs = 30_000 if args.scan else 0
        request.quality = getattr(args, "quality", 0)
        request.duress = getattr(args, "duress", False)
    reply = ctl.Act(request, timeout=40)
    if reply.token and kind not in ("pin", "id"):
        lines.append(f"token {reply.token.hex()}")
    if reply.captured:
        lines.append("captured by the waiting scan")
    lines += [format_event(e) for e in reply.events]
    if not reply.captured and not reply.events:
        lines.append("the terminal waits for the next factor")
    return lines


def _fault(ctl: Any, args: argparse.Namespace) -> str:
    # Without a probability the count is of calls (at least one); with one, a limit (0 = none).
    count = args.count if args.count is not None else (0 if args.probability else 1)
    request = control_pb2.InjectFaultRequest(
        method=args.method,
        count=count,
        code=_status_code(args.code),
        message=args.message,
        probability=args.probability,
        seed=args.seed,
    )
    ctl.InjectFault(request, timeout=10)  # the simulator checks the probability, the count, the method
    if not args.probability:
        return f"the next {count} call(s) of {args.method} fail with {args.code}"
    limit = f"at most {count} times" if count else "until cleared"
    return (
        f"calls of {args.method} fail with {args.code} at probability {args.probability:g} "
        f"(seed {args.seed}), {limit}"
    )


# A subcommand's function: (gateway, its control stub, the parsed arguments, where lines go).
Out = Callable[[str], None]


def _act_command(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    for line in _act(ctl, args):
        out(line)


def _fault_command(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    out(_fault(ctl, args))


def _connect(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    ip, _, port = args.address.partition(":")
    device = gateway.connect(ip, int(port or DEVICE_PORT))
    out(f"connected device {device.id}")


def _link(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    ctl.SetLink(control_pb2.SetLinkRequest(deviceID=args.device, up=args.state == "up"), timeout=10)
    out(f"link of {args.device} {args.state}")


def _latency(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    request = control_pb2.SetLatencyRequest(method=args.method, milliseconds=args.milliseconds)
    ctl.SetLatency(request, timeout=10)
    out(f"{args.method} delayed by {args.milliseconds} ms")


def _clear(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    ctl.ClearFaults(control_pb2.ClearFaultsRequest(), timeout=10)
    out("faults cleared")


def _advance(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    reply = ctl.AdvanceClock(control_pb2.AdvanceClockRequest(milliseconds=int(args.seconds * 1000)))
    now = dt.datetime.fromtimestamp(reply.timestamp, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    out(f"simulated time is now {now} UTC")


def _stats(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    stats = ctl.GetStats(control_pb2.GetStatsRequest(), timeout=10)
    out(
        f"event streams {stats.eventSubscribers}, status streams {stats.statusSubscribers}, "
        f"dropped events {stats.droppedEvents}, scans waiting {stats.waitingScans}"
    )


def _terminals(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    for line in terminal_table(list_terminals(gateway.channel)):
        out(line)


def _restart_gateway(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    ctl.RestartGateway(control_pb2.RestartGatewayRequest(downSeconds=args.down), timeout=10)
    out(
        f"the gateway restarts: away for {args.down:g} s, then no terminal is connected "
        "until a client calls Connect"
    )


def _labels(gateway: Gateway | None, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    labels = Labels(args.ca.parent)
    if args.forget:
        labels.forget()
        out(f"labels forgotten ({labels.path}): each label takes a new credential")
        return
    for line in labels.lines() or [f"no labels yet in {labels.path}"]:
        out(line)


def _watch(gateway: Gateway, ctl: Any, args: argparse.Namespace, out: Out) -> None:
    connected = {d.device_id for d in gateway.device_list()}
    devices = args.device or sorted(connected)
    missing = [d for d in devices if d not in connected]
    if not devices or missing:
        what = f"device {missing[0]} is" if missing else "no terminal is"
        raise Refused(f"{what} connected to the gateway; run: biohil-simctl connect IP[:PORT]")
    for d in devices:
        gateway.device(d).enable_monitoring()
    stream = gateway.realtime_events(devices, args.code, queue_size=1024)
    stream.wait_subscribed()
    signal.signal(signal.SIGINT, lambda *_: stream.cancel())
    signal.signal(signal.SIGTERM, lambda *_: stream.cancel())
    out(f"watching {', '.join(map(str, devices))} (Ctrl-C to stop)")
    for seen, event in enumerate(stream, start=1):
        out(format_event(event))
        if args.count and seen >= args.count:
            stream.cancel()


def run(argv: Iterable[str] | None = None, out: Out = print) -> int:
    args = _parser().parse_args(list(argv) if argv is not None else None)
    try:
        args.ca = find_ca(args.ca)
        if getattr(args, "offline", False):  # needs no simulator
            args.func(None, None, args, out)
            return 0
        gateway = Gateway.open(args.gateway, args.ca)
    except (ConfigError, Refused) as e:
        print(f"biohil-simctl: {e}", file=sys.stderr)
        return 2
    ctl = control_pb2_grpc.ControlStub(gateway.channel)
    try:
        args.func(gateway, ctl, args, out)
    except grpc.RpcError as e:
        print(f"biohil-simctl: {e.code().name}: {e.details()}", file=sys.stderr)
        return 1
    except GsdkError as e:
        print(f"biohil-simctl: {e}", file=sys.stderr)
        return 1
    except Refused as e:
        print(f"biohil-simctl: {e}", file=sys.stderr)
        return 2
    finally:
        gateway.close()
    return 0


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
