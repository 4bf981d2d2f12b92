"""A pytest plugin for bench/mutation.py: the scenarios of some feature files run first, the rest of
the suite after them in its own order. Nothing is left out, so a bug caught elsewhere is still
caught; a run of one planted bug only meets the scenarios of its area sooner.

    BIOHIL_FIRST_FEATURES=features/gsdk/connection.feature pytest -p first_features   (bench/ on PYTHONPATH)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ENV = "BIOHIL_FIRST_FEATURES"  # feature files or folders, relative to the root, os.pathsep between


@pytest.hookimpl(trylast=True)  # after pytest grouped the items by terminal (session parameters)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    first = [config.rootpath / p for p in os.environ.get(ENV, "").split(os.pathsep) if p]
    if not first:
        return
    from fixtures.bench import scenario_template  # the root is on sys.path only once pytest runs

    def later(item: pytest.Item) -> bool:
        template = scenario_template(item)
        if template is None:
            return True
        written = Path(template.feature.filename).resolve()
        return not any(written == f or f in written.parents for f in first)

    items[:] = sorted(items, key=later)  # stable: each part keeps the suite's order
