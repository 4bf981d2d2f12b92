"""Bounded per-subscriber queues behind the gateway's server streams."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Subscription(Generic[T]):
    """A queue of at most `size` items; a put on a full queue drops the item and counts it."""

    def __init__(self, size: int, accepts: Callable[[T], bool] = lambda _: True) -> None:
        self._items: deque[T] = deque()
        self._size = size
        self._accepts = accepts
        self._cond = threading.Condition()
        self._closed = False
        self.dropped = 0

    def offer(self, item: T) -> None:
        if not self._accepts(item):
            return
        with self._cond:
            if self._closed:
                return
            if len(self._items) >= self._size:
                self.dropped += 1
                return
            self._items.append(item)
            self._cond.notify()

    def take(self) -> list[T]:
        """Every queued item at once, waiting for at least one; [] once the subscription is closed.

        Taking the whole backlog under one lock keeps a busy stream from paying a lock round
        trip per event.
        """
        with self._cond:
            self._cond.wait_for(lambda: self._items or self._closed)
            if self._closed:
                return []
            items = list(self._items)
            self._items.clear()
            return items

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


class Hub(Generic[T]):
    """Fan-out of items to every open subscription."""

    def __init__(self) -> None:
        self._subs: set[Subscription[T]] = set()
        self._lock = threading.Lock()
        self._dropped_by_closed = 0  # drops of subscriptions that have ended

    @property
    def count(self) -> int:
        return len(self._subs)

    @property
    def dropped(self) -> int:
        """Items dropped on full queues, over the hub's lifetime."""
        with self._lock:
            return self._dropped_by_closed + sum(s.dropped for s in self._subs)

    def subscribe(self, size: int, accepts: Callable[[T], bool] = lambda _: True) -> Subscription[T]:
        sub: Subscription[T] = Subscription(size, accepts)
        with self._lock:
            self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription[T]) -> None:
        sub.close()
        with self._lock:
            if sub in self._subs:
                self._subs.discard(sub)
                self._dropped_by_closed += sub.dropped

    def publish(self, item: T) -> None:
        with self._lock:
            subs = list(self._subs)
        for sub in subs:
            sub.offer(item)

    def close_all(self) -> None:
        with self._lock:
            subs, self._subs = self._subs, set()
        for sub in subs:
            sub.close()
