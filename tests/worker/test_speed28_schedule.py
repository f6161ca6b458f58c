"""Issue 16: a dossier's files are read by up to `ocr_workers` sandboxes at once, the next one
started as soon as ANY running one ends, not after the oldest (a long file held up the core
a short one left), and before the ended one's reading is collected. Order only, never a time:
the long file cannot end before the third file's child is forked, which it waits for."""

from __future__ import annotations

import threading

from worker.core import pipeline

WAIT = 30.0  # a bound only the old order reaches


def _read_waiting_for(mark: str):
    def read_file(path, kind, name, options, engine):
        import os
        import time

        from extractors.model import ReadResult

        if name == "long.png":  # ends only once the third file's child is forked
            for _ in range(int(WAIT * 100)):
                if os.path.exists(mark):
                    break
                time.sleep(0.01)
        return ReadResult((), ())
    return read_file


def test_the_next_file_starts_when_any_running_one_ends(store, settings, engine, cog, monkeypatch, tmp_path):
    from extractors import pages
    from extractors.model import READER_VERSION, FileKind
    from worker.core import sandbox
    from worker.core.context import make_context

    mark = tmp_path / "third-forked"
    events = []
    real = sandbox.Limited

    class Recorded(real):
        def __init__(self, function, path, kind, name, *args, **kwargs):
            self.name = name
            events.append(("forked", name))
            super().__init__(function, path, kind, name, *args, **kwargs)
            if name == "third.png":
                mark.touch()

        def result(self):
            events.append(("awaited", self.name, threading.current_thread().name))
            return super().result()

    monkeypatch.setattr(pipeline, "Limited", Recorded)
    monkeypatch.setattr(pages, "read_file", _read_waiting_for(str(mark)))
    ctx = make_context(settings, store, engine=engine, cog=cog)
    assert settings.ocr_workers == 2
    listed = [(store.blobs.put(name.encode() * 8), FileKind.IMAGE, name)
              for name in ("long.png", "short.png", "third.png")]
    pipeline.read_stored_files(listed, ctx)
    here = threading.current_thread().name
    # the short file ended first: the third is forked, then the short one's reading collected
    assert events[:4] == [("forked", "long.png"), ("forked", "short.png"), ("forked", "third.png"),
                          ("awaited", "short.png", here)]
    assert sorted(events[4:]) == [("awaited", "long.png", here), ("awaited", "third.png", here)]
    assert all(store.reading(sha, READER_VERSION) is not None for sha, _, _ in listed)


def test_the_last_files_are_collected_as_they_end(store, settings, engine, cog, monkeypatch, tmp_path):
    """The last two children: the one that ends first is collected (its reading received and
    saved) while the other still reads, not after it."""
    from extractors import pages
    from extractors.model import READER_VERSION, FileKind, ReadResult
    from worker.core import sandbox
    from worker.core.context import make_context

    mark = tmp_path / "short-collected"
    events = []
    real = sandbox.Limited

    class Recorded(real):
        def __init__(self, function, path, kind, name, *args, **kwargs):
            self.name = name
            super().__init__(function, path, kind, name, *args, **kwargs)

        def result(self):
            events.append(self.name)
            value = super().result()
            if self.name == "short.png":
                mark.touch()  # the long file's child waits for it
            return value

    def read_file(path, kind, name, options, engine):
        if name == "short.png":
            return ReadResult((), ())
        return _read_waiting_for(str(mark))(path, kind, "long.png", options, engine)

    monkeypatch.setattr(pipeline, "Limited", Recorded)
    monkeypatch.setattr(pages, "read_file", read_file)
    ctx = make_context(settings, store, engine=engine, cog=cog)
    listed = [(store.blobs.put(name.encode() * 8), FileKind.IMAGE, name) for name in ("long.png", "short.png")]
    pipeline.read_stored_files(listed, ctx)
    assert events == ["short.png", "long.png"]
    assert all(store.reading(sha, READER_VERSION) is not None for sha, _, _ in listed)


def test_first_ended_takes_a_reading_without_a_child_first():
    class Child:
        def __init__(self):
            import multiprocessing
            import time

            self.receiver, self.sender = multiprocessing.Pipe(duplex=False)
            self.deadline = time.monotonic() + WAIT

    def reading(child=None):
        def finished():
            return None
        finished.child = child
        return finished

    waiting, ended = Child(), Child()
    ended.sender.send("done")
    assert pipeline._first_ended([reading(waiting), reading(ended)]) == 1
    assert pipeline._first_ended([reading(waiting), lambda: None, reading(ended)]) == 1  # no child: ended
    waiting.deadline = 0.0  # past: the oldest is taken, its `result` raises the timeout
    assert pipeline._first_ended([reading(waiting), reading(Child())]) == 0
