"""Options shared by every command, so they behave the same everywhere."""

from __future__ import annotations

import functools
import sys

import click

from fecscreen.store import ENV_DB, Store, default_path, open_store


def db_option(func):
    """``--db PATH`` (default ``$FECSCREEN_DB`` or ``./fecscreen.duckdb``)."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        default=None,
        envvar=ENV_DB,
        show_envvar=True,
        help="DuckDB database file. Default: ./fecscreen.duckdb",
    )(func)


def quiet_option(func):
    return click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")(func)


def open_db(db_path: str | None, *, read_only: bool = False) -> Store:
    return open_store(db_path or default_path(), read_only=read_only)


def is_terminal() -> bool:
    return sys.stderr.isatty()


def with_store(func):
    """Open the database from --db, pass it as ``store``, close it afterwards."""

    @db_option
    @functools.wraps(func)
    def wrapper(*args, db_path=None, **kwargs):
        with open_db(db_path) as store:
            return func(*args, store=store, **kwargs)

    return wrapper
