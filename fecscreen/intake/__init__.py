"""Contributions as they arrive: screen one before it is accepted, record it once it is.

    from fecscreen.intake import Screener, parse_contribution
    screener = Screener(store)
    result = screener.screen(parse_contribution({...}))
    result.decision, result.findings, result.donor

The screen runs the very rules ``fecscreen check`` runs (:func:`fecscreen.rules.runner.evaluate`)
on the rows the contribution can touch; see :mod:`fecscreen.intake.screen`.
"""

from fecscreen.intake.contribution import Contribution, parse_contribution
from fecscreen.intake.screen import Screener, ScreenResult

__all__ = ["Contribution", "parse_contribution", "Screener", "ScreenResult"]
