"""The layers of ARCHITECTURE.md, checked from the import graph: packages import only what lies
below them, steps and fixtures never see protobuf types, library code never sees pytest; and
bench/ plants its bugs through the product's public seams only (from the syntax tree)."""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterator
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "biohil"
BENCH = ROOT / "bench"

# Top to bottom; a unit (a package or a top-level module of biohil) imports only units of lower
# layers, never one of its own layer.
LAYERS: list[set[str]] = [
    {"protogen", "simctl", "recording", "apisurvey"},  # tools: command lines over everything below
    {"scenario"},  # what steps call beyond the client
    {"simulator", "operator"},  # the simulated gateway; who acts at the bench
    {"report"},  # what the report shows
    {"lab"},  # the lab file, terminal locks, journal, preflight, snapshots
    {"findface"},  # the FindFace Multi client, accounts and simulated server
    {"client"},  # the G-SDK client: gateway, devices, capabilities, cleanup
    {"authmodes", "eventcodes"},  # the contract's modes and event codes in QA's words
    {"simcontrol"},  # the simulator's control protocol (generated), spoken by the operator's script
    {"credentials", "contract", "readings", "common", "verdict", "gsdk"},  # plain data, generated code
]
RANK = {unit: n for n, layer in enumerate(LAYERS) for unit in layer}
PYTEST_PLUGIN = "pytest_plugin.py"  # the one name a src module importing pytest may have


def _imports(path: Path) -> Iterator[str]:
    """Every module `path` imports, at any depth of the file (function-level imports too)."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _unit(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "biohil" and len(parts) > 1 else None


def _own_unit(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


def test_every_unit_has_a_layer() -> None:
    units = {_own_unit(p) for p in SRC.rglob("*.py")} - {"__init__"}
    assert units <= RANK.keys(), f"place {sorted(units - RANK.keys())} in LAYERS and ARCHITECTURE.md"


def test_packages_import_only_what_lies_below_them() -> None:
    upward = []
    for path in SRC.rglob("*.py"):
        me = _own_unit(path)
        if me == "__init__":
            continue
        for module in _imports(path):
            other = _unit(module)
            if other is None or other == me or other not in RANK:
                continue
            if RANK[other] <= RANK[me]:
                upward.append(f"{path.relative_to(ROOT)} ({me}) imports {module} ({other})")
    assert upward == [], "\n".join(sorted(set(upward)))


def test_no_library_module_imports_pytest() -> None:
    knowing = [
        str(p.relative_to(ROOT))
        for p in SRC.rglob("*.py")
        if p.name != PYTEST_PLUGIN and any(m.split(".")[0] in ("pytest", "_pytest") for m in _imports(p))
    ]
    assert knowing == [], f"the pytest layer turns library exceptions into skip/fail: {knowing}"


PRIVATE = re.compile(r"_\w+")  # a name starting with "_" (dunders too, as a patch target)


def _private_reaches(path: Path) -> Iterator[str]:
    """Where a bench module patches or reaches a name starting with "_" of the product: a call
    naming one as a string (mp.setattr(X, "_y", ...), setattr / getattr(obj, "_y"), a helper
    handed "_y"), an attribute read obj._y (dunders such as __delitem__ are protocols, not the
    product's own), an import of one from biohil. A bench module's own names are its own."""
    bench_modules = {p.stem for p in BENCH.glob("*.py")}

    def visit(node: ast.AST, in_class: bool) -> Iterator[str]:
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and PRIVATE.fullmatch(arg.value)
                ):
                    yield f'{where}: patches or reaches "{arg.value}"'
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.endswith("__"):
            own = isinstance(node.value, ast.Name) and (
                node.value.id in bench_modules or (in_class and node.value.id == "self")
            )
            if not own:
                yield f"{where}: reaches .{node.attr}"
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("biohil"):
            yield from (f"{where}: imports {a.name}" for a in node.names if a.name.startswith("_"))
        for child in ast.iter_child_nodes(node):
            yield from visit(child, in_class or isinstance(node, ast.ClassDef))

    yield from visit(ast.parse(path.read_text(), str(path)), False)


def test_no_bench_module_patches_or_reaches_a_private_name_of_the_product() -> None:
    reaches = [r for path in sorted(BENCH.glob("*.py")) for r in _private_reaches(path)]
    assert reaches == [], "plant through a public seam (a Firmware field, a public method):\n" + "\n".join(
        reaches
    )


def test_steps_and_fixtures_see_no_protobuf_types() -> None:
    seen = [
        f"{p.relative_to(ROOT)}: {m}"
        for folder in ("steps", "fixtures")
        for p in (ROOT / folder).glob("*.py")
        for m in _imports(p)
        if m.startswith("biohil.gsdk") or m.endswith("_pb2")
    ]
    assert seen == [], "\n".join(seen)


def test_steps_import_no_step_module_and_fixtures_no_cycle() -> None:
    cross = [
        f"{p.name}: {m}" for p in (ROOT / "steps").glob("*.py") for m in _imports(p) if m.startswith("steps")
    ]
    assert cross == [], f"shared step logic belongs in src/biohil/: {cross}"
    graph = {
        p.stem: {m.split(".")[1] for m in _imports(p) if m.startswith("fixtures.")}
        for p in (ROOT / "fixtures").glob("*.py")
    }
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        raise AssertionError(f"fixture modules import each other: {cycle.args[1]}") from None


STEP_DECORATORS = {"given", "when", "then"}
SCENARIO_OBJECTS = {"scene", "api"}  # a G-SDK scenario's scene, a FindFace scenario's API session
PARSED = re.compile(r"\{(\w+)|\(\?P<(\w+)>")  # the arguments a step's text gives it


def _steps() -> Iterator[tuple[Path, ast.FunctionDef, list[ast.Call]]]:
    """Every step function in steps/ with its given/when/then decorators."""
    for path in (ROOT / "steps").glob("*_steps.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef):
                calls = [d for d in node.decorator_list if isinstance(d, ast.Call)]
                steps = [c for c in calls if isinstance(c.func, ast.Name) and c.func.id in STEP_DECORATORS]
                if steps:
                    yield path, node, steps


def _texts(call: ast.Call, constants: dict[str, str]) -> Iterator[str]:
    """The strings a decorator is given, module constants resolved (DELIVERS + "second")."""
    for node in ast.walk(call):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.Name) and node.id in constants:
            yield constants[node.id]


def _string_constants(path: Path) -> dict[str, str]:
    return {
        target.id: node.value.value
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def test_a_step_takes_its_scenario_object_and_at_most_one_more_thing() -> None:
    """Arguments parsed from the step's text aside: the scene (or FindFace's api) first, and at
    most one value an earlier step made (its target_fixture)."""
    wrong = []
    for path, function, decorators in _steps():
        constants = _string_constants(path)
        parsed = {
            name
            for call in decorators
            for text in _texts(call, constants)
            for match in PARSED.finditer(text)
            for name in match.groups()
            if name
        }
        fixtures = [a.arg for a in function.args.args if a.arg not in parsed]
        objects = [name for name in fixtures if name in SCENARIO_OBJECTS]
        others = [name for name in fixtures if name not in SCENARIO_OBJECTS]
        if len(objects) > 1 or len(others) > 1 or (objects and fixtures[0] != objects[0]):
            wrong.append(f"{path.name}::{function.name}({', '.join(fixtures)})")
    assert wrong == [], f"a step takes the scene (or api) and at most one more thing: {wrong}"


def test_no_fixture_needs_a_value_only_a_step_provides() -> None:
    """A step's target_fixture exists only once that step ran: a fixture asking for it would be
    set up, or not, depending on the Gherkin (and the architecture cannot see it)."""
    made_by_steps = {
        keyword.value.value
        for _, _, decorators in _steps()
        for call in decorators
        for keyword in call.keywords
        if keyword.arg == "target_fixture" and isinstance(keyword.value, ast.Constant)
    }
    assert made_by_steps, "no step makes a value for a later step: the check below would see nothing"
    needing = []
    for path in (ROOT / "fixtures").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and any(
                "fixture" in ast.unparse(d) for d in node.decorator_list
            ):
                needing += [
                    f"{path.name}::{node.name} needs {a.arg}"
                    for a in node.args.args
                    if a.arg in made_by_steps
                ]
            elif isinstance(node, ast.Call) and ast.unparse(node.func).endswith("getfixturevalue"):
                asked = node.args[0]
                if (
                    isinstance(asked, ast.Constant)
                    and isinstance(asked.value, str)
                    and asked.value in made_by_steps
                ):
                    needing.append(f"{path.name} asks for {asked.value}")
    assert needing == [], f"fixtures must not depend on what a step made: {needing}"


CLAIM = re.compile(r"^- .+ — `(?P<where>(?:tests|bench)/[\w/]+\.py)(?:::(?P<test>test_\w+))?`$")


def _test_functions() -> set[str]:
    """Every module-level test function under tests/ (not those in pytester's source strings)."""
    return {
        f"tests/{path.name}::{node.name}"
        for path in (ROOT / "tests").glob("test_*.py")
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def test_the_claims_list_names_every_test_once_and_nothing_that_is_gone() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text()
    section = text[text.index("## What the tests prove, claim by claim") :]
    bullets = [line for line in section.splitlines() if line.startswith("- ")]
    matches = [(line, CLAIM.match(line)) for line in bullets]
    malformed = [line for line, m in matches if m is None]
    assert not malformed, f"a claim is '- what it proves — `tests/FILE.py::TEST`': {malformed}"
    named = Counter(m["where"] + (f"::{m['test']}" if m["test"] else "") for _, m in matches if m)
    tests = _test_functions()
    missing = sorted(tests - named.keys())
    assert not missing, f"add to ARCHITECTURE.md what these prove: {missing}"
    twice = [n for n, k in named.items() if k > 1 and "::" in n]
    assert not twice, f"named twice in ARCHITECTURE.md: {twice}"
    gone = [n for n in named if ("::" in n and n not in tests) or not (ROOT / n.split("::")[0]).exists()]
    assert not gone, f"ARCHITECTURE.md names what is not there: {gone}"
