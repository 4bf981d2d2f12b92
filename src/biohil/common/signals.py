"""How a command line that serves until stopped is stopped: SIGINT (Ctrl-C) or SIGTERM."""

from __future__ import annotations

import signal
import threading
from types import FrameType


def stop_on_signal() -> threading.Event:
    """An event that SIGINT or SIGTERM sets, for the main thread to wait on and then stop cleanly.
    The handlers are in place when this returns: call it before printing the banner a caller
    reads, so a signal sent once the banner shows stops the server instead of killing it."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    return stop
