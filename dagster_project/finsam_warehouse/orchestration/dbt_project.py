"""The dbt project, kept apart from the dbt assets (dagster-dbt needs it early)."""

from dagster_dbt import DbtProject

from finsam_warehouse import settings

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()
