"""What a running service holds: the store, one writer, readers, tokens and the screener.

DuckDB lets one process open a database file for writing, so the service is one
process. Inside it, every write (recording a contribution, a review, a check) runs
on a single writer thread, in order; reads and screens run on request threads,
each with its own cursor of the same database, and see committed data only.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from fecscreen.intake.screen import Screener
from fecscreen.store import Store, open_store
from fecscreen.tokens import TokenBook


class ServiceState:
    def __init__(self, db_path: str):
        self.store = open_store(db_path)
        self.tokens = TokenBook.read(self.store.con)
        self.screener = Screener(self.store)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fecscreen-writer")
        self._writer_store: Store | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self.sessions: dict[str, tuple[str, str]] = {}  # UI session id -> (token name, role)

    def reader(self) -> Store:
        """A store on this thread's own cursor."""
        store = getattr(self._local, "store", None)
        if store is None:
            with self._lock:
                store = Store(self.store.con.cursor(), self.store.path)
            self._local.store = store
        return store

    def write(self, func, *args, **kwargs):
        """Run ``func(store, ...)`` on the writer thread and wait for its result."""
        def job():
            if self._writer_store is None:
                self._writer_store = Store(self.store.con.cursor(), self.store.path)
            return func(self._writer_store, *args, **kwargs)

        return self._writer.submit(job).result()

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        self.store.close()
