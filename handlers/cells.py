"""Values for the spreadsheet and CSV cells we write: text never runs as a formula.

An announcement or a name typed as "=HYPERLINK(...)" would otherwise be a live formula in the
organizers' Excel. Every writer (the contest results CSV and XLSX, the report workbook) passes
its rows through `row`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from _csv import Writer

# OWASP "CSV Injection": a spreadsheet reads a cell starting with one of these as a formula;
# tab and carriage return because some programs drop them and read what follows.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel's own mark for "this is text": it keeps the cell text, and here stays visible.
TEXT_MARK = "'"


def cell(value: object) -> object:
    """`value` for a cell: text a spreadsheet would run gets TEXT_MARK in front; numbers,
    dates and None stay what they are (a negative number is not text)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return TEXT_MARK + value
    return value


def row(values: Iterable[object]) -> list[object]:
    """A row of cells, each through `cell`."""
    return [cell(v) for v in values]


def csv_writer(out: TextIO) -> Writer:
    """A CSV writer that quotes every field (OWASP's advice too): where Excel splits on ";",
    an unquoted field "a;=1+1" would start a new cell with a formula. Rows go through `row`."""
    return csv.writer(out, quoting=csv.QUOTE_ALL)
