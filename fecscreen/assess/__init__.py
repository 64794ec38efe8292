"""Assess an allegation of foreign-national money or in-kind activity.

Library first::

    from fecscreen.assess import load_matter, assess, render

    matter = load_matter("examples/alp-sanders-2016.yaml")
    result = assess(matter)
    print(render(result, "md"))

A matter file states parties, activities, payments, knowledge and evidence; any
fact may be ``unknown``. :func:`assess` applies the provisions (52 U.S.C. 30121;
11 CFR 110.20, 100.52, 100.54, 100.74, 100.79) in three-valued logic and returns
conclusions with their reasoning, the decisive unknowns, the nearest precedents,
a civil-penalty estimate and caveats.
"""

from fecscreen.assess.drafts import draft
from fecscreen.assess.interview import interview
from fecscreen.assess.logic import Tri
from fecscreen.assess.matter import Matter
from fecscreen.assess.matter_file import load_matter, parse_matter
from fecscreen.assess.provisions import PROVISIONS
from fecscreen.assess.reasoning import Assessment, Conclusion, Decisive, assess
from fecscreen.assess.render import render

__all__ = ["load_matter", "parse_matter", "assess", "render", "draft", "interview",
           "Matter", "Assessment", "Conclusion", "Decisive", "Tri", "PROVISIONS"]
