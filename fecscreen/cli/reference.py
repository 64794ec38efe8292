"""Render ``docs/cli.md`` — the command reference — from the commands' own help.

    python -m fecscreen.cli.reference > docs/cli.md

A test compares the page with :func:`render`, so a command or option cannot be
added, renamed or removed without the reference following.
"""

from __future__ import annotations

import click

from fecscreen.cli import main


def _walk(ctx: click.Context):
    """Each command's context, parents first (so its usage line shows the full path)."""
    yield ctx
    command = ctx.command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            yield from _walk(click.Context(command.get_command(ctx, name), info_name=name,
                                           parent=ctx))


def render() -> str:
    out = [
        "# Command reference",
        "",
        "Generated from the commands' own `--help` (`python -m fecscreen.cli.reference > "
        "docs/cli.md`); a test fails when it is out of date.",
        "",
    ]
    root = click.Context(main, info_name="fecscreen", terminal_width=88, max_content_width=88,
                         help_option_names=["-h", "--help"])
    for ctx in _walk(root):
        out += [f"## `{ctx.command_path}`", "", "```text", ctx.command.get_help(ctx).rstrip(),
                "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
