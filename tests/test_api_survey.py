"""Counted from outside: every RPC of the connect, device, auth, user, card, finger, face, event
and tna services, as the generated protos declare them, called by biohil.apisurvey on one
terminal of each simulated model over the public gRPC API.

Each answer must be plausible (what the G-SDK documentation describes, read back where the call
changes state) or the terminal's refusal of a feature its model lacks, naming a capability flag
that is false on it; every RPC must be plausible on at least one model, unless its feature is one
no simulated model has (models.ABSENT, with the reason). The README's API tables are generated
from the servicers and must be the ones in the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from biohil import apisurvey
from biohil.simulator import Simulator, apitable, models
from biohil.simulator.models import FLEET_MODELS, fleet

README = Path(__file__).resolve().parents[1] / "src/biohil/simulator/README.md"
METHODS = [apisurvey.short(m) for m in apisurvey.methods()]


@pytest.fixture(scope="module")
def surveys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, apisurvey.Survey]]:
    specs = fleet(len(FLEET_MODELS))
    with Simulator(tmp_path_factory.mktemp("survey-certs"), devices=specs) as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            terminals = {spec.model.name: (spec.ip, spec.port, spec.device_id) for spec in specs}
            found = apisurvey.survey_terminals(apisurvey.invoker(channel), terminals)
            yield found


def _listed(surveys: dict[str, apisurvey.Survey], verdicts: set[str]) -> list[str]:
    return [
        f"{model}: {o.method}: {o.verdict}: {o.detail}"
        for model, s in surveys.items()
        for o in s.outcomes
        if o.verdict in verdicts
    ]


def test_the_survey_covers_every_rpc_of_the_nine_services() -> None:
    assert len(METHODS) == len(set(METHODS))
    described = apisurvey.calls()
    assert [m for m in METHODS if m not in described] == []
    assert [m for m in described if m not in METHODS] == [], "a call of no declared method"


def test_every_rpc_is_served(surveys: dict[str, apisurvey.Survey]) -> None:
    assert _listed(surveys, {"not served", "no call"}) == []


def test_every_answer_is_plausible_or_the_refusal_of_a_feature_the_model_lacks(
    surveys: dict[str, apisurvey.Survey],
) -> None:
    assert _listed(surveys, {"implausible", "refused"}) == []


def test_every_rpc_is_plausible_on_some_model_unless_no_model_has_its_feature(
    surveys: dict[str, apisurvey.Survey],
) -> None:
    nowhere = [
        m
        for m in METHODS
        if not any(o.method == m and o.verdict == "plausible" for s in surveys.values() for o in s.outcomes)
    ]
    unexplained = [m for m in nowhere if not set(models.needs(m)) & models.ABSENT.keys()]
    assert unexplained == []
    assert all(models.ABSENT.values()), "an absent feature without its reason"


def _refused(condition: str) -> str:
    """How a refusal names a condition of models.NEEDS: "flag is false", or for "!flag" "flag is true"."""
    return f"{condition.removeprefix('!')} is {'true' if condition.startswith('!') else 'false'}"


def test_a_refusal_names_the_flag_the_method_needs(surveys: dict[str, apisurvey.Survey]) -> None:
    wrong = [
        f"{model}: {o.method}: {o.detail}"
        for model, s in surveys.items()
        for o in s.outcomes
        if o.verdict == "unsupported"
        and not any(
            o.detail.endswith(f"{c.removeprefix('!')} is {str(c.startswith('!')).lower()}")
            for c in models.needs(o.method)
        )
    ]
    assert wrong == []


def test_the_readme_holds_the_generated_api_tables() -> None:
    text = README.read_text(encoding="utf-8")
    assert apitable.with_tables(text) == text, "the README's API tables differ: run make api-table"
