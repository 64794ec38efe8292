"""The law the screening applies, as data: dated parameters and citations.

``params`` reads the dated limits, thresholds, code lists and election dates in
``data/*.yaml``; ``citations`` is the one citation type the rules, the report and
the assessment share (text, confidence tag, and the link to the official text
built from the citation's structure).
"""
