"""Participant figures by measure, sex and outcome, from tables and sentences.

Reports give these figures as a table (Totalt / Kvinna / Man per measure) or, more
often, in sentences: "9 individer, 6 kvinnor och 3 män", "Totalt har 79 deltagare
avslutats varav 43 kvinnor och 36 man", "31 % (12/39), 2 arbete, 1 studier, …".
The rules read such wording wherever it occurs:

* A number followed by a participant noun (deltagare, individer, kvinnor, män,
  nyinskrivna, avslutade, …) is a count. The noun, the words around it and the
  head count of its sentence decide the measure and the sex. Volumes (möten,
  tillfällen, ärenden, kartläggningar) are not participants and are skipped.
* A percentage is kept where it belongs to a count ("9 personer (11%)"), to a
  ratio ("71 % (5/7)") or to an outcome of ended participants ("fortsatt
  rehabilitering (80%)").
* Outcomes are the phrases of the outcome seed, or the items of a list such as
  "3 arbete, 1 studier, 1 åter remittent" after an ended count or a ratio.
* Goals (mål, målsättning, "ska", a sentence opening with "Att" or "Arbeta med",
  the first sentence of a numbered goal item) are targets. A figure printed in
  parentheses beside a goal, or after "resultatet ligger på", is a result.
* A heading, an insats table row or an insats named in the sentence decides the
  insats; a sentence about "förbundet" is about the whole association. Figures
  under structural headings count attendees, not participants.

Insats names and outcome phrases come from the dbt seeds ``insats.csv`` and
``participant_outcomes.csv``. Each row carries the folded name it matched
(``insats_key``, ``outcome_key``); dbt resolves insats_id and the outcome code
from the same seeds, so a seed edit needs no new parse.
"""

from __future__ import annotations

from typing import Any

from finsam_warehouse.parsing.catalog import Catalog
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.participants.figures import deduplicate
from finsam_warehouse.parsing.participants.reader import ParticipantReader
from finsam_warehouse.parsing.participants.reading import _ReportReading
from finsam_warehouse.parsing.participants.vocabulary import insats_names, outcome_phrases

__all__ = ["read_participants"]


def read_participants(
    lines: list[TextLine], meta: ReportMetadata, catalog: Catalog, association_id: str | None = None
) -> list[dict[str, Any]]:
    """Every participant figure of a report's text, as rows of raw.participant_counts.

    With ``association_id``, headings and sentences are matched against that
    association's insatser only.
    """
    names = insats_names(catalog.insats, association_id)
    reader = ParticipantReader(meta, names, outcome_phrases(catalog.participant_outcomes))
    reading = _ReportReading(reader, reader.units(lines))
    rows: list[dict[str, Any]] = []
    for f in deduplicate(reading.run()):
        start, end = f.period or reader.report_period
        rows.append(
            {
                "period_start": start,
                "period_end": end,
                "insats_label": f.insats.label if f.insats else None,
                "insats_key": f.insats.key if f.insats else None,
                "measure": f.measure,
                "measure_printed": f.measure_printed,
                "sex": f.sex,
                "outcome_text": f.outcome[0] if f.outcome else None,
                "outcome_key": f.outcome[1] if f.outcome else None,
                "participant_count": f.count,
                "share_pct": f.share,
                "is_target": f.is_target,
                "figure_group": f.group,
                "anonymous_mentioned": f.block in reading.anonymous_blocks,
                "source_page": f.line.page,
                "source_line": f.line.number,
                "raw_text": f.raw_text,
            }
        )
    return rows
