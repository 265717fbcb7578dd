"""A corpus of report layouts with known truth, rendered by real PDF producers.

Specs (``corpus/specs/*.yaml``) describe reports as data; ``corpus.truth``
derives every printed figure from them; ``corpus.render`` prints them through
LibreOffice, Chromium, reportlab, ``pdftotext -layout``, text styles and scans;
``corpus.build`` renders the whole corpus into a folder the parser can read.
Nothing here imports the parser: truth comes from the specs.
"""
