"""Every figure of the three sample statistics files, as read by eye from the files.

The tables below are transcribed from the files (opened in a spreadsheet
program and a text editor), row by row, with the row numbers they are on.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.statistics.conftest import SUS_ENDED, SUS_STATUS, UPPFOLJNING

# SUS standardrapport status (xlsx), sheet "Standardrapport status": row, insats,
# sex, then columns C (Deltagare under perioden), D (Påbörjade), E (Avslutade),
# F (Aktuella vid periodens slut).
STATUS_ROWS = """
8  ISA-Västra                         Kvinna 22 9 8 14
9  ISA-Västra                         Man    26 12 10 16
10 ISA-Västra                         Totalt 48 21 18 30
11 ISA-navigator                      Kvinna 14 7 5 9
12 ISA-navigator                      Man    16 8 6 10
13 ISA-navigator                      Totalt 30 15 11 19
14 Motala_Fontänhus                   Kvinna 16 6 4 12
15 Motala_Fontänhus                   Man    16 7 5 11
16 Motala_Fontänhus                   Totalt 32 13 9 23
17 Försteg_Gröna_projektet_Boxholm    Kvinna 5 2 2 3
18 Försteg_Gröna_projektet_Boxholm    Man    8 4 3 5
19 Försteg_Gröna_projektet_Boxholm    Totalt 13 6 5 8
20 Natursteget_i_Motala               Kvinna 7 4 3 4
21 Natursteget_i_Motala               Man    10 5 4 6
22 Natursteget_i_Motala               Totalt 17 9 7 10
23 Försteg_Ödeshög                    Kvinna 3 1 1 2
24 Försteg_Ödeshög                    Man    5 2 2 3
25 Försteg_Ödeshög                    Totalt 8 3 3 5
26 Vadstena_Folkhögskola              Kvinna 8 3 2 6
27 Vadstena_Folkhögskola              Man    7 3 2 5
28 Vadstena_Folkhögskola              Totalt 15 6 4 11
29 Skänninge                          Kvinna 5 3 2 3
30 Skänninge                          Man    5 2 1 4
31 Skänninge                          Totalt 10 5 3 7
32 Stöd_mot_sysselsättning            Kvinna 6 3 2 4
33 Stöd_mot_sysselsättning            Man    8 4 3 5
34 Stöd_mot_sysselsättning            Totalt 14 7 5 9
35 SMC_–_inträdet_på_arbetsmarknaden  Kvinna 5 4 1 4
36 SMC_–_inträdet_på_arbetsmarknaden  Man    5 5 1 4
37 SMC_–_inträdet_på_arbetsmarknaden  Totalt 10 9 2 8
38 Samtliga_insatser                  Kvinna 91 42 30 61
39 Samtliga_insatser                  Man    106 52 37 69
40 Samtliga_insatser                  Totalt 197 94 67 130
"""

# SUS avslutade, sysselsättning (csv, Windows-1252, ';'): line, insats, sex, then
# C Antal avslutade, D Förvärvsarbete, E Studier, F Aktivt arbetssökande…,
# G Övriga avslutade, H Andel till arbete, studier eller arbetssökande (%).
ENDED_ROWS = """
6  ISA-Västra                         Kvinna 8 3 1 1 3 62
7  ISA-Västra                         Man    10 4 0 2 4 60
8  ISA-navigator                      Kvinna 5 1 1 1 2 60
9  ISA-navigator                      Man    6 2 1 1 2 67
10 Motala_Fontänhus                   Kvinna 4 0 0 0 4 0
11 Motala_Fontänhus                   Man    5 0 0 1 4 20
12 Försteg_Gröna_projektet_Boxholm    Kvinna 2 0 0 1 1 50
13 Försteg_Gröna_projektet_Boxholm    Man    3 1 0 0 2 33
14 Natursteget_i_Motala               Kvinna 3 1 0 0 2 33
15 Natursteget_i_Motala               Man    4 1 0 1 2 50
16 Försteg_Ödeshög                    Kvinna 1 0 0 0 1 0
17 Försteg_Ödeshög                    Man    2 0 0 0 2 0
18 Vadstena_Folkhögskola              Kvinna 2 0 2 0 0 100
19 Vadstena_Folkhögskola              Man    2 0 2 0 0 100
20 Skänninge                          Kvinna 2 1 0 0 1 50
21 Skänninge                          Man    1 0 0 1 0 100
22 Stöd_mot_sysselsättning            Kvinna 2 0 0 1 1 50
23 Stöd_mot_sysselsättning            Man    3 1 0 0 2 33
24 SMC_–_inträdet_på_arbetsmarknaden  Kvinna 1 0 0 0 1 0
25 SMC_–_inträdet_på_arbetsmarknaden  Man    1 0 0 0 1 0
26 Samtliga_insatser                  Totalt 67 15 7 10 35 47,8
"""

# Uppföljning Finsam (csv, UTF-8 with BOM, ','): line, insats, sex, G Antal deltagare.
UPPFOLJNING_ROWS = """
2  Mottagningsteamet_Lekeberg      Kvinna 6
3  Mottagningsteamet_Lekeberg      Man    3
4  Samverkansteamet_Örebro         Kvinna 32
5  Samverkansteamet_Örebro         Man    32
6  Coachingteamet_Lekeberg         Kvinna 16
7  Coachingteamet_Lekeberg         Man    14
8  Coachingteamet_Örebro           Kvinna 68
9  Coachingteamet_Örebro           Man    81
10 Arbetsträningsplatser_Rosängen  Kvinna 1
11 Arbetsträningsplatser_Rosängen  Man    3
"""

INSATS_IDS = {
    "ISA-Västra": "isa-vastra",
    "ISA-navigator": "isa-navigator",
    "Motala Fontänhus": "motala-fontanhus",
    "Försteg Gröna projektet Boxholm": "forsteg-grona-projektet-boxholm",
    "Natursteget i Motala": "natursteget-motala",
    "Försteg Ödeshög": "forsteg-odeshog",
    "Vadstena Folkhögskola": "vadstena-folkhogskola",
    "Skänninge": "skanninge",
    "Stöd mot sysselsättning": "stod-mot-sysselsattning",
    "SMC – inträdet på arbetsmarknaden": "digitaliseringscenter",
    "Samtliga insatser": None,
    "Mottagningsteamet Lekeberg": "mottagningsteam-lekeberg",
    "Samverkansteamet Örebro": "samverkansteam-orebro",
    "Coachingteamet Lekeberg": "coachingteam-lekeberg",
    "Coachingteamet Örebro": "coachingteam-orebro",
    "Arbetsträningsplatser Rosängen": "arbetstraningsplatser-rosangen",
}
SEX = {"Kvinna": "female", "Man": "male", "Totalt": "all"}
STATUS_COLUMNS = [("C", "participants", None), ("D", "started", None), ("E", "ended", None), ("F", "current", None)]
ENDED_COLUMNS = [
    ("C", "ended", None), ("D", "ended", "work"), ("E", "ended", "studies"),
    ("F", "ended", "job_seeking"), ("G", "ended", "other"), ("H", "ended", "work_studies_or_job_seeking"),
]  # fmt: skip


def expected_figures(table: str, columns: list[tuple[str, str, str | None]], sheet: str | None) -> set[tuple]:
    """(insats, insats_id, measure, sex, outcome, count, share, sheet, row, column, printed) per cell."""
    found = set()
    for line in table.strip().splitlines():
        row, insats, sex, *values = line.split()
        insats = insats.replace("_", " ")
        for (column, measure, outcome), value in zip(columns, values, strict=True):
            is_share = column == "H"
            printed = f"{value} %" if is_share else value
            count = None if is_share else int(value)
            share = Decimal(value.replace(",", ".")) if is_share else None
            found.add((insats, INSATS_IDS[insats], measure, SEX[sex], outcome, count, share, sheet, int(row), column, printed))
    return found


def figure_tuples(statistics_file) -> set[tuple]:
    return {
        (f.insats_label, f.insats_id, f.measure, f.sex, f.outcome, f.participant_count, f.share_pct,
         f.source_sheet, f.source_row, f.source_column, f.raw_text)
        for f in statistics_file.figures
    }  # fmt: skip


def test_sus_status_workbook(read) -> None:
    result = read(SUS_STATUS)
    assert result.ok, result.error_message
    assert (result.source_format, result.sheet, result.header_row) == ("xlsx", "Standardrapport status", 7)
    assert result.title == "SUS – Standardrapport deltagare: status"
    assert result.organisation_printed == "Samordningsförbundet Västra Östergötland"
    assert (result.period_start, result.period_end) == (date(2021, 1, 1), date(2021, 8, 31))
    assert (result.anonymous_count, result.anonymous_in_totals) == (2, False)
    assert len(result.figures) == 33 * 4
    assert result.statistics_file_id == "stat-" + result.source_sha256[:16]
    assert figure_tuples(result) == expected_figures(STATUS_ROWS, STATUS_COLUMNS, "Standardrapport status")


def test_sus_ended_csv_in_windows_1252(read) -> None:
    result = read(SUS_ENDED)
    assert result.ok, result.error_message
    assert (result.source_format, result.encoding, result.separator, result.header_row) == ("csv", "cp1252", ";", 5)
    assert result.title == "Standardrapport deltagare - sysselsättning efter avslut"
    assert result.organisation_printed == "Samordningsförbundet Västra Östergötland"
    assert (result.period_start, result.period_end) == (date(2021, 1, 1), date(2021, 8, 31))
    assert len(result.figures) == 21 * 6
    assert figure_tuples(result) == expected_figures(ENDED_ROWS, ENDED_COLUMNS, None)
    outcome_texts = {f.outcome: f.outcome_text for f in result.figures}
    assert outcome_texts["job_seeking"] == "Aktivt arbetssökande som ej arbetar och studerar"
    assert outcome_texts["other"] == "Övriga avslutade"


def test_uppfoljning_finsam_long_csv_with_bom(read) -> None:
    result = read(UPPFOLJNING)
    assert result.ok, result.error_message
    assert (result.source_format, result.encoding, result.separator, result.header_row) == ("csv", "utf-8-sig", ",", 1)
    assert (result.organisation_printed, result.org_nr_printed) == ("Finsam Lekeberg Örebro", "222000-2493")
    assert (result.period_start, result.period_end) == (date(2023, 1, 1), date(2023, 6, 30))
    assert figure_tuples(result) == expected_figures(UPPFOLJNING_ROWS, [("G", "participants", None)], None)


def test_totals_are_marked_and_never_counted_as_insatser(read) -> None:
    status = read(SUS_STATUS)
    totals = {(f.insats_label, f.sex) for f in status.figures if f.is_total}
    assert ("ISA-Västra", "all") in totals and ("Samtliga insatser", "female") in totals
    assert ("ISA-Västra", "female") not in totals
    # The per-insats rows by sex add up to the file's own total row, so nothing counts twice.
    parts = [f for f in status.figures if not f.is_total]
    for measure, total in {"participants": 197, "started": 94, "ended": 67, "current": 130}.items():
        assert sum(f.participant_count for f in parts if f.measure == measure) == total
    assert all(f.is_insats_total == (f.insats_label == "Samtliga insatser") for f in status.figures)
    assert not any(f.is_total for f in read(UPPFOLJNING).figures)


@pytest.mark.parametrize("key", [SUS_STATUS, SUS_ENDED, UPPFOLJNING])
def test_a_file_is_read_alike_twice(read, key: str) -> None:
    first, second = read(key), read(key)
    assert first.figures == second.figures and first.reader_version == second.reader_version
