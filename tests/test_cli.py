"""The standalone simulator: prints what a person needs, serves, and stops cleanly on SIGTERM."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

from biohil.client import Gateway
from biohil.simulator.models import DEFAULT_DEVICES


def test_standalone_simulator(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "biohil.simulator", "--port", "0", "--cert-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:  # the banner ends with the Ctrl-C hint
            lines.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        banner = "".join(lines)
        address = re.search(r"listening on (\S+) \(TLS\)", banner)
        ca = re.search(r"CA certificate: (\S+)", banner)
        assert address and ca, banner
        for spec in DEFAULT_DEVICES:
            assert f"{spec.device_id}" in banner and f"{spec.ip}:{spec.port}" in banner
        gw = Gateway.open(address.group(1), Path(ca.group(1)))
        try:
            device = gw.connect(DEFAULT_DEVICES[1].ip, DEFAULT_DEVICES[1].port)
            assert device.info().modelName == DEFAULT_DEVICES[1].model.name
        finally:
            gw.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert "stopped" in proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    import socket

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
