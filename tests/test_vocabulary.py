"""Rule groups and severities are defined once (rules/model.py); the others read them."""

from fecscreen import synth
from fecscreen.report.charts import GROUP_COLORS
from fecscreen.report.data import SEVERITIES
from fecscreen.report.html import GROUP_BLURBS
from fecscreen.rules.model import GROUPS, SEVERITY_RANK


def test_groups_are_one_list():
    assert synth.GROUPS is GROUPS
    assert GROUPS[0] == "foreign-national" and len(GROUPS) == len(set(GROUPS)) == 8


def test_every_group_has_a_blurb_and_a_colour():
    assert set(GROUP_BLURBS) == set(GROUPS)
    assert set(GROUP_COLORS) == set(GROUPS)


def test_severity_order_most_severe_first():
    assert SEVERITY_RANK == {"high": 0, "review": 1, "info": 2}
    assert SEVERITIES == ("high", "review", "info")
