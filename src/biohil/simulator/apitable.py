"""The simulator README's tables of the API it serves: per service, every RPC with what the
simulator does (its servicer method's docstring) and the capability flag a terminal needs for it
(models.NEEDS), with the models that lack it.

    python -m biohil.simulator.apitable                 print the tables
    python -m biohil.simulator.apitable --readme FILE   write them between the api markers

`make api-table` writes them into src/biohil/simulator/README.md; tests/test_api_survey.py fails
while the README differs from them.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

from biohil.common import markdown
from biohil.simulator import models
from biohil.simulator.services import SERVICERS

MARKERS = "api"


def summary(servicer: type, name: str) -> str:
    """The first line of a servicer method's docstring; ValueError if it has none."""
    method = servicer.__dict__.get(name)  # its own, not the generated base class's placeholder
    doc = inspect.cleandoc(method.__doc__) if method is not None and method.__doc__ else ""
    if not doc:
        raise ValueError(f"{servicer.__name__}.{name} has no docstring saying what it does")
    return doc.splitlines()[0]


def markdown_tables() -> str:
    out: list[str] = []
    for servicer, module in SERVICERS:
        for service in module.DESCRIPTOR.services_by_name.values():
            out += [f"**{service.full_name}** ({len(service.methods)} RPCs)", ""]
            out += ["| RPC | what the simulator does | needs |", "|---|---|---|"]
            for method in service.methods:
                name = f"{service.name}.{method.name}"
                needs = ", ".join(
                    f"not `{c[1:]}`" if c.startswith("!") else f"`{c}`" for c in models.needs(name)
                )
                lacking = [m.name for m, _ in models.FLEET_MODELS if models.lacking(m, name)]
                if lacking:
                    needs += f" (not on {', '.join(lacking)})"
                out.append(f"| `{method.name}` | {summary(servicer, method.name)} | {needs} |")
            out.append("")
    return "\n".join(out).rstrip()


def with_tables(readme: str) -> str:
    return markdown.with_table(readme, MARKERS, markdown_tables())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m biohil.simulator.apitable", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--readme", type=Path, help="write the tables into this file, between the api markers"
    )
    args = parser.parse_args(argv)
    try:
        if args.readme is None:
            print(markdown_tables())
            return 0
        args.readme.write_text(with_tables(args.readme.read_text(encoding="utf-8")), encoding="utf-8")
    except (OSError, ValueError) as e:
        print(f"python -m biohil.simulator.apitable: {e}", file=sys.stderr)
        return 2
    print(f"{args.readme}: the API tables are the servicers'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
