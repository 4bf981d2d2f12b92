"""Running the suite as QA runs it, in its own process, against a simulator started on its own and
configured as a lab: the configuration, biohil-simctl, the terminals' state, the command lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pexpect
from tenacity import retry, stop_after_delay, wait_fixed

from biohil.client import Gateway
from biohil.client.channel import open_channel
from biohil.simcontrol import control_pb2, control_pb2_grpc
from biohil.simulator.models import DEFAULT_DEVICES

ROOT = Path(__file__).resolve().parents[1]
BS2, F2 = DEFAULT_DEVICES
# A prompt: its first line names the terminal, then one line each for the scenario, what it
# expects and each action ("1. ..."), then the answers; wrapped lines go on 7 spaces in.
PROMPT = re.compile(
    r">>> [^\r\n]*? (?P<device>\d{6,10}) \([^)\r\n]*\)[^\r\n]*\r?\n"
    r"(?P<body>(?:(?!>>> )[^\r\n]*\r?\n)*?)    Enter = done[^\r\n]*\r?\n"
)
CAPTURED_CARD = "captured and card and FaceStationF2"  # one scenario: a capture, then an attempt
CONNECTION = "connect_a_terminal or face_camera"  # the scenarios that need no person


@dataclass
class Lab:
    address: str
    ca: Path
    dir: Path

    def config(
        self,
        name: str = "lab.toml",
        *,
        timeout: float = 30,
        wait: float = 30,
        extra: str = "",
        users: str = "",
    ) -> Path:
        path = self.dir / name
        path.write_text(
            f"""
[gateway]
host = "127.0.0.1"
port = {self.address.rsplit(":", 1)[1]}
ca_file = "{self.ca}"

[test_users]
first_id = 900001
last_id = 900999
{users}

[operator]
timeout = {timeout}

[locks]
directory = "{self.locks}"
wait = {wait}

[[devices]]
ip = "{F2.ip}"
model = "{F2.model.name}"
device_id = {F2.device_id}
monitoring = false

[[devices]]
ip = "{BS2.ip}"
model = "{BS2.model.name}"
monitoring = false
{extra}
"""
        )
        return path

    @property
    def locks(self) -> Path:
        return self.dir / "locks"

    def journal(self, ip: str = F2.ip, port: int = F2.port) -> Path:
        return self.locks / f"terminal-{ip}-{port}.journal"

    def simctl(self, *args: str) -> str:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "biohil.simctl",
                "--gateway",
                self.address,
                "--ca",
                str(self.ca),
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    def no_scan_waiting(self, within: float = 20) -> None:
        """Wait until the simulator has let go of every scan (a killed client's scan ends when
        the server notices the client is gone)."""
        channel = open_channel(self.address, self.ca)
        stats = control_pb2_grpc.ControlStub(channel).GetStats

        @retry(stop=stop_after_delay(within), wait=wait_fixed(0.05), reraise=True)
        def released() -> None:
            assert stats(control_pb2.GetStatsRequest(), timeout=5).waitingScans == 0, (
                "a scan is still waiting"
            )

        try:
            released()
        finally:
            channel.close()

    def state(self) -> dict[int, dict[str, object]]:
        """Everything the suite may change on each terminal, field by field: the full users, the
        auth config, and whether the gateway has it connected. Reading it changes nothing."""
        gw = Gateway.open(self.address, self.ca)
        try:
            listed = {d.device_id for d in gw.device_list()}
            out: dict[int, dict[str, object]] = {}
            for spec in DEFAULT_DEVICES:
                device = gw.connect(spec.ip, spec.port)
                ids = sorted(h.ID for h in device.user_headers())
                users = [u.SerializeToString() for u in device.users(*ids)] if ids else []
                out[spec.device_id] = {
                    "users": users,
                    "auth": device.auth_config().SerializeToString(),
                    "connected": spec.device_id in listed,
                }
                if spec.device_id not in listed:
                    gw.disconnect(spec.device_id)
            return out
        finally:
            gw.close()


def start_lab(where: Path, *args: str) -> tuple[subprocess.Popen[str], Lab]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "biohil.simulator", "--port", "0", "--cert-dir", str(where / "certs"), *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    banner = "".join(proc.stdout.readline() for _ in range(2))
    address = re.search(r"listening on (\S+) \(TLS\)", banner)
    ca = re.search(r"CA certificate: (\S+)", banner)
    assert address and ca, banner
    return proc, Lab(address.group(1), Path(ca.group(1)), where)


def suite_args(*args: str, allure: Path) -> list[str]:
    return ["-m", "pytest", "-p", "no:cacheprovider", f"--alluredir={allure}", "-q", *args]


def lab_args(config: Path, tmp: Path, *select: str) -> list[str]:
    return suite_args("--target", "lab", f"--lab-config={config}", *select, allure=tmp / "allure")


def spawn(lab: Lab, config: Path, tmp: Path, *select: str, **env: str) -> pexpect.spawn:
    """The suite in a pseudo-terminal, as a person at the bench starts it: it has a TTY to prompt
    on, and CI is not set (unless `env` sets it). A scan left waiting by an earlier run (its
    client killed) must be gone first, or the new run's scan is refused."""
    lab.no_scan_waiting()
    environment = {k: v for k, v in os.environ.items() if k != "CI"} | env
    return pexpect.spawn(
        sys.executable,
        lab_args(config, tmp, *select),
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=60,
        env=environment,
        dimensions=(50, 200),
    )


def run_suite(
    args: list[str], timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The suite as CI runs it: no standard input and no controlling terminal."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=timeout,
    )


def run_without_tty(
    config: Path, tmp: Path, *select: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """No terminal, whatever this run's own environment: CI=true would be a second, earlier reason."""
    env = {name: value for name, value in os.environ.items() if name != "CI"}
    return run_suite(lab_args(config, tmp, *select), timeout, env)


def plain(output: str) -> str:
    """A run's output without the terminal's escapes and carriage returns (as a pty shows it)."""
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", output).replace("\r", "")


def closing_lines(output: str) -> list[str]:
    """The run's closing result lines: one per terminal (and FindFace), then the total."""
    text = plain(output)
    start = re.search(r"^-+ scenario results -+$", text, re.MULTILINE)
    assert start, f"no closing lines in:\n{text[-3000:]}"
    lines = text[start.end() :].strip().splitlines()
    return lines[: next(i for i, line in enumerate(lines) if "scenario results" in line) + 1]


def not_clean(closing: list[str]) -> list[str]:
    """The closing lines that count a failure, a skip or an interruption (not applicable is none)."""
    return [line for line in closing if re.search(r"failed|skipped|interrupted", line)]
