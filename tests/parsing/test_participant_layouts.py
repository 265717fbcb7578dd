"""Participant figures in layouts beyond the samples: space-aligned tables, columns printed
too close to part, outcome tables, a paragraph's insats, outcome lists after an ended count."""

from __future__ import annotations

from datetime import date
from typing import Any

from finsam_warehouse import settings
from finsam_warehouse.parsing.dates import first_month_range
from finsam_warehouse.parsing.extract import extract_text_file
from finsam_warehouse.parsing.participants import read_participants

from tests.parsing.test_participants import META, brief, read_text

Row = dict[str, Any]


def counts(rows: list[Row]) -> set[tuple[Any, ...]]:
    return {(r["measure"], r["sex"], r["outcome_text"], r["participant_count"]) for r in rows}


def read_extracted(text: str) -> list[Row]:
    """Participants read from a text file's lines as the text route gives them."""
    return read_participants(extract_text_file(text.encode()).lines, META, settings.PARSER_CATALOG)


def test_a_space_aligned_table_with_a_header_cell_naming_two_columns() -> None:
    rows = read_extracted(
        "Deltagare i Samverkansteamet 2024\n"
        "Kön                                        Deltagare Nyinskrivna      Avslutade\n"
        "Kvinnor                                           48             22          25\n"
        "Män                                               39             17          19\n"
    )
    assert counts(rows) == {
        ("participants", "female", None, 48), ("started", "female", None, 22), ("ended", "female", None, 25),
        ("participants", "male", None, 39), ("started", "male", None, 17), ("ended", "male", None, 19),
    }  # fmt: skip


def test_columns_printed_too_close_to_part() -> None:
    """'Kvinna Man' over '91 106' in one cell: one figure per name; a row that does not fit is unread."""
    rows = read_text("Antal deltagare\tTotalt\tKvinna Man\nDelår 2024\t197\t91 106\nPåbörjade 2024\t94\t42\n")
    assert counts(rows) == {
        ("participants", "all", None, 197), ("participants", "female", None, 91),
        ("participants", "male", None, 106),
    }  # fmt: skip


def test_an_outcome_table_under_a_heading_about_ended_participants() -> None:
    rows = read_text(
        "Avslutade deltagare efter utfall\n\nUtfall\tAntal\nFörvärvsarbete\t9\nStudier\t5\nÖvriga\t23\nTotalt\t37\n"
    )
    assert brief(rows) == {
        (None, "ended", "all", "work", 9, None, False),
        (None, "ended", "all", "studies", 5, None, False),
        (None, "ended", "all", "other", 23, None, False),
        (None, "ended", "all", None, 37, None, False),
    }


def test_an_outcome_table_about_nothing_ended_is_unread() -> None:
    assert read_text("Resultat\n\nUtfall\tAntal\nArbete\t9\n") == []


def test_the_insats_a_paragraph_names_carries_to_its_next_sentences() -> None:
    rows = read_text(
        "Coachingteamet har under året arbetat med 124 deltagare. Under året har 41 deltagare avslutats, "
        "varav 9 till arbete. Förbundet har totalt 300 deltagare.\n"
    )
    assert brief(rows) == {
        ("Coachingteamet", "participants", "all", None, 124, None, False),
        ("Coachingteamet", "ended", "all", None, 41, None, False),
        ("Coachingteamet", "ended", "all", "work", 9, None, False),
        (None, "participants", "all", None, 300, None, False),
    }


def test_a_goal_after_a_leading_name_and_its_result() -> None:
    rows = read_text("Coachingteamet: Arbeta med 40 individer totalt under året. Utfall: 27 individer, 15 kvinnor.\n")
    assert brief(rows) == {
        ("Coachingteamet", "participants", "all", None, 40, None, True),
        ("Coachingteamet", "participants", "all", None, 27, None, False),
        ("Coachingteamet", "participants", "female", None, 15, None, False),
    }


def test_an_outcome_list_after_the_ended_count_of_the_sentence_before() -> None:
    rows = read_text("Totalt har 20 deltagare avslutats. Av dem gick 4 till arbete och 2 till studier.\n")
    assert brief(rows) == {
        (None, "ended", "all", None, 20, None, False),
        (None, "ended", "all", "work", 4, None, False),
        (None, "ended", "all", "studies", 2, None, False),
    }


def test_a_range_of_whole_months() -> None:
    assert first_month_range("Delårsredovisning januari–juni 2022") == (date(2022, 1, 1), date(2022, 6, 30))
    assert first_month_range("Stöd-insatser 2022") is None


def test_two_text_columns_cut_into_cells_read_as_paragraphs() -> None:
    """A page of two text columns is no table: the right column's sentence is read whole."""
    rows = read_text(
        "Förbundet är en fristående\tStrukturövergripande\n"
        "juridisk organisation med\tinsatser har samlat 1 212 deltagare vid utbildningar\n"
        "fyra medlemmar och ett kansli.\toch nätverksträffar under året.\n"
    )
    assert brief(rows) == {(None, "attendees", "all", None, 1212, None, False)}


def test_the_sentence_word_list_holds_known_roles_and_values() -> None:
    """sentence_words.csv is edited by hand: a typo in a role or a value is caught here."""
    from finsam_warehouse.parsing.participants import vocabulary, words

    measures = {vocabulary.STARTED, vocabulary.ENDED, vocabulary.CURRENT}
    allowed = {
        "measure_noun": measures,
        "measure_adjective": measures | {None},
        "sex_word": {vocabulary.FEMALE, vocabulary.MALE},
    }
    loaded = words._load_words(words.SENTENCE_WORDS)
    for role, entries in loaded.items():
        assert role in words.SENTENCE_WORD_ROLES, role
        for word, value in entries:
            assert word == word.lower().strip() and word.isascii(), (role, word)
            assert value in allowed.get(role, {None}), (role, word, value)
    assert set(loaded) == set(words.SENTENCE_WORD_ROLES)
