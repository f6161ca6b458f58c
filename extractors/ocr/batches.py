"""Which pages each Tesseract process reads, and in which order the pages are rendered for them.

A batch is a run of consecutive pages one process reads (its start paid once). Rendered in page
order, the second core's batch could only start once the first batch's pages were all rendered
(a 300 dpi page: ~0.1 s each); rendered first page of each batch first, then the second of each,
every core starts reading after about one page's render, and each batch is handed its next page
while it reads the one before. The batches, their pages and their order are the same: the same
words.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence


def batches_of(numbers: Sequence[int], per: int) -> list[list[int]]:
    """The pages `numbers` (in reading order) cut in consecutive runs of `per`."""
    per = max(1, per)
    return [list(numbers[i:i + per]) for i in range(0, len(numbers), per)]


def render_order(numbers: Sequence[int], per: int, workers: int) -> list[int]:
    """`numbers` in the order to render them: the batches read at once (`workers` of them) take
    their first pages first, then their second, and so on; then the next such wave."""
    batches, order = batches_of(numbers, per), []
    for start in range(0, len(batches), max(1, workers)):
        wave = batches[start:start + max(1, workers)]
        for rank in range(max(len(batch) for batch in wave)):
            order += [batch[rank] for batch in wave if rank < len(batch)]
    return order


class Feed(Sequence):
    """A batch's pages, handed one by one as they are rendered: reading one blocks until it is
    handed or the feed is closed (no more pages come: then its length is what was handed)."""

    def __init__(self, planned: int):
        self.planned = planned
        self.items: list = []
        self.closed = False
        self._ready = threading.Condition()

    def put(self, item) -> None:
        with self._ready:
            self.items.append(item)
            self._ready.notify_all()

    def close(self) -> None:
        with self._ready:
            self.closed = True
            self._ready.notify_all()

    @property
    def full(self) -> bool:
        return self.closed or len(self.items) >= self.planned

    def __len__(self) -> int:
        with self._ready:
            return len(self.items) if self.closed else max(self.planned, len(self.items))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        with self._ready:
            self._ready.wait_for(lambda: index < len(self.items) or self.closed or index >= self.planned)
            if index >= len(self.items):
                raise IndexError(index)
            return self.items[index]


class Readable(Sequence):
    """The (number, image, dpi) of `feed` whose page was rendered (image not None), taken as they
    come; its length a bound until the feed is closed."""

    def __init__(self, feed: Feed):
        self.feed = feed
        self.taken: list = []
        self.position = 0  # in the feed

    def __len__(self) -> int:
        return len(self.feed) - (self.position - len(self.taken))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        while len(self.taken) <= index:
            job = self.feed[self.position]  # IndexError once the feed holds no more
            self.position += 1
            if job[1] is not None:
                self.taken.append(job)
        return self.taken[index]
