"""Names printed in the reports (note titles, insats names, outcome phrases), with OCR damage repaired.

OCR without Swedish language data drops å/ä/ö ("Verksamhetens intakter",
"Coachingteam Orebro"). Each distinct printed text is repaired word by word
by the parser's own repair (finsam_warehouse.parsing.ocr_repair.WordRepair):
a word that is a known word without its å/ä/ö/é gets them back, and nothing
else changes. Known words: the parser's word list and label vocabulary, and
the words of the seeds (insats names and aliases, outcome phrases,
association names). An intact text is its own repair.
"""

import pandas as pd
from finsam_warehouse.parsing.line_items import LABEL_WORD_REPAIR


def _texts(frames_and_columns) -> set[str]:
    texts = set()
    for frame, columns in frames_and_columns:
        for column in columns:
            texts.update(frame[column].dropna())
    return texts


def _words(texts: set[str]) -> list[str]:
    """The words of ``texts`` in a fixed order, a spelling with å/ä/ö/é before the same word without.

    The repair keeps the first spelling of a folded word (the seeds list some
    names both ways, "Finsammassa|Finsammässa"), so the order must not follow
    the set's, which differs from one Python process to the next.
    """
    words = set()
    for text in texts:
        words.update(w.strip(",.()") for w in text.replace("|", " ").replace("/", " ").split())
    return sorted((w for w in words if len(w) > 2), key=lambda word: (word.isascii(), word))


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds a model's refs only in plain statements of this function.
    insats = dbt.ref("insats").df()
    outcomes = dbt.ref("participant_outcomes").df()
    associations = dbt.ref("associations").df()
    note_lines = dbt.ref("stg_note_lines").df()
    budget_lines = dbt.ref("stg_budget_lines").df()
    participant_counts = dbt.ref("stg_participant_counts").df()
    seed_words = _texts([(insats, ["display_name", "aliases"]), (outcomes, ["phrase"]), (associations, ["name"])])
    printed = _texts(
        [
            (note_lines, ["note_title"]),
            (budget_lines, ["insats_label"]),
            (participant_counts, ["insats_label", "outcome_text"]),
        ]
    )
    repair = LABEL_WORD_REPAIR.with_words(_words(seed_words))
    rows = []
    for text in sorted(printed):
        repaired = repair.restore_marks(text)
        rows.append({"text_printed": text, "text_repaired": repaired, "is_repaired": repaired != text})
    return pd.DataFrame(rows, columns=["text_printed", "text_repaired", "is_repaired"]).astype(
        {"text_printed": "string", "text_repaired": "string", "is_repaired": "bool"}
    )
