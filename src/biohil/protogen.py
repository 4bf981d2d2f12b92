"""Regenerate the Python modules and type stubs of the project's protos.

    python -m biohil.protogen           rewrite src/biohil/{gsdk,simcontrol}/*_pb2*.py and *.pyi
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
OUT_ROOT = ROOT / "src"
# Folders of .proto files, relative to PROTO_ROOT; each compiles into the same folder under src/.
PACKAGES = ("biohil/gsdk", "biohil/simcontrol")
GENERATED_GLOBS = ("*_pb2.py", "*_pb2.pyi", "*_pb2_grpc.py")


def generate(out_root: Path) -> None:
    """Compile every .proto of PACKAGES into the same folders under out_root."""
    from grpc_tools import protoc  # dev dependency: only needed to regenerate

    protos = sorted(str(p) for pkg in PACKAGES for p in (PROTO_ROOT / pkg).glob("*.proto"))
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


def generated_files(out_root: Path) -> set[str]:
    """Paths, relative to out_root, of the generated files of every package."""
    return {
        f"{pkg}/{p.name}"
        for pkg in PACKAGES
        for pattern in GENERATED_GLOBS
        for p in (out_root / pkg).glob(pattern)
    }


def differences() -> list[str]:
    """Generated files that a fresh build would add, remove or change."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        generate(fresh)
        old, new = generated_files(OUT_ROOT), generated_files(fresh)
        changed = {n for n in old & new if not filecmp.cmp(OUT_ROOT / n, fresh / n, shallow=False)}
        return sorted((old ^ new) | changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    if args.check:
        stale = differences()
        if stale:
            print(
                "generated modules are stale: " + ", ".join(stale) + "; run: python -m biohil.protogen",
                file=sys.stderr,
            )
            return 1
        print("generated modules are up to date")
        return 0
    for name in generated_files(OUT_ROOT):
        (OUT_ROOT / name).unlink()
    generate(OUT_ROOT)
    print(f"regenerated {len(generated_files(OUT_ROOT))} files under {OUT_ROOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
