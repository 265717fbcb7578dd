"""Narrative pages of the kind that make a real report 20–60 pages long.

Most of an annual report is prose: the association's mission, what each
initiative did in the year, cooperation with the member authorities. The scale
benchmark puts such pages before a generated report's statements so that a
printed report has a realistic page count. The sentences are built from a
fixed vocabulary (deterministic per association and year) and carry no figures,
so they add reading and parsing work without adding facts.
"""

from __future__ import annotations

import random

HEADINGS = (
    "Verksamhetsberättelse",
    "Uppdrag och organisation",
    "Samverkan under året",
    "Insatser för individer",
    "Strukturinriktade insatser",
    "Uppföljning och utvärdering",
    "Kompetensutveckling",
    "Styrelsens arbete",
)
SUBJECTS = (
    "Förbundet",
    "Styrelsen",
    "Beredningsgruppen",
    "Insatsen",
    "Kansliet",
    "Verksamheten",
    "Samverkansteamet",
    "Förbundschefen",
)
VERBS = (
    "har under året arbetat med",
    "har fortsatt att utveckla",
    "har lagt särskild vikt vid",
    "har i samarbete med parterna följt upp",
    "har genomfört en översyn av",
    "har tagit fram en plan för",
    "har stärkt arbetet med",
)
OBJECTS = (
    "samordnade rehabiliteringsinsatser för personer som står långt från arbetsmarknaden",
    "kunskapsutbyte mellan Försäkringskassan, Arbetsförmedlingen, regionen och kommunerna",
    "tidiga och samordnade insatser för unga vuxna",
    "uppföljningen av deltagarnas väg mot arbete eller studier",
    "gemensamma utbildningsdagar för handläggare hos de samverkande parterna",
    "strukturella förutsättningar för att myndigheterna ska kunna samarbeta bättre",
    "stöd till individer i behov av samordnade insatser för att öka arbetsförmågan",
    "samverkan kring personer med psykisk ohälsa",
)
ENDINGS = (
    "Arbetet har skett i nära dialog med medlemmarna.",
    "Erfarenheterna har spridits till de samverkande parterna.",
    "Deltagarnas synpunkter har tagits till vara i utvecklingsarbetet.",
    "Arbetet fortsätter under kommande verksamhetsår.",
    "Resultaten har redovisats för styrelsen vid flera tillfällen.",
    "Insatsen bedöms ha bidragit till en bättre samordning mellan parterna.",
)
LINES_PER_PAGE = 58  # printed lines of prose on an A4 page of tests/pdf_fixtures.py (measured)
CHARS_PER_LINE = 95  # characters of body text on one printed line
SENTENCES_PER_PARAGRAPH = 5
PARAGRAPHS_PER_SECTION = 4


def _sentence(pick: random.Random) -> str:
    return f"{pick.choice(SUBJECTS)} {pick.choice(VERBS)} {pick.choice(OBJECTS)}. {pick.choice(ENDINGS)}"


def narrative_lines(association_id: str, year: int, pages: int) -> list[str]:
    """About ``pages`` printed pages of prose under headings, as text lines ending in a blank line."""
    pick = random.Random(f"{association_id}-{year}")
    lines: list[str] = []
    printed = 0  # printed lines so far, each heading and paragraph followed by a blank one
    while printed < pages * LINES_PER_PAGE:
        lines += [pick.choice(HEADINGS), ""]
        printed += 2
        for _ in range(PARAGRAPHS_PER_SECTION):
            paragraph = " ".join(_sentence(pick) for _ in range(SENTENCES_PER_PARAGRAPH))
            lines += [paragraph, ""]
            printed += -(-len(paragraph) // CHARS_PER_LINE) + 1
    return lines
