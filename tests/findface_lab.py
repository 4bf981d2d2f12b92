"""Running the @findface scenarios as a lab runs them: in their own process, against a FindFace
server started outside the suite (the simulator or the independent stub), with the accounts of
every role in the environment and nothing else."""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from biohil.findface import accounts
from biohil.findface.simulator import User
from tests.findface_stub import StubUser

ROOT = Path(__file__).resolve().parents[1]
# role -> (name, is_admin, all_own_sessions)
ROLES = {
    accounts.API: ("qa-lab", False, False),
    accounts.ADMIN: ("qa-lab-admin", True, False),
    accounts.ALL_OWN_SESSIONS: ("qa-lab-own", False, True),
    accounts.CURRENT_SESSION: ("qa-lab-current", False, False),
}


@dataclass(frozen=True)
class LabAccounts:
    passwords: dict[str, str]  # role -> password

    @classmethod
    def make(cls) -> LabAccounts:
        return cls({role: "pw-" + secrets.token_urlsafe(12) for role in ROLES})

    def sim_users(self) -> list[User]:
        return [
            User(i, name, self.passwords[role], f"QA {role}", is_admin=admin, all_own_sessions=own)
            for i, (role, (name, admin, own)) in enumerate(ROLES.items(), start=1)
        ]

    def stub_users(self) -> list[StubUser]:
        """The same accounts for the independent stub; each face "video" is b"stub face of NAME"."""
        return [
            StubUser(name, self.passwords[role], b"stub face of " + name.encode(), admin, own)
            for role, (name, admin, own) in ROLES.items()
        ]

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BIOHIL_FINDFACE")}
        for role, (name, _, _) in ROLES.items():
            user_var, password_var = accounts.variables(role)
            env[user_var], env[password_var] = name, self.passwords[role]
        env.pop("CI", None)
        return env

    def secrets(self) -> list[str]:
        """Each password and the Basic value made of it."""
        out = []
        for role, (name, _, _) in ROLES.items():
            out += [
                self.passwords[role],
                base64.b64encode(f"{name}:{self.passwords[role]}".encode()).decode(),
            ]
        return out


def write_config(
    path: Path, base_url: str, face_video: Path, ca_file: Path | None = None, extra: str = ""
) -> Path:
    ca = f'ca_file = "{ca_file}"\n' if ca_file is not None else ""
    path.write_text(f'[findface]\nbase_url = "{base_url}"\n{ca}face_video = "{face_video}"\n{extra}')
    return path


def run_findface(
    config: Path, env: dict[str, str], results: Path, *args: str, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--target",
            "lab",
            f"--lab-config={config}",
            "-m",
            "findface",
            f"--alluredir={results}",
            "-p",
            "no:cacheprovider",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def findface_line(output: str) -> str:
    found = re.search(r"^FindFace: (.+)$", output, re.M)
    assert found, output[-3000:]
    return found.group(1)


def results(folder: Path) -> list[dict[str, str]]:
    """Each Allure result of a run: scenario name, status, cause label (if any), message."""
    out = []
    for path in sorted(folder.glob("*-result.json")):
        doc = json.loads(path.read_text())
        labels = {label["name"]: label["value"] for label in doc["labels"]}
        message = (doc.get("statusDetails") or {}).get("message", "")
        out.append(
            {
                "name": doc["name"],
                "status": doc["status"],
                "cause": labels.get("cause", ""),
                "message": message,
            }
        )
    return out
