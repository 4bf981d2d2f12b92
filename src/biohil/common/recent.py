"""The latest items of a record, and the part of them one scenario added."""

from __future__ import annotations

import threading
from collections import deque
from typing import Generic, TypeVar

T = TypeVar("T")


class Recent(Generic[T]):
    """Keeps the latest `kept` items; `mark()` then `since(mark)` cut out what came in between
    (marks stay valid when old items drop out)."""

    def __init__(self, kept: int) -> None:
        self._items: deque[T] = deque(maxlen=kept)
        self._count = 0  # items ever added
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many were ever added (not only those still kept)."""
        return self._count

    def add(self, item: T) -> None:
        with self._lock:
            self._items.append(item)
            self._count += 1

    def mark(self) -> int:
        with self._lock:
            return self._count

    def since(self, mark: int) -> list[T]:
        with self._lock:
            dropped = self._count - len(self._items)
            return list(self._items)[max(0, mark - dropped) :]
