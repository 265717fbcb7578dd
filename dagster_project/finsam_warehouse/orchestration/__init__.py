"""Dagster wiring: thin assets over the parsing and warehouse libraries."""
