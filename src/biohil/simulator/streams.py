"""Bounded per-subscriber queues behind the gateway's server streams.

A published message is serialized once, however many subscribers take it, and queued as bytes:
fan-out costs one queue append per subscriber, and a queue's size in bytes is what it holds in
memory. Each queue is bounded by its count (the client's queueSize) and by bytes (its share of
one budget for all queues); when either is full the oldest queued item is dropped and counted,
as the gateway's queue drops what a slow subscriber did not take. Publishers are threads (the
calls, the clock); a stream's reader is a coroutine on the server's event loop, woken once per
batch rather than once per item.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections import deque
from collections.abc import AsyncGenerator, Callable
from typing import Generic, Protocol, TypeVar

_BYTES_HEADER = sys.getsizeof(b"")


def cost(payload: bytes) -> int:
    """What one queued item holds in memory: the bytes object, rounded up to the allocator's
    16-byte blocks, and its slot in the deque."""
    return (_BYTES_HEADER + len(payload) + 15) // 16 * 16 + 8


QUEUE_BUDGET_BYTES = 256 * 1024 * 1024  # all queues together
MAX_QUEUE_BYTES = 64 * 1024 * 1024  # one queue, however few there are
BATCH = 1024  # items a stream takes from its queue at once


class Message(Protocol):
    def SerializeToString(self) -> bytes: ...


M = TypeVar("M", bound=Message)


class Subscription(Generic[M]):
    """One subscriber's queue of serialized messages."""

    def __init__(
        self, size: int, max_bytes: int, accepts: Callable[[M], bool], drop_newest: bool = False
    ) -> None:
        self._items: deque[bytes] = deque()
        self._drop_newest = drop_newest  # reading slow_subscriber=newest: what does not fit is dropped
        self._bytes = 0
        self._size = size
        self.max_bytes = max_bytes  # set by the hub as subscribers come and go
        self.accepts = accepts
        self._cond = threading.Condition()
        self._closed = False
        self._wake: Callable[[], None] | None = None  # the async reader's, while it waits
        self.dropped = 0

    @property
    def queued(self) -> int:
        return len(self._items)

    def put(self, payload: bytes) -> None:
        size = cost(payload)
        with self._cond:
            if self._closed:
                return
            full = len(self._items) >= self._size or self._bytes + size > self.max_bytes
            if self._drop_newest and full and self._items:
                self.dropped += 1
                return
            while self._items and (len(self._items) >= self._size or self._bytes + size > self.max_bytes):
                self._bytes -= cost(self._items.popleft())
                self.dropped += 1
            was_empty = not self._items
            self._items.append(payload)
            self._bytes += size
            self._cond.notify()
            wake = self._wake if was_empty else None
        if wake is not None:
            wake()

    def _drain(self) -> list[bytes]:
        """Up to BATCH queued items, under the lock: a batch spares a busy stream a lock round trip
        per item, and its bound keeps what is out of the queue but not yet written small."""
        if len(self._items) <= BATCH:
            items = list(self._items)
            self._items.clear()
            self._bytes = 0
        else:
            items = [self._items.popleft() for _ in range(BATCH)]
            self._bytes -= sum(cost(i) for i in items)
        return items

    def lost(self, count: int) -> None:
        """Taken but never written (the stream ended mid-batch): counted as dropped."""
        with self._cond:
            self.dropped += count

    def trim(self) -> None:
        """Drop the oldest items until the queue is within its byte bound again."""
        with self._cond:
            while self._items and self._bytes > self.max_bytes:
                self._bytes -= cost(self._items.popleft())
                self.dropped += 1

    def take(self) -> list[bytes]:
        """Every queued item, waiting for at least one; [] once closed. For threads (tests)."""
        with self._cond:
            self._cond.wait_for(lambda: self._items or self._closed)
            return [] if self._closed else self._drain()

    async def batches(self) -> AsyncGenerator[list[bytes], None]:
        """The queued items batch by batch, until the subscription is closed."""
        loop = asyncio.get_running_loop()
        ready = asyncio.Event()

        def wake() -> None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody reads any more
                loop.call_soon_threadsafe(ready.set)

        with self._cond:
            self._wake = wake
        try:
            while True:
                with self._cond:
                    if self._closed:
                        return
                    items = self._drain()
                    if not items:
                        ready.clear()  # under the lock: a put after this wakes us again
                if items:
                    yield items
                else:
                    await ready.wait()
        finally:
            with self._cond:
                self._wake = None

    def close(self) -> None:
        """No more items; what is still queued is dropped (and counted: nobody will take it)."""
        with self._cond:
            if not self._closed:
                self.dropped += len(self._items)
            self._closed = True
            self._items.clear()
            self._bytes = 0
            self._cond.notify_all()
            wake = self._wake
        if wake is not None:
            wake()


class Hub(Generic[M]):
    """Fan-out of messages to every open subscription, within one memory budget."""

    def __init__(self, budget: int = QUEUE_BUDGET_BYTES, drop_newest: bool = False) -> None:
        self._drop_newest = drop_newest
        self._subs: set[Subscription[M]] = set()
        self._lock = threading.Lock()
        self._budget = budget
        self._dropped_by_closed = 0  # drops of subscriptions that have ended

    @property
    def count(self) -> int:
        return len(self._subs)

    @property
    def dropped(self) -> int:
        """Items dropped from full queues, over the hub's lifetime."""
        with self._lock:
            return self._dropped_by_closed + sum(s.dropped for s in self._subs)

    def _share(self) -> None:
        """Each queue's byte bound: an equal share of the budget (the caller holds the lock)."""
        share = min(MAX_QUEUE_BYTES, self._budget // max(1, len(self._subs)))
        for sub in self._subs:
            sub.max_bytes = share
            sub.trim()  # lock order: hub, then subscription (nothing takes them the other way)

    def subscribe(self, size: int, accepts: Callable[[M], bool] = lambda _: True) -> Subscription[M]:
        sub: Subscription[M] = Subscription(size, MAX_QUEUE_BYTES, accepts, self._drop_newest)
        with self._lock:
            self._subs.add(sub)
            self._share()
        return sub

    def unsubscribe(self, sub: Subscription[M]) -> None:
        """Idempotent: a stream's end and its client's going away may both call it."""
        sub.close()
        with self._lock:
            if sub in self._subs:
                self._subs.discard(sub)
                self._dropped_by_closed += sub.dropped
                self._share()

    def publish(self, message: M) -> None:
        with self._lock:
            subs = list(self._subs)
        payload = b""
        for sub in subs:
            if sub.accepts(message):
                payload = payload or message.SerializeToString()
                sub.put(payload)

    def close_all(self) -> None:
        with self._lock:
            subs, self._subs = self._subs, set()
        for sub in subs:
            sub.close()  # what a queue still holds counts as dropped
        with self._lock:
            self._dropped_by_closed += sum(s.dropped for s in subs)
