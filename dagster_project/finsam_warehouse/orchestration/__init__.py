"""Dagster wiring: thin assets over the parsing and warehouse libraries."""

import warnings

from dagster import BetaWarning

# The single-run backfill policy every partitioned asset uses is marked beta; say so once, here.
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=BetaWarning)
