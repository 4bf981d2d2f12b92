"""A terminal's network link, cut and put back by the operator for a scenario; the gateway's
device list tells when it has happened. A link a scenario left cut is put back at its end."""

from __future__ import annotations

import threading

from biohil.client.gateway import Gateway
from biohil.operator.base import LinkChange, Operator, Reported, TerminalIO
from biohil.verdict import Verdict


class NetworkLink:
    def __init__(self, operator: Operator, gateway: Gateway, terminal: TerminalIO) -> None:
        self._operator = operator
        self._gateway = gateway
        self._terminal = terminal
        self.down = False

    def __repr__(self) -> str:
        return f"NetworkLink({self._terminal.name}, {'down' if self.down else 'up'})"

    def change(self, up: bool) -> None:
        device_id = self._terminal.device.id

        def report(timeout: float) -> Reported | None:
            entry = self._gateway.listed(device_id)
            if (entry is not None and entry.connected) == up:
                return Reported(f"the gateway lists it as {entry.status if entry else 'gone'}")
            threading.Event().wait(timeout)  # the device list has no push: look again after a while
            return None

        was = self.down
        if not up:
            self.down = True  # from the moment the person is asked, the cable may be out
        try:
            self._operator.change_link(LinkChange(device_id, self._terminal.name, up), report)
        except Verdict as e:
            if e.skips:  # nobody was asked, or the person skipped it: the cable is as it was
                self.down = was
            raise
        self.down = not up
