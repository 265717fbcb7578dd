"""Participant statistics exports (SUS, Uppföljning Finsam): spreadsheets in, figures out.

Pure library: no Dagster, no knowledge of where the dbt project is. The caller
hands in the vocabulary (column words, outcome phrases, insats aliases) loaded
from the dbt seeds.
"""

from finsam_warehouse.parsing.statistics.models import StatisticsError, StatisticsFigure, StatisticsFile
from finsam_warehouse.parsing.statistics.reader import (
    failed_file,
    is_statistics_file,
    read_statistics_file,
    reader_version,
)
from finsam_warehouse.parsing.statistics.vocabulary import StatisticsVocabulary

__all__ = [
    "StatisticsError",
    "StatisticsFigure",
    "StatisticsFile",
    "StatisticsVocabulary",
    "failed_file",
    "is_statistics_file",
    "read_statistics_file",
    "reader_version",
]
