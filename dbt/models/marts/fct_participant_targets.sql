-- One row per participant target a report sets (e.g. the number of
-- participants an insats aims for), in the shape of fct_participants so that
-- targets and results can be compared. Only reports in dim_report.
{{ participant_rows(is_target=true) }}
