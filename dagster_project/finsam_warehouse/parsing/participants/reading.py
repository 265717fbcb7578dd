"""The walk over one report's units: headings give the scope, tables and paragraphs the figures."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from finsam_warehouse.parsing.dates import ISO_DATE, iso_date
from finsam_warehouse.parsing.participants.figures import (
    Figure,
    Goal,
    Head,
    InsatsRef,
    Scope,
)
from finsam_warehouse.parsing.participants.reader import ParticipantReader
from finsam_warehouse.parsing.participants.sentence import _Sentence
from finsam_warehouse.parsing.participants.tables import (
    FIGURE,
    TableColumn,
    cell_names,
    header_columns,
    is_kind,
    label_value,
    row_figures,
)
from finsam_warehouse.parsing.participants.units import (
    _SECTION_NUMBER,
    Unit,
    _category_of,
    _is_footnote,
    _is_form_label,
    _is_reset_title,
    _numbered_items,
    _sentence_spans,
)
from finsam_warehouse.parsing.participants.vocabulary import (
    _WORD,
    ALL,
    ATTENDEES,
    ENDED,
    PARTICIPANTS,
    Period,
    normalize,
)
from finsam_warehouse.parsing.participants.words import (
    _ANONYMOUS,
    _ENDED_CUE,
    _GOAL_WORD,
    _NUMBER,
    _SEX_WORDS,
    _int,
    noun_of,
)


class _ReportReading:
    """The walk over one report's units: scope, tables, sentences."""

    def __init__(self, reader: ParticipantReader, units: list[Unit]) -> None:
        self.reader = reader
        self.units = units
        self.figures: list[Figure] = []
        self.scope = Scope()
        self.subheading = ""  # the latest heading, normalized
        self.group = 0
        self.blocks = 0
        self.anonymous_blocks: set[int] = set()
        self.table_mode: str | None = (
            None  # "sex_columns", "sex_rows", "outcome_rows", "insats_rows", "volume", "attributes"
        )
        self.table_columns: list[TableColumn] = []
        self.run_named_insats = False  # a heading of the current run of headings named the insats

    def run(self) -> list[Figure]:
        for index, unit in enumerate(self.units):
            if _ANONYMOUS.search(normalize(f"{unit.label or ''} {unit.text}")):
                self.anonymous_blocks.add(self.scope.block)
            if unit.kind == "title":
                self.on_heading(index, unit.text)
                continue
            if unit.kind == "text" and not _is_footnote(unit.text):
                self.table_mode = None
            self.group += 1
            first = len(self.figures)
            if unit.kind == "cells":
                self.read_cells(unit)
            else:
                self.read_unit(unit, self.scope)
            self.attach_chart_legend(index, unit, self.figures[first:])
        for figure in self.figures:
            if figure.measure == PARTICIPANTS and figure.structural:
                figure.measure = ATTENDEES
        return self.figures

    # -- headings

    def new_block(
        self,
        insats: InsatsRef | None = None,
        structural: bool = False,
        period: Period | None = None,
    ) -> None:
        self.blocks += 1
        self.scope = Scope(insats, structural, period, self.blocks)

    def on_heading(self, index: int, title: str) -> None:
        in_run = index > 0 and self.units[index - 1].kind == "title"
        self.subheading = normalize(title)
        self.table_mode = "insats_rows" if re.search(r"\binsats(?:er)?\b", self.subheading) else None
        named = self.reader.heading_insats(title)
        category = _category_of(title)
        if named is not None:
            structural = (
                named.category == "structural"
                or category == "structural"
                or (named.category is None and category is None and self.scope.structural)
            )
            self.new_block(named, structural, self.reader.period_in(normalize(title)))
            self.table_mode = None
        elif category is not None:
            self.new_block(structural=category == "structural")
            self.run_named_insats = False
            return
        elif self.form_rows_follow(index) and not (in_run and self.run_named_insats):
            named = self.reader.insats_ref(_SECTION_NUMBER.sub("", title).strip())
            structural = named.category == "structural" or (named.category is None and self.scope.structural)
            self.new_block(named, structural)
            self.table_mode = None
        else:
            if _is_reset_title(title):
                self.new_block()
            self.run_named_insats = self.run_named_insats and in_run
            return
        self.run_named_insats = True

    def form_rows_follow(self, index: int) -> bool:
        """Do rows such as 'Syfte:' or 'Målgrupp' follow (after any further headings)?"""
        for unit in self.units[index + 1 : index + 6]:
            if unit.kind != "title":
                return _is_form_label(unit.label or unit.text)
        return False

    def attach_chart_legend(self, index: int, unit: Unit, mine: list[Figure]) -> None:
        """A chart label 'N individer / P %' followed by a legend 'Kvinna' takes its sex."""
        if len(mine) != 1 or mine[0].sex != ALL or len(unit.text.split()) > 6 or index + 1 >= len(self.units):
            return
        legend = self.units[index + 1]
        words = _WORD.findall(normalize(legend.text))
        sexes = {_SEX_WORDS[w] for w in words if w in _SEX_WORDS}
        if legend.kind in ("title", "text") and len(words) <= 3 and len(sexes) == 1:
            mine[0].sex = sexes.pop()
            self.group -= 1  # read together with the next paragraph, for the check by sex

    # -- tables

    def read_cells(self, unit: Unit) -> None:
        label, values = unit.cells[0], unit.cells[1:]
        if self.read_table_header(label, values):
            return
        if self.table_mode == "sex_columns" and label:
            measure = label_value(label, "measure") or PARTICIPANTS
            self.read_table_row(unit, values, label, lambda sex: (measure, sex))
            return
        if self.table_mode == "sex_rows" and (sex := _row_sex(label)):
            self.read_table_row(unit, values, label, lambda measure: (measure, sex))
            return
        if self.table_mode == "outcome_rows" and label:
            self.read_outcome_row(unit, values, label)
            return
        if self.table_mode == "volume":
            return
        if self.table_mode is None and re.search(r"\binsats(?:er)?\b", normalize(label)):
            self.table_mode = "insats_rows"  # a header such as "Insats | Deltagare"
            return
        if self.table_mode is None:
            self.table_mode = "attributes"
        scope = self.scope
        if self.table_mode == "insats_rows" and label:
            named = self.reader.insats_ref(label)
            structural = named.category == "structural" or (named.category is None and self.scope.structural)
            scope = replace(self.scope, insats=named, structural=structural)
        self.read_unit(unit, scope)

    def read_table_header(self, label: str, values: list[str]) -> bool:
        """A header row: it sets how the rows below are read."""
        sexes = header_columns(values, "sex")
        if len(sexes) >= 2:  # "Antal deltagare | Totalt | Kvinna | Man"
            words = _WORD.findall(normalize(label))
            noun = noun_of(words[-1]) if words else None
            self.table_mode = "volume" if noun is not None and noun.kind == "volume" else "sex_columns"
            self.table_columns = sexes
            return True
        measures = header_columns(values, "measure")
        if len(measures) >= 2 and not any(_NUMBER.search(normalize(v)) for v in values):
            self.table_mode = "sex_rows"  # "Kön | Påbörjade | Avslutade | Aktuella"
            self.table_columns = measures
            return True
        filled = [v for v in values if v.strip()]
        about_ended = _ENDED_CUE.search(self.subheading) or _ENDED_CUE.search(normalize(label))
        if is_kind(label, "outcome_header") and filled and all(is_kind(v, "count_header") for v in filled):
            # "Utfall | Antal" under a heading about ended participants; elsewhere not sure: unread
            self.table_mode = "outcome_rows" if about_ended else "volume"
            return True
        return False

    def read_table_row(
        self, unit: Unit, values: list[str], label: str, column_figure: Callable[[str], tuple[str, str]]
    ) -> None:
        period = self.table_period(label)
        for column, count in row_figures(values, self.table_columns):
            measure, sex = column_figure(column.value)
            figure = Figure(
                measure, sex, count, None, False, unit.lines[0], " | ".join(unit.cells), measure_printed=label
            )
            self.add(figure, self.scope, period)

    def read_outcome_row(self, unit: Unit, values: list[str], label: str) -> None:
        """'Förvärvsarbete | 9': ended participants by outcome; a total row is the ended count."""
        filled = [v.strip() for v in values if v.strip()]
        if len(filled) != 1 or not FIGURE.fullmatch(filled[0]):
            return
        outcome = None if _row_sex(label) == ALL else (label, self.reader.outcome_key(label))
        figure = Figure(
            ENDED, ALL, _int(filled[0]), None, False, unit.lines[0], " | ".join(unit.cells),
            outcome=outcome, measure_printed=label,
        )  # fmt: skip
        self.add(figure, self.scope, self.table_period(label))

    def table_period(self, label: str) -> Period:
        """The report's period, ending at the date a row label names ("Aktuella 2021-08-31")."""
        start, end = self.scope.period or self.reader.report_period
        for m in ISO_DATE.finditer(label):
            day = iso_date(m.group(0))
            if day and start <= day <= end:
                return start, day
        return start, end

    def add(self, figure: Figure, scope: Scope, period: Period | None = None) -> None:
        figure.period = period or scope.period or self.reader.report_period
        figure.group = self.group
        figure.block = scope.block
        if figure.insats is None and scope.insats is not None:
            figure.insats = scope.insats
        figure.structural = figure.structural or scope.structural
        self.figures.append(figure)

    # -- paragraphs and rows

    def read_unit(self, unit: Unit, scope: Scope) -> None:
        """Sentence by sentence; a goal row ("Resultatmål, utfall | 1. <goal>. <result> 2. …") item by item."""
        if unit.label is not None and _GOAL_WORD.search(normalize(unit.label)):
            items = _numbered_items(unit.text)
            for start, end in items:
                goal = Goal()
                spans = _sentence_spans(unit.text[start:end])
                for n, (a, b) in enumerate(spans):
                    goal, _ = _Sentence(self, unit, start + a, start + b, scope, goal, n == 0).read(None)
            if items:
                return
        head: Head | None = None
        for a, b in _sentence_spans(unit.text):
            sentence = _Sentence(self, unit, a, b, scope, Goal(), False)
            _, head = sentence.read(head)
            scope = sentence.scope_after()


def _row_sex(label: str) -> str | None:
    """The sex a row label of table words names: 'Kvinnor', 'Män', 'Totalt'."""
    names = cell_names(label, "sex")
    return names[0] if names else None
