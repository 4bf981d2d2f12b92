"""Who performs the physical actions a scenario needs: a person in the lab, or a script that
drives the simulator. Steps only ever talk to an `Operator`."""

from biohil.operator.base import (
    Action,
    Input,
    Operator,
    OperatorFailed,
    OperatorSkipped,
    OperatorTimeout,
)

__all__ = ["Action", "Input", "Operator", "OperatorFailed", "OperatorSkipped", "OperatorTimeout"]
