"""The G-SDK API the simulated gateway serves, counted from outside: every RPC of the connect,
device, auth, user, card, finger, face, event and tna services (from the generated protos), called
once on a terminal of each simulated model (biohil.apisurvey). Prints a table of every RPC by
model (P plausible, u refused as a feature the model lacks, ! implausible, x refused otherwise,
- not served, ? no call), then per service: RPCs, plausible on at least one model, served.

    .venv/bin/python bench/api_survey.py [--details]
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

import grpc

from biohil import apisurvey
from biohil.simulator import Simulator
from biohil.simulator.models import FLEET_MODELS, fleet

MARK = {
    "plausible": "P",
    "unsupported": "u",
    "implausible": "!",
    "refused": "x",
    "not served": "-",
    "no call": "?",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="print every answer that is not plausible")
    args = parser.parse_args()
    specs = fleet(len(FLEET_MODELS))
    with tempfile.TemporaryDirectory() as tmp, Simulator(Path(tmp), devices=specs) as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            terminals = {spec.model.name: (spec.ip, spec.port, spec.device_id) for spec in specs}
            surveys = apisurvey.survey_terminals(apisurvey.invoker(channel), terminals)
    models = list(surveys)
    verdicts = {m: {o.method: o for o in s.outcomes} for m, s in surveys.items()}
    width = max(len(apisurvey.short(m)) for m in apisurvey.methods())
    print(" " * width + "  " + "  ".join(f"{i + 1}" for i in range(len(models))))
    per_service: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for method in apisurvey.methods():
        name = apisurvey.short(method)
        marks = [MARK[verdicts[m][name].verdict] for m in models]
        print(f"{name:<{width}}  " + "  ".join(marks))
        counts = per_service[method.containing_service.full_name]
        counts[0] += 1
        counts[1] += "P" in marks
        counts[2] += all(mark != "-" for mark in marks)
    print()
    for i, model in enumerate(models):
        s = surveys[model]
        print(
            f"{i + 1}: {model}: {s.count('plausible')} plausible, {s.count('unsupported')} unsupported, "
            f"{len(s.outcomes) - s.count('plausible') - s.count('unsupported')} other"
        )
    print()
    print(f"{'service':<22} {'RPCs':>5} {'plausible on a model':>21} {'served':>7}")
    for service, (total, plausible, served) in per_service.items():
        print(f"{service:<22} {total:>5} {plausible:>21} {served:>7}")
    totals = [sum(c[i] for c in per_service.values()) for i in range(3)]
    print(f"{'all':<22} {totals[0]:>5} {totals[1]:>21} {totals[2]:>7}")
    if args.details:
        print()
        for model, s in surveys.items():
            for o in s.outcomes:
                if o.verdict != "plausible":
                    print(f"{model}: {o.method}: {o.verdict}: {o.detail}")


if __name__ == "__main__":
    main()
