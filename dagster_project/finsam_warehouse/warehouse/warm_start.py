"""Importing this module fills the parser's caches that hold no report's text.

The forkserver that isolated extractions and parses start from imports it once,
so that each file's process starts with the catalog and word files read and the
parser's version known, instead of reading them again per file.
"""

from finsam_warehouse import settings
from finsam_warehouse.parsing.report import warm_caches

warm_caches(settings.PARSER_CATALOG)
