"""The linkage model: what is compared, how pairs are found, and the thresholds.

The model is data for Splink (a settings dictionary), so the same model runs on
any Splink backend. Each comparison is a list of levels, most specific first;
Splink learns how much each level says about two profiles being one person (m
and u probabilities, turned into a match weight in bits).

Households are modelled explicitly, because two people at one address share a
last name, street, ZIP and often an employer, and a plain model adds those up
and merges them:

* first name: two *different known given names* (``JOHN`` / ``JOAN``) are a
  disagreement, not a typo; the typo level is only for a spelling that is not a
  known given name (``JOHM``).
* suffix: ``JR`` vs ``SR`` (or ``II`` vs ``III``) is its own level, a strong
  non-match; one record with a suffix and one without is two levels: with the
  same job (employer, or occupation where neither names an employer) it is
  most likely one person who left the suffix off; with another job, most
  likely the other generation.
* middle name: a full middle name against the same full name, against its
  initial (compatible), and two different middle names or initials (not).
* place: the same ZIP+4 and two different ZIP+4s in one ZIP5 are levels of
  their own, so Splink learns that namesakes in one ZIP5 sit at other ZIP+4s;
  a ZIP+4 many profiles share (a large building) counts for less
  (term-frequency adjustment on the nine-digit ZIP).
* employer and occupation: exact, similar spelling, different. A different
  employer is weak evidence (people change jobs); uninformative values
  (``SELF-EMPLOYED``, ``RETIRED``...) are null after cleaning.

On top of the weights, clustering refuses to join two groups whose records
conflict on these fields (see :mod:`fecscreen.donors.cluster`).
"""

from __future__ import annotations

from typing import Any

# Splink scores pairs; pairs at or above this weight (bits) are candidate links.
MATCH_WEIGHT_THRESHOLD = 7.0
# First names at least this Jaro-Winkler-similar, not both known given names, are a typo.
FIRST_TYPO_JW = 0.88
LAST_TYPO_JW = 0.92
EMPLOYER_FUZZY_JW = 0.88
SEED = 7
# Below this many profiles, name frequencies are too noisy: no term-frequency adjustment.
MIN_PROFILES_FOR_TF = 500

OCCUPATION_FUZZY_JW = 0.9

COLUMNS = ("first_name", "first_alts", "first_known", "middle", "middle_name", "last_name",
           "suffix", "zip5", "zip4", "zip9", "city", "state", "street", "employer", "occupation")

# One job on both sides: the same employer, or the same occupation where neither
# side names an employer.
SAME_JOB = ("(employer_l = employer_r OR (employer_l IS NULL AND employer_r IS NULL "
            "AND occupation_l = occupation_r))")


def _lvl(sql: str, label: str, *, null: bool = False, tf: str | None = None) -> dict[str, Any]:
    level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if null:
        level["is_null_level"] = True
    if tf:
        level["tf_adjustment_column"] = tf
        level["tf_adjustment_weight"] = 1.0
    return level


ELSE = "ELSE"


def _compare(col: str, description: str, *between: dict[str, Any], exact: str = "exact",
             tf: bool = False) -> dict[str, Any]:
    """A comparison on ``col``: missing on either side, equal, the ``between`` levels,
    anything else."""
    return {
        "output_column_name": col,
        "comparison_description": description,
        "comparison_levels": [
            _lvl(f"{col}_l IS NULL OR {col}_r IS NULL", "null", null=True),
            _lvl(f"{col}_l = {col}_r", exact, tf=col if tf else None),
            *between,
            _lvl(ELSE, "different"),
        ],
    }


def _one_edit(col: str) -> str:
    return f"(length({col}_l) > 3 AND damerau_levenshtein({col}_l, {col}_r) <= 1)"


def comparisons() -> list[dict[str, Any]]:
    """The comparisons, as Splink comparison dictionaries."""
    return [
        _compare(
            "first_name", "given name",
            _lvl("list_contains(first_alts_l, first_name_r)", "nickname"),
            _lvl("(length(first_name_l) = 1 OR length(first_name_r) = 1) "
                 "AND left(first_name_l, 1) = left(first_name_r, 1)", "initial"),
            _lvl(f"(jaro_winkler_similarity(first_name_l, first_name_r) >= {FIRST_TYPO_JW} "
                 f"OR {_one_edit('first_name')}) AND NOT (first_known_l AND first_known_r)",
                 "typo"),
            tf=True,
        ),
        _compare(
            "last_name", "surname",
            _lvl(f"jaro_winkler_similarity(last_name_l, last_name_r) >= {LAST_TYPO_JW} "
                 f"OR {_one_edit('last_name')}", "typo"),
            tf=True,
        ),
        {
            "output_column_name": "middle",
            "comparison_description": "middle name or initial",
            "comparison_levels": [
                _lvl("middle_l IS NULL OR middle_r IS NULL", "null", null=True),
                _lvl("middle_name_l = middle_name_r", "same name"),
                # An initial against the full name it starts (or the same initial on
                # both sides): compatible. Two full names must be alike.
                _lvl("middle_l = middle_r AND (middle_name_l IS NULL OR middle_name_r IS NULL "
                     "OR damerau_levenshtein(middle_name_l, middle_name_r) <= 1)",
                     "same initial"),
                _lvl(ELSE, "different"),
            ],
        },
        {
            "output_column_name": "suffix",
            "comparison_description": "generational suffix (JR, SR, II, III)",
            "comparison_levels": [
                _lvl("suffix_l IS NULL AND suffix_r IS NULL", "neither"),
                _lvl("suffix_l = suffix_r", "same"),
                _lvl(f"(suffix_l IS NULL OR suffix_r IS NULL) AND {SAME_JOB}", "one only, same job"),
                _lvl("suffix_l IS NULL OR suffix_r IS NULL", "one only, other job"),
                _lvl(ELSE, "different"),
            ],
        },
        {
            "output_column_name": "place",
            "comparison_description": "street, ZIP+4, ZIP5, city",
            "comparison_levels": [
                _lvl("(zip5_l IS NULL OR zip5_r IS NULL) AND (city_l IS NULL OR city_r IS NULL)",
                     "null", null=True),
                _lvl("street_l = street_r AND zip5_l = zip5_r", "same street"),
                _lvl("zip9_l = zip9_r", "same ZIP+4", tf="zip9"),
                # Two ZIP+4s in one ZIP5: another block or building, most often
                # another person of the same name (a namesake).
                _lvl("zip5_l = zip5_r AND zip4_l <> zip4_r", "same ZIP5, other ZIP+4"),
                _lvl("zip5_l = zip5_r", "same ZIP5"),
                _lvl("city_l = city_r AND state_l = state_r", "same city"),
                _lvl("state_l = state_r", "same state"),
                _lvl(ELSE, "different"),
            ],
        },
        _compare(
            "employer", "employer (normalised)",
            # Close spellings, one a beginning of the other (GLOBEX IND / GLOBEX
            # INDUSTRIES), or the words of one all in the other (SPRINGFIELD CITY /
            # CITY OF SPRINGFIELD).
            _lvl(f"jaro_winkler_similarity(employer_l, employer_r) >= {EMPLOYER_FUZZY_JW} "
                 "OR starts_with(employer_l, employer_r) OR starts_with(employer_r, employer_l) "
                 "OR list_has_all(string_split(employer_l, ' '), string_split(employer_r, ' ')) "
                 "OR list_has_all(string_split(employer_r, ' '), string_split(employer_l, ' '))",
                 "similar"),
            tf=True,
        ),
        _compare(
            "occupation", "occupation",
            _lvl(f"jaro_winkler_similarity(occupation_l, occupation_r) >= {OCCUPATION_FUZZY_JW}",
                 "similar"),
            # A new job changes employer and occupation together: counted once, on
            # the employer, not twice (Splink learns what is left of this level).
            _lvl("employer_l <> employer_r", "different, with the employer"),
        ),
    ]


def blocking_rules() -> list[str]:
    """Which pairs are scored at all: pairs agreeing on one of these."""
    return [
        "l.last_name = r.last_name AND l.zip5 = r.zip5",
        "l.last_name = r.last_name AND l.city = r.city AND l.state = r.state "
        "AND left(l.first_name, 1) = left(r.first_name, 1)",
        "l.first_name = r.first_name AND l.zip5 = r.zip5",
        "l.last_name = r.last_name AND l.first_name = r.first_name AND l.employer = r.employer",
    ]


def settings() -> dict[str, Any]:
    """A Splink settings dictionary for de-duplicating donor profiles."""
    levels = comparisons()
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": levels,
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": r} for r in blocking_rules()
        ],
        "probability_two_random_records_match": 1e-5,
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": True,
        "max_iterations": 20,
        "em_convergence": 0.001,
    }


# Training: which pairs EM learns from (each leaves its own columns out).
EM_BLOCKS = (
    "l.last_name = r.last_name AND l.zip5 = r.zip5",
    "l.first_name = r.first_name AND l.last_name = r.last_name",
    "l.first_name = r.first_name AND l.zip5 = r.zip5",
)
# Pairs almost surely one person, used to estimate how rare matches are.
DETERMINISTIC_RULES = (
    "l.first_name = r.first_name AND l.last_name = r.last_name AND l.zip5 = r.zip5 "
    "AND coalesce(l.middle, '') = coalesce(r.middle, '') "
    "AND coalesce(l.suffix, '') = coalesce(r.suffix, '')",
)
DETERMINISTIC_RECALL = 0.7
# The prior is scaled as 1/n only up to this many profiles (see scaled_prior).
PRIOR_SCALE_MAX_PROFILES = 1_000_000
# Above this many profiles, train on the profiles of a sample of surnames of about this size.
TRAIN_MAX_PROFILES = 1_000_000
# Sample sizes for training (pairs): enough for stable m and u, small enough to be quick.
# Random pairs for u grow with the profiles trained on: two random profiles at one
# street are about as rare as 1/n, and a level never seen in the sample gets no u
# (and so no weight at all: at 760,000 profiles, 1e6 pairs saw no "same street").
U_MIN_PAIRS = 1e6
U_PAIRS_PER_PROFILE = 10
U_MAX_PAIRS = 1e8
EM_MAX_PAIRS = 5e5
# Comparisons whose u is estimated from U_MIN_PAIRS random pairs whatever the size:
# each of their levels is either common among random pairs (the same given name, a
# nickname or a near spelling, the same occupation: about one pair in a hundred to
# a thousand) or not seen in a hundred million pairs either (an initial against a
# name, two near spellings of an occupation), so more pairs change nothing but the
# time, and their conditions (Jaro-Winkler and edit distance on every pair) are the
# dearest to evaluate. The rest converge early, except place, whose "same street"
# is as rare as one pair in the number of profiles and is cheap to evaluate.
U_FEW_PAIRS = ("first_name", "occupation")


def u_pairs(n_profiles: int) -> float:
    """How many random pairs to estimate u from, for ``n_profiles`` training profiles."""
    return min(U_MAX_PAIRS, max(U_MIN_PAIRS, U_PAIRS_PER_PROFILE * n_profiles))


def held_prior(prior: float, n_profiles: int) -> float:
    """A prior estimated on ``n_profiles`` profiles, held where :func:`scaled_prior`
    holds it: at its value for ``PRIOR_SCALE_MAX_PROFILES`` profiles."""
    if n_profiles <= PRIOR_SCALE_MAX_PROFILES:
        return prior
    return min(0.5, prior * n_profiles / PRIOR_SCALE_MAX_PROFILES)


def scaled_prior(base: float, trained_profiles: int, n_profiles: int) -> float:
    """A prior ``base`` learnt on ``trained_profiles`` profiles, moved to ``n_profiles``.

    A person has about the same number of profiles in a small store as in a
    large one, so the chance that two random profiles are one person falls as
    1/n: prior_n = prior_trained * n_trained / n (at most 0.5). Beyond
    ``PRIOR_SCALE_MAX_PROFILES`` (or the training size, if larger) it is not
    lowered further: only pairs that share a blocking key are ever scored, and
    those blocks (a surname in a ZIP) do not grow with the size of the store the
    way the number of all pairs does.
    """
    n_eff = min(n_profiles, max(trained_profiles, PRIOR_SCALE_MAX_PROFILES))
    return min(0.5, base * trained_profiles / max(n_eff, 2))


__all__ = ["scaled_prior", "held_prior", "u_pairs", "settings", "comparisons", "blocking_rules", "MATCH_WEIGHT_THRESHOLD",
           "COLUMNS"]
