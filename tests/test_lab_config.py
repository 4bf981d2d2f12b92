"""Lab configuration mistakes: each one line naming the key and the fix, before any connection."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from biohil.client.testusers import IdRange
from biohil.common import tls
from biohil.lab import config as lab_config
from biohil.lab.locks import DeviceLock
from biohil.lab.terminal import Terminal

GOOD = """
[gateway]
host = "127.0.0.1"
port = 4000
ca_file = "certs/ca.crt"

[test_users]
first_id = 900001
last_id = 900999

[[devices]]
ip = "127.0.10.2"
model = "FaceStation F2"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    tls.ensure(tmp_path / "certs")
    return tmp_path


def _load(folder: Path, text: str) -> lab_config.LabConfig:
    path = folder / "lab.toml"
    path.write_text(text)
    return lab_config.load(path)


def test_a_good_configuration(folder: Path) -> None:
    config = _load(folder, GOOD)
    assert config.gateway_address == "127.0.0.1:4000"
    assert config.ca_file == folder / "certs" / "ca.crt"
    [device] = config.devices
    assert (device.ip, device.port, device.name, device.id_range) == (
        "127.0.10.2",
        51211,
        "FaceStation F2",
        IdRange(900001, 900999),
    )
    assert config.operator.timeout == lab_config.DEFAULT_OPERATOR_TIMEOUT


MISTAKES = [
    (
        "unknown key",
        ("port = 4000", "port = 4000\nprot = 1"),
        "gateway.prot is not a known key; the keys of [gateway] are host, port, ca_file",
    ),
    ("unknown table", ("[test_users]", "[users]\n[test_users]"), "[users] is not a known table"),
    ("wrong type", ("port = 4000", 'port = "4000"'), "gateway.port must be an integer, not '4000'"),
    ("wrong type in a device", ('ip = "127.0.10.2"', "ip = 12"), "devices[0].ip must be a string, not 12"),
    ("bad port", ("port = 4000", "port = 70000"), "gateway.port 70000 is not a TCP port (1..65535)"),
    (
        "CA missing",
        ('ca_file = "certs/ca.crt"', 'ca_file = "nope/ca.crt"'),
        "gateway.ca_file is unusable: gateway CA file",
    ),
    ("CA not PEM", ('ca_file = "certs/ca.crt"', 'ca_file = "lab.toml"'), "is not a PEM certificate"),
    (
        "no devices",
        ('[[devices]]\nip = "127.0.10.2"\nmodel = "FaceStation F2"', ""),
        "[[devices]] lists no terminal; add at least one",
    ),
    ("missing key", ('host = "127.0.0.1"\n', ""), "gateway.host is missing"),
    (
        "empty range",
        ("last_id = 900999", "last_id = 900000"),
        "test_users 900001..900000 is not a range of user IDs",
    ),
    (
        "same terminal twice",
        (
            'model = "FaceStation F2"',
            'model = "FaceStation F2"\n[[devices]]\nip = "127.0.10.2"\nname = "again"',
        ),
        "devices[1] is the same terminal as devices[0] (127.0.10.2:51211); list it once",
    ),
    (
        "overlapping ranges",
        (
            'model = "FaceStation F2"',
            'model = "FaceStation F2"\ntest_users = [900001, 900100]\n[[devices]]\nip = "127.0.10.1"\ntest_users = [900050, 900150]',
        ),
        "devices[1].test_users 900050..900150 overlaps devices[0].test_users 900001..900100; give each terminal its own range",
    ),
    (
        "operator timeout",
        ("[[devices]]", "[operator]\ntimeout = 0\n[[devices]]"),
        "operator.timeout must be more than 0 seconds",
    ),
    ("not TOML", ("[gateway]", "[gateway"), "is not valid TOML"),
    (
        "range too big",
        ("first_id = 900001\nlast_id = 900999", "first_id = 1\nlast_id = 4294967295"),
        "test_users 1..4294967295 holds 4294967295 IDs; give at most 10000 that nobody uses",
    ),
    (
        "device range too big",
        ('model = "FaceStation F2"', 'model = "FaceStation F2"\ntest_users = [800000, 810000]'),
        "devices[0].test_users 800000..810000 holds 10001 IDs",
    ),
    (
        "names alike in test IDs",
        (
            'model = "FaceStation F2"',
            'model = "FaceStation F2"\nname = "F2 door"\n[[devices]]\nip = "127.0.10.1"\nname = "F2-door"',
        ),
        'devices[1].name "F2-door" and "F2 door" both read \'F2door\' in test IDs',
    ),
]


@pytest.mark.parametrize(("change", "message"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_mistakes_are_one_line_naming_the_key(folder: Path, change: tuple[str, str], message: str) -> None:
    text = GOOD.replace(*change, 1)
    with pytest.raises(lab_config.LabConfigError) as info:
        _load(folder, text)
    line = str(info.value)
    assert "\n" not in line and line.startswith(str(folder / "lab.toml"))
    assert message in line, line


def test_missing_file_and_missing_option(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(
        lab_config.LabConfigError, match=r"lab configuration does not exist; copy lab\.example\.toml"
    ):
        lab_config.load(folder / "absent.toml")
    monkeypatch.delenv(lab_config.ENV_VAR, raising=False)
    with pytest.raises(lab_config.LabConfigError, match="pass --lab-config FILE or set BIOHIL_LAB_CONFIG"):
        lab_config.config_path(None)
    monkeypatch.setenv(lab_config.ENV_VAR, str(folder / "lab.toml"))
    assert lab_config.config_path(None) == folder / "lab.toml"


def test_the_shipped_example_is_valid(folder: Path) -> None:
    tls.ensure(folder / "cert")  # where the example expects the gateway's CA
    example = (Path(__file__).resolve().parents[1] / "lab.example.toml").read_text()
    config = _load(folder, example)
    assert len(config.devices) == 2


def test_a_range_can_be_declared_shared(folder: Path) -> None:
    config = _load(folder, GOOD.replace("last_id = 900999", "last_id = 900999\nshared = true"))
    assert [d.shared_range for d in config.devices] == [True]
    assert [d.shared_range for d in _load(folder, GOOD).devices] == [False]


def test_a_held_lock_names_its_holder(tmp_path: Path) -> None:
    first, second = DeviceLock(tmp_path, "t", "F2"), DeviceLock(tmp_path, "t", "F2")
    said: list[str] = []
    assert first.acquire(0, said.append) is None
    holder = second.acquire(0, said.append)
    assert holder is not None and "process" in holder and "since" in holder
    assert said == [f"waiting for F2: another run holds it ({holder})"]
    first.release()
    assert second.acquire(0, said.append) is None
    second.release()


def test_a_worker_of_the_same_run_is_waited_for(tmp_path: Path) -> None:
    """Another worker of this run lets go when its part ends: waited for past another run's
    deadline (up to SAME_RUN_WAIT, hours)."""
    first, second = DeviceLock(tmp_path, "t", "F2"), DeviceLock(tmp_path, "t", "F2")
    assert first.acquire(0, print, run="r1") is None
    said: list[str] = []
    releaser = threading.Timer(1.0, first.release)  # the other worker ends its part a second later
    releaser.start()
    assert second.acquire(0, said.append, run="r1") is None  # waited past its 0 s deadline
    assert said[0].startswith("waiting for F2: another worker of this run uses it (")
    releaser.join()
    second.release()


def test_a_terminal_is_read_from_its_own_keys(folder: Path) -> None:
    own = 'port = 51212\nuse_ssl = true\ndevice_id = 7\nname = "F2 #2"\ntest_users = [1, 10]\nmonitoring = false\n'
    config = _load(folder, GOOD + own + '[[devices]]\nip = "127.0.10.3"\n[locks]\ndirectory = "locks"\n')
    assert config.devices == (
        Terminal(
            "F2 #2",
            "127.0.10.2",
            51212,
            "FaceStation F2",
            7,
            known_from="lab.toml devices[0]",
            id_range=IdRange(1, 10),
            use_ssl=True,
            monitoring=False,
            monitoring_known="devices[0].monitoring in the lab file",
        ),
        Terminal(
            "127.0.10.3",
            "127.0.10.3",
            51211,
            known_from="lab.toml devices[1]",
            id_range=IdRange(900001, 900999),
            monitoring=True,
            monitoring_known="not declared in the lab file (devices[1].monitoring): assumed on, the harmless guess",
        ),
    )
    assert (config.locks.directory, config.locks.wait) == (folder / "locks", lab_config.DEFAULT_LOCK_WAIT)


def test_a_findface_only_lab_keeps_its_accounts_out_of_every_repr(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIOHIL_FINDFACE_USER", "qa")
    monkeypatch.setenv("BIOHIL_FINDFACE_PASSWORD", "pw-never-shown")
    config = _load(folder, '[findface]\nbase_url = "https://ff.lab/"\nverify = false\n')
    assert config.devices == () and config.findface is not None
    assert (config.findface.base_url, config.findface.verify) == ("https://ff.lab", False)
    assert config.findface.accounts["api"].password.reveal() == "pw-never-shown"
    for shown in (repr(config), str(config), repr(config.findface), str(config.model_dump())):
        assert "pw-never-shown" not in shown, shown
    trusted = _load(folder, '[findface]\nbase_url = "https://ff.lab"\nca_file = "certs/ca.crt"\n')
    assert trusted.findface is not None and trusted.findface.verify == folder / "certs" / "ca.crt"
    monkeypatch.delenv("BIOHIL_FINDFACE_USER")
    with pytest.raises(lab_config.LabConfigError) as info:
        _load(folder, '[findface]\nbase_url = "https://ff.lab"\n')
    assert str(info.value) == (
        f"{folder / 'lab.toml'}: [findface] the API user (any role) needs both $BIOHIL_FINDFACE_USER "
        "and $BIOHIL_FINDFACE_PASSWORD (they never go in the file)"
    )


FINDFACE = '[findface]\nbase_url = "https://ff.lab"\n'
WITH_FINDFACE = GOOD + FINDFACE
MORE_MISTAKES = [
    (
        "unknown FindFace key",
        WITH_FINDFACE + "colour = 1",
        "findface.colour is not a known key; the keys of [findface] are base_url, ca_file, verify, face_video, strict_observed, clock_skew",
    ),
    (
        "not a URL",
        WITH_FINDFACE.replace('"https://ff.lab"', '"ff.lab"'),
        "findface.base_url 'ff.lab' must start with http:// or https://",
    ),
    (
        "verify not a boolean",
        WITH_FINDFACE + 'verify = "yes"',
        "findface.verify must be true or false, not 'yes'",
    ),
    ("FindFace CA", WITH_FINDFACE + 'ca_file = "nope.crt"', "findface.ca_file is unusable: gateway CA file"),
    (
        "no face video",
        WITH_FINDFACE + 'face_video = "face.mp4"',
        "face.mp4 is not a file; give a video of the API user's face",
    ),
    (
        "no gateway",
        WITH_FINDFACE.replace('[gateway]\nhost = "127.0.0.1"\nport = 4000\nca_file = "certs/ca.crt"\n', ""),
        "[gateway] is missing; give host and ca_file (or configure only [findface])",
    ),
    (
        "no test users",
        GOOD.replace("[test_users]\nfirst_id = 900001\nlast_id = 900999\n", ""),
        "[test_users] is missing; give first_id and last_id of the IDs the suite may use",
    ),
    ("path not a string", GOOD + "[locks]\ndirectory = 5", "locks.directory must be a string, not 5"),
    (
        "devices not tables",
        "devices = 5\n" + GOOD.partition("[[devices]]")[0],
        "devices must be an array of tables ([[devices]])",
    ),
    ("device range not a list", GOOD + "test_users = 5", "devices[0].test_users must be a list, not 5"),
    ("device range not two", GOOD + "test_users = [1]", "devices[0].test_users must be [first, last]"),
    (
        "device range not integers",
        GOOD + 'test_users = ["a", 2]',
        "devices[0].test_users must be two integers [first, last]",
    ),
]


@pytest.mark.parametrize(
    ("text", "message"), [m[1:] for m in MORE_MISTAKES], ids=[m[0] for m in MORE_MISTAKES]
)
def test_findface_path_and_range_mistakes_are_one_line_naming_the_key(
    folder: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.setenv("BIOHIL_FINDFACE_USER", "qa")
    monkeypatch.setenv("BIOHIL_FINDFACE_PASSWORD", "pw")
    with pytest.raises(lab_config.LabConfigError) as info:
        _load(folder, text)
    line = str(info.value)
    assert "\n" not in line and line.startswith(str(folder / "lab.toml"))
    assert message in line, line
