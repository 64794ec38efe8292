"""Column order of the FEC electronic filing format 8.3, for the forms the generator writes.

Taken from the loader's layouts (``fecscreen/ingest/layouts.json``), so the
writer and the reader share one source of format knowledge.
"""

from __future__ import annotations

from fecscreen.ingest.layouts import layouts

VERSION = "8.3"


def _columns(form_type: str) -> tuple[str, ...]:
    layout = layouts().lookup(form_type, VERSION)
    if layout is None:  # pragma: no cover - the layouts file ships with the package
        raise LookupError(f"no {VERSION} layout for {form_type}")
    return layout.columns


HDR: tuple[str, ...] = layouts().header_columns(VERSION) or ()
F3 = _columns("F3N")
F3P = _columns("F3PN")
F3X = _columns("F3XN")
SA = _columns("SA11AI")
SB = _columns("SB28A")
F6 = _columns("F6N")
F65 = _columns("F65")

LAYOUTS: dict[str, tuple[str, ...]] = {"HDR": HDR, "F3": F3, "F3P": F3P, "F3X": F3X,
                                       "SA": SA, "SB": SB}
