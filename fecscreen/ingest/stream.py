"""A filing's largest itemized layout fed to DuckDB through a named pipe while the
file is still being read (POSIX only; elsewhere, and with several DuckDB threads,
the layouts go through temporary files, read in parallel)."""

from __future__ import annotations

import array
import os
import select
import threading
import time
from pathlib import Path

from fecscreen.errors import StoreError

try:  # the streaming pipe is a POSIX feature; elsewhere temporary files are used
    import fcntl
    import termios
except ImportError:  # pragma: no cover
    fcntl = None


class Stream:
    """Feeds one itemized layout to DuckDB through a named pipe while the file is read.

    The first Schedule A/B layout written to (in a filing of ``STREAM_BYTES`` or more, when
    DuckDB has at most ``STREAM_MAX_THREADS`` threads, see :func:`streams`)
    goes to a pipe that one INSERT, running in a second thread on the caller's
    connection and transaction, reads as the lines come; so reading the file and
    inserting its bulk overlap. The main thread does not touch the connection until
    :meth:`finish` has returned.
    """

    def __init__(self, con, filing_id: str, workdir: Path, insert):
        self.con, self.filing_id, self.insert = con, filing_id, insert
        self.path = workdir / "stream.fifo"
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.fh = None

    def open(self, group):
        if self.thread is not None or group.table == "lines" or fcntl is None \
                or not hasattr(os, "mkfifo"):
            return None
        os.mkfifo(self.path)
        # Opened read-write, the pipe never blocks anyone's open(); writes are non-blocking
        # and wait in select(), so a reader that fails cannot leave this thread hanging.
        fd = os.open(self.path, os.O_RDWR | os.O_NONBLOCK)
        try:
            fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
        except OSError:
            pass
        group.streamed = True
        self.thread = threading.Thread(target=self._run, args=(group,), daemon=True,
                                       name="fecscreen-insert")
        self.thread.start()
        self.fh = PipeWriter(fd, self)
        return self.fh

    def _run(self, group) -> None:
        try:
            self.insert(self.con, self.filing_id, group, [self.path])
        except BaseException as exc:  # handed to the reading thread in finish()
            self.error = exc

    def finish(self) -> None:
        """Close the pipe (end of data), wait for the INSERT, raise its error if any."""
        if self.fh is not None:
            self.fh.close()
        if self.thread is not None:
            self.thread.join()
        if self.error is not None:
            raise self.error


class PipeWriter:
    """The write end of the stream: blocking writes that give up if the reader has died."""

    def __init__(self, fd: int, stream: Stream):
        self.fd, self.stream = fd, stream

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self.fd, view):]
                continue
            except BlockingIOError:
                pass
            if not self.stream.thread.is_alive():
                raise self.stream.error or StoreError(
                    "the database stopped reading the filing", where=str(self.stream.path))
            select.select([], [self.fd], [], 0.05)

    def close(self) -> None:
        """End of data. The pipe is closed only once the reader has taken everything in it:
        closing earlier, before DuckDB has even opened it, would throw the data away."""
        if self.fd < 0:
            return
        unread = array.array("i", [0])
        while self.stream.thread.is_alive():
            fcntl.ioctl(self.fd, termios.FIONREAD, unread, True)
            if unread[0] == 0:
                break
            time.sleep(0.001)
        fd, self.fd = self.fd, -1
        os.close(fd)


STREAM_BYTES = 32 << 20  # filings this large read and insert at the same time
STREAM_MAX_THREADS = 1   # ... when DuckDB has no more threads than this (see streams)


def streams(con, size: int) -> bool:
    """Whether to read the file and insert its bulk at the same time (through a pipe).

    A pipe is read by one DuckDB thread, a temporary file by all of them. With one
    thread, overlapping reading and inserting wins; with two or more, reading first
    and then inserting from files in parallel is faster (on 2 cores, a 200 MB filing:
    about 3.0 s against 4.5 s, see docs/benchmarks.md).
    """
    if size < STREAM_BYTES:
        return False
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    return int(threads) <= STREAM_MAX_THREADS


__all__ = ["Stream", "PipeWriter", "STREAM_BYTES", "STREAM_MAX_THREADS", "streams"]
