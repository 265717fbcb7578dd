/*
    Comparatives OCR may have misread: a comparatives row whose two figures
    differ in exactly one digit (same length, same sign), where either report
    was read by OCR. Serves scanned reports, where a digit misread in one of the
    two prints ("18 890" for "18 800") and a restated comparative look alike:
    such a row is a warn that says so, not a fail. One row per such check row,
    keyed like the checks.
*/

with comparatives as (

    select *
    from {{ ref('int_period_reconciliations') }}
    where check_name = 'comparatives'
      and expected <> actual
      and length(cast(expected as varchar)) = length(cast(actual as varchar))
      and hamming(cast(expected as varchar), cast(actual as varchar)) = 1

),

-- The reports behind a row: its own (report_id) and the reference, whose file
-- ends the detail ("… in a/this.pdf vs … in a/reference.pdf").
ocr_reports as (

    select comparatives.check_name, comparatives.report_id, comparatives.period_end,
        comparatives.subject, comparatives.detail, reports.source_file
    from comparatives
    inner join {{ ref('stg_reports') }} as reports
        on reports.association_id = comparatives.association_id
        and (reports.report_id = comparatives.report_id
            or suffix(comparatives.detail, ' in ' || reports.source_file))
    where reports.source_format = 'pdf_ocr'

)

select
    check_name, report_id, period_end, subject, detail,
    'the two figures differ in one digit only, and '
        || string_agg(distinct source_file, ' and ' order by source_file)
        || ' was read by OCR: a misread digit looks the same as a restated figure' as unsure_note
from ocr_reports
group by all
