"""The law the screening applies, as data: dated parameters and citations.

``params`` reads the dated limits, thresholds, code lists and election dates in
``data/*.yaml``.
"""
