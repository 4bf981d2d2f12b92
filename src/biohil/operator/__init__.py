"""Who performs the physical actions a scenario needs: a person in the lab, or a script that
drives the simulator. Steps only ever talk to an `Operator`."""

from biohil.credentials import Input
from biohil.operator.base import (
    Action,
    Attempt,
    Operator,
    OperatorFailed,
    OperatorMissed,
    OperatorSkipped,
    OperatorTimeout,
    Reported,
)

__all__ = [
    "Action",
    "Attempt",
    "Input",
    "Operator",
    "OperatorFailed",
    "OperatorMissed",
    "OperatorSkipped",
    "OperatorTimeout",
    "Reported",
]
