"""Scoring pairs of profiles with Splink: profiles in, scored pairs and a trained model out.

Everything Splink-specific lives here. The rest of donor resolution hands the
engine an Arrow table of profiles and gets back an Arrow table of scored pairs,
so another Splink backend (its Spark API, for data that outgrows one machine)
can be added as one more class with the same two methods; the model in
:mod:`fecscreen.donors.model` is plain Splink settings data and runs on either.

Only DuckDB is implemented. It runs in a private in-memory DuckDB connection, so
Splink's intermediate tables never land in the user's database.
"""

from __future__ import annotations

import json
import logging
import math
from importlib import resources
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from fecscreen.donors import model as M
from fecscreen.errors import MissingExtraError


class LinkageEngine(Protocol):
    name: str

    def score(self, profiles: pa.Table, *, model: dict | None,
              prior: float | None = None) -> tuple[pa.Table, dict]:
        """Score candidate pairs of ``profiles``.

        ``model`` is a trained Splink settings dict, or None to train one;
        ``prior`` (with a model) replaces its probability that two random
        profiles are one person.
        Returns (pairs, model). Pairs have unique_id_l, unique_id_r,
        match_weight, match_probability, and gamma_<comparison> / bf_<comparison>
        for every comparison.
        """
        ...


def default_model() -> dict:
    text = (resources.files("fecscreen.donors") / "default_model.json").read_text("utf-8")
    return json.loads(text)


def _import_splink():
    try:
        import splink  # noqa: F401
        from splink import DuckDBAPI, Linker
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise MissingExtraError("splink", None, "donor resolution") from exc
    return DuckDBAPI, Linker


def _weight_equals(column: str, weight: float) -> str:
    if math.isinf(weight):
        return f"{column} = '{'Infinity' if weight > 0 else '-Infinity'}'::DOUBLE"
    return f"abs({column} - ({weight!r})) < 1e-9"


def _without_tf(model: dict) -> dict:
    """The model without term-frequency adjustments (too little data to count names)."""
    out = json.loads(json.dumps(model))
    for comp in out["comparisons"]:
        for level in comp["comparison_levels"]:
            level.pop("tf_adjustment_column", None)
            level.pop("tf_adjustment_weight", None)
    return out


class DuckDBEngine:
    """Splink on a private in-memory DuckDB connection."""

    name = "duckdb"

    def __init__(self, *, threads: int | None = None, memory_limit: str | None = None):
        self.threads = threads
        self.memory_limit = memory_limit

    def _connect(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:")
        if self.threads:
            con.execute(f"SET threads = {int(self.threads)}")
        if self.memory_limit:
            con.execute(f"SET memory_limit = '{self.memory_limit}'")
        con.execute("SET preserve_insertion_order = false")
        return con

    def score(self, profiles: pa.Table, *, model: dict | None,
              prior: float | None = None) -> tuple[pa.Table, dict]:
        DuckDBAPI, Linker = _import_splink()
        logging.getLogger("splink").setLevel(logging.ERROR)
        con = self._connect()
        try:
            db_api = DuckDBAPI(con)
            con.register("donor_profiles_arrow", profiles)
            con.execute("CREATE TABLE donor_profiles_in AS SELECT * FROM donor_profiles_arrow")
            con.unregister("donor_profiles_arrow")
            sdf = db_api.register("donor_profiles_in")
            n = profiles.num_rows
            if model is None and n > M.TRAIN_MAX_PROFILES:
                # The prior and u from all the data (random pairs and a count, cheap
                # at any size); m by EM on the profiles of a sample of surnames (every
                # profile of a surname, so true matches stay together). u must not
                # come from that sample: it holds few surnames, so two random
                # profiles in it share a surname far more often than in the data.
                model = self._prior_and_u(Linker, sdf, n)
                model["probability_two_random_records_match"] = M.held_prior(
                    model["probability_two_random_records_match"], n)
                k = -(-n // M.TRAIN_MAX_PROFILES)
                sample = con.sql("SELECT * FROM donor_profiles_in "
                                 f"WHERE hash(last_name) % {k} = 0").to_arrow_table()
                # A connection of its own: Splink caches tables (term frequencies) per
                # connection, and those of the sample must not be used for the full data.
                tcon = self._connect()
                tcon.register("donor_train_arrow", sample)
                tcon.execute("CREATE TABLE donor_train AS SELECT * FROM donor_train_arrow")
                tcon.unregister("donor_train_arrow")
                del sample
                trainer = Linker(DuckDBAPI(tcon).register("donor_train"), model, log_level=None)
                self._estimate_m(trainer)
                model = trainer.misc.save_model_to_json()
                tcon.close()
                linker = Linker(sdf, model, log_level=None)
            elif model is None:
                linker = Linker(sdf, self._prior_and_u(Linker, sdf, n), log_level=None)
                self._estimate_m(linker)
                model = linker.misc.save_model_to_json()
            else:
                use = model
                if profiles.num_rows < M.MIN_PROFILES_FOR_TF:
                    use = _without_tf(model)
                linker = Linker(sdf, use, log_level=None)
                if prior:
                    linker._settings_obj._probability_two_random_records_match = prior
            # Carrying every compared column through to the output is the slow part of
            # predict(); keep only the weights, and read each comparison's level back
            # from its weight (each level has its own weight, log2 m/u).
            linker._settings_obj._retain_matching_columns = False
            pairs = linker.inference.predict(threshold_match_weight=M.MATCH_WEIGHT_THRESHOLD)
            rel = pairs.as_duckdbpyrelation()
            keep = ["unique_id_l", "unique_id_r", "match_weight", "match_probability"]
            keep += [c for c in rel.columns if c.startswith("mw_")]
            keep += self._gamma_sql(linker)
            table = rel.select(", ".join(keep)).to_arrow_table()
            return table, model
        finally:
            con.close()

    @staticmethod
    def _gamma_sql(linker: Any) -> list[str]:
        """SQL for gamma_<comparison> (the level index) from mw_<comparison>."""
        out = []
        for comp in linker._settings_obj.comparisons:
            name = comp.output_column_name
            whens = " ".join(
                f"WHEN {_weight_equals(f'mw_{name}', lvl._match_weight)} "
                f"THEN {lvl.comparison_vector_value}"
                for lvl in comp.comparison_levels if not lvl.is_null_level
            )
            out.append(f"CAST(CASE {whens} ELSE -1 END AS TINYINT) AS gamma_{name}")
        return out

    @staticmethod
    def _prior_and_u(Linker: Any, sdf: Any, n_profiles: int) -> dict:
        """Settings with the prior and every u estimated on ``sdf``.

        u comes from random pairs, as many as :func:`model.u_pairs` says, except for
        the comparisons of ``model.U_FEW_PAIRS``: their levels are common among
        random pairs, so fewer pairs give their u as well, and those comparisons
        are the dearest to evaluate.
        """
        settings = M.settings()
        linker = Linker(sdf, settings, log_level=None)
        linker.training.estimate_probability_two_random_records_match(
            list(M.DETERMINISTIC_RULES), recall=M.DETERMINISTIC_RECALL
        )
        model = linker.misc.save_model_to_json()
        trained = {}
        for few in (False, True):
            part = dict(settings, comparisons=[
                c for c in settings["comparisons"]
                if (c["output_column_name"] in M.U_FEW_PAIRS) == few])
            pairs = M.U_MIN_PAIRS if few else M.u_pairs(n_profiles)
            part_linker = Linker(sdf, part, log_level=None)
            part_linker.training.estimate_u_using_random_sampling(max_pairs=pairs, seed=M.SEED)
            for comp in part_linker.misc.save_model_to_json()["comparisons"]:
                trained[comp["output_column_name"]] = comp
        model["comparisons"] = [trained[c["output_column_name"]] for c in model["comparisons"]]
        return model

    @staticmethod
    def _estimate_m(linker: Any) -> None:
        t = linker.training
        for block in M.EM_BLOCKS:
            t.estimate_parameters_using_expectation_maximisation(
                block, estimate_without_term_frequencies=True, max_pairs=M.EM_MAX_PAIRS
            )


def get_engine(name: str = "duckdb", **options) -> LinkageEngine:
    if name == "duckdb":
        return DuckDBEngine(**options)
    from fecscreen.errors import ConfigError

    raise ConfigError(f"unknown linkage engine {name!r}", hint="use 'duckdb'")


__all__ = ["LinkageEngine", "DuckDBEngine", "get_engine", "default_model"]
