"""Writing the warehouse: raw tables and atomic publication. No Dagster import."""
