"""Realistic FEC data with labelled violations, and accuracy measurement against the labels.

``generate(out_dir, seed=7, scale=1.0)`` writes bulk files (``itcont.txt``,
``cm.txt``, ``cn.txt``, ``ccl.txt``), ``.fec`` filings in format 8.3 and a labels
CSV naming every receipt a correct screen must flag, by rule group.
``evaluate(store, labels_path)`` scores a check run against those labels.
"""

from fecscreen.synth.evaluate import GroupScore, evaluate, format_scores
from fecscreen.synth.generate import GROUPS, Generated, generate

__all__ = ["GROUPS", "Generated", "GroupScore", "evaluate", "format_scores", "generate"]
