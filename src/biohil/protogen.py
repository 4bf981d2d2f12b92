"""Regenerate the Python modules and type stubs of the G-SDK protos.

    python -m biohil.protogen           rewrite src/biohil/gsdk/*_pb2*.py and *.pyi
    python -m biohil.protogen --check   exit 1 if the committed modules differ from a fresh build

The generated code is committed so that the suite runs without grpcio-tools; the project's
tests run the check, so a .proto edit without regeneration fails CI.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROTO_ROOT = ROOT / "protos"
PROTO_DIR = PROTO_ROOT / "biohil" / "gsdk"
OUT_ROOT = ROOT / "src"
GENERATED_GLOBS = ("*_pb2.py", "*_pb2.pyi", "*_pb2_grpc.py")


def generate(out_root: Path) -> None:
    """Compile every .proto under protos/biohil/gsdk into out_root/biohil/gsdk."""
    from grpc_tools import protoc  # dev dependency: only needed to regenerate

    protos = sorted(str(p) for p in PROTO_DIR.glob("*.proto"))
    well_known = str(resources.files("grpc_tools") / "_proto")
    args = [
        "grpc_tools.protoc",
        f"-I{PROTO_ROOT}",
        f"-I{well_known}",
        f"--python_out={out_root}",
        f"--pyi_out={out_root}",
        f"--grpc_python_out={out_root}",
        *protos,
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed; see the messages above")


def generated_files(package_dir: Path) -> set[str]:
    return {p.name for pattern in GENERATED_GLOBS for p in package_dir.glob(pattern)}


def differences() -> list[str]:
    """Names of generated files that a fresh build would add, remove or change."""
    committed = OUT_ROOT / "biohil" / "gsdk"
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        fresh = Path(tmp) / "biohil" / "gsdk"
        old, new = generated_files(committed), generated_files(fresh)
        changed = {n for n in old & new if not filecmp.cmp(committed / n, fresh / n, shallow=False)}
        return sorted((old ^ new) | changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    if args.check:
        stale = differences()
        if stale:
            print(
                "generated G-SDK modules are stale: " + ", ".join(stale) + "; run: python -m biohil.protogen",
                file=sys.stderr,
            )
            return 1
        print("generated G-SDK modules are up to date")
        return 0
    target = OUT_ROOT / "biohil" / "gsdk"
    for name in generated_files(target):
        (target / name).unlink()
    generate(OUT_ROOT)
    print(f"regenerated {len(generated_files(target))} files in {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
