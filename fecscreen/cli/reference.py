"""Render ``docs/cli.md`` — the command reference — from the commands' own help.

    python -m fecscreen.cli.reference > docs/cli.md

A test compares the page with :func:`render`, so a command or option cannot be
added, renamed or removed without the reference following.
"""

from __future__ import annotations

import click

from fecscreen.cli import main


def _walk(command: click.Command, path: list[str]):
    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=path[-1])
        for name in command.list_commands(ctx):
            yield from _walk(command.get_command(ctx, name), [*path, name])


def render() -> str:
    out = [
        "# Command reference",
        "",
        "Generated from the commands' own `--help` (`python -m fecscreen.cli.reference > "
        "docs/cli.md`); a test fails when it is out of date.",
        "",
    ]
    for path, command in _walk(main, ["fecscreen"]):
        parent = None
        for i in range(1, len(path)):
            parent = click.Context(main if i == 1 else parent.command, info_name=path[i - 1],
                                   parent=parent)
        ctx = click.Context(command, info_name=path[-1], parent=parent, terminal_width=88,
                            help_option_names=["-h", "--help"],
                            max_content_width=88)
        out += [f"## `{' '.join(path)}`", "", "```text", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
