-- One row per participant count a report gives (results, not targets), from
-- tables and sentences. Only reports in dim_report.
{{ participant_rows(is_target=false) }}
