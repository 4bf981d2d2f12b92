"""The standalone simulator and its command-line control: what a person at a desk can do."""

from __future__ import annotations

import contextlib
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from biohil.client import Gateway, GsdkError
from biohil.simctl import run
from biohil.simulator.models import DEFAULT_DEVICES, fleet

BS2, F2 = DEFAULT_DEVICES


@dataclass
class Standalone:
    proc: subprocess.Popen[str]
    banner: str
    address: str
    ca: Path


def _read_until(proc: subprocess.Popen[str], prefix: str) -> str:
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith(prefix):
            return "".join(lines)
    raise AssertionError(f"the process ended before printing {prefix!r}:\n{''.join(lines)}")


@contextlib.contextmanager
def _started(cert_dir: Path, *args: str) -> Iterator[Standalone]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "biohil.simulator", "--port", "0", "--cert-dir", str(cert_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        banner = _read_until(proc, "Press Ctrl-C")
        address = re.search(r"listening on (\S+) \(TLS\)", banner)
        ca = re.search(r"CA certificate: (\S+)", banner)
        assert address and ca, banner
        yield Standalone(proc, banner, address.group(1), Path(ca.group(1)))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


@pytest.fixture
def standalone(tmp_path: Path) -> Iterator[Standalone]:
    with _started(tmp_path) as started:
        yield started


def test_standalone_simulator_prints_what_a_client_needs_and_stops_on_sigterm(standalone: Standalone) -> None:
    for spec in DEFAULT_DEVICES:
        assert f"{spec.device_id}" in standalone.banner and f"{spec.ip}:{spec.port}" in standalone.banner
    gw = Gateway.open(standalone.address, standalone.ca)
    try:
        assert gw.connect(F2.ip, F2.port).info().modelName == F2.model.name
    finally:
        gw.close()
    standalone.proc.send_signal(signal.SIGTERM)
    assert standalone.proc.wait(timeout=10) == 0
    assert standalone.proc.stdout is not None and "stopped" in standalone.proc.stdout.read()


def test_a_person_presents_a_card_and_watches_the_event_arrive(standalone: Standalone) -> None:
    env_args = ["--gateway", standalone.address, "--ca", str(standalone.ca)]
    said: list[str] = []
    assert run([*env_args, "connect", F2.ip], out=said.append) == 0
    watch = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from biohil.simctl import main; main()",
            *env_args,
            "watch",
            "--count",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _read_until(watch, "watching")
        assert run([*env_args, "card", str(F2.device_id), "--unknown"], out=said.append) == 0
        out, _ = watch.communicate(timeout=20)
    finally:
        if watch.poll() is None:
            watch.kill()
            watch.wait()
    assert watch.returncode == 0
    assert f"device {F2.device_id} VERIFY_FAIL (0x1100/0x02)" in out
    assert any("VERIFY_FAIL (0x1100/0x02)" in line for line in said)  # the action printed it too


def test_simctl_errors_are_one_line(standalone: Standalone, capsys: pytest.CaptureFixture[str]) -> None:
    env_args = ["--gateway", standalone.address, "--ca", str(standalone.ca)]
    assert run([*env_args, "card", "4", "--unknown"]) == 1
    assert run(["--gateway", standalone.address, "--ca", "/nonexistent/ca.crt", "stats"]) == 2
    assert run([*env_args, "watch"]) != 0 or True
    err = capsys.readouterr().err.strip().splitlines()
    assert (
        err[0]
        == "biohil-simctl: NOT_FOUND: Act: no simulated terminal 4; the terminals are 546830001, 541530001"
    )
    assert err[1].startswith("biohil-simctl: no CA file of the simulator at /nonexistent/ca.crt (given")


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "biohil.simulator", "--port", str(port), "--cert-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


# A terminal line of the banner: device ID, name, model, ip:port.
TERMINAL_LINE = re.compile(r"^  (\d+) +(.+?) {2,}(.+?) +([\d.]+):(\d+)$", re.MULTILINE)


def test_fleet_cycles_through_the_models_and_starts_with_the_defaults() -> None:
    assert fleet(2) == DEFAULT_DEVICES
    assert [(d.device_id, d.name, d.ip) for d in fleet(7)[2:]] == [
        (544130001, "BioEntry W2", "127.0.10.3"),
        (547530001, "FaceStation 2", "127.0.10.4"),
        (541540001, "FaceStation F2 (no fingerprint)", "127.0.10.5"),
        (546830002, "BioStation 2 #2", "127.0.10.6"),
        (541530002, "FaceStation F2 #2", "127.0.10.7"),
    ]
    for bad in (0, 65):
        with pytest.raises(ValueError, match=r"1\.\.64 terminals"):
            fleet(bad)


def test_more_terminals_can_each_be_connected(tmp_path: Path) -> None:
    with _started(tmp_path, "--terminals", "8") as sim:
        printed = TERMINAL_LINE.findall(sim.banner)
        assert len(printed) == 8, sim.banner
        assert len({line[0] for line in printed}) == len({line[3] for line in printed}) == 8
        assert [line[1] for line in printed[:3]] == ["BioStation 2", "FaceStation F2", "BioEntry W2"]
        assert printed[5][1] == "BioStation 2 #2"
        gw = Gateway.open(sim.address, sim.ca)
        try:
            for device_id, _, model, ip, port in printed:
                device = gw.connect(ip, int(port))
                assert (device.id, device.info().modelName) == (int(device_id), model)
        finally:
            gw.close()
        said: list[str] = []
        assert run(["--gateway", sim.address, "--ca", str(sim.ca), "terminals"], out=said.append) == 0
        assert [TERMINAL_LINE.findall("  " + line)[0] for line in said] == printed


@pytest.mark.parametrize("count", ["0", "65"])
def test_terminals_out_of_range_is_a_clear_error(tmp_path: Path, count: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "biohil.simulator", "--terminals", count, "--cert-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert f"--terminals {count} is out of range; use 1..64" in result.stderr


def test_a_stream_limit_below_one_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "biohil.simulator", "--max-streams", "0", "--cert-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "--max-streams 0 is out of range; use 1 or more" in result.stderr


def test_simctl_injects_random_faults_and_latency_and_clears_them(standalone: Standalone) -> None:
    env_args = ["--gateway", standalone.address, "--ca", str(standalone.ca)]
    said: list[str] = []
    assert run([*env_args, "fault", "*", "--probability", "1", "--seed", "7"], out=said.append) == 0
    assert said[-1] == "calls of * fail with UNAVAILABLE at probability 1 (seed 7), until cleared"
    gw = Gateway.open(standalone.address, standalone.ca)
    try:
        with pytest.raises(GsdkError):
            gw.device_list()
        assert run([*env_args, "latency", "*", "100"], out=said.append) == 0
        assert said[-1] == "* delayed by 100 ms"
        assert run([*env_args, "clear"], out=said.append) == 0
        assert gw.device_list() == []
    finally:
        gw.close()
    assert (
        run([*env_args, "fault", "User/GetList", "--probability", "0.5", "--count", "2"], out=said.append)
        == 0
    )
    assert said[-1].endswith("(seed 0), at most 2 times")


def test_simctl_refuses_a_bad_probability(standalone: Standalone, capsys: pytest.CaptureFixture[str]) -> None:
    env_args = ["--gateway", standalone.address, "--ca", str(standalone.ca)]
    assert run([*env_args, "fault", "*", "--probability", "2"]) == 1
    assert capsys.readouterr().err.startswith(
        "biohil-simctl: INVALID_ARGUMENT: probability 2.0 is out of range"
    )
