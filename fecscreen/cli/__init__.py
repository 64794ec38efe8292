"""The ``fecscreen`` command: one click group, thin.

Each command lives in its own module of this package and only parses options,
calls the library and prints. Commands load lazily so ``fecscreen --help`` stays
fast and an optional extra that is not installed breaks only its own command.
"""

from __future__ import annotations

import importlib
import sys

import click

from fecscreen.errors import FecscreenError

# command name -> "module:function" inside fecscreen.cli
COMMANDS: dict[str, str] = {
    "load": "load:load",
    "resolve": "donor:resolve_cmd", "donor": "donor:donor",
    "fetch": "fetch:fetch",
    "assess": "assess:assess",
    "check": "check:check", "rules": "check:rules_cmd", "explain": "check:explain",
    "report": "report:report", "demo": "report:demo", "load-to-report": "report:load_to_report",
    "evaluate": "evaluate:evaluate",
    "serve": "serve:serve", "token": "serve:token",
    "export": "export:export",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(f"fecscreen.cli.{module}"), attr)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FecscreenError as exc:
            click.echo(f"Error: {exc.render()}", err=True)
            sys.exit(2)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fecscreen")
def main() -> None:
    """Find foreign-national and other prohibited money in FEC data.

    \b
    Example:
        fecscreen load 1550126.fec && fecscreen check
    """


__all__ = ["main", "COMMANDS"]
