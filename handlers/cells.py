"""Values for the spreadsheet and CSV cells we write: text never runs as a formula.

An announcement or a name typed as "=HYPERLINK(...)" would otherwise be a live formula in the
organizers' Excel. Every writer (the contest results CSV and XLSX, the report workbook) passes
its rows through `row`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

# OWASP "CSV Injection": a spreadsheet reads a cell starting with one of these as a formula;
# tab and carriage return because some programs drop them and read what follows.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel's own mark for "this is text": it keeps the cell text, and here stays visible.
TEXT_MARK = "'"
# Every CSV field in double quotes (OWASP's advice too): in a locale where Excel splits on
# ";", a field "a;=1+1" would otherwise start a new cell with a formula.
CSV_QUOTING = csv.QUOTE_ALL


def cell(value: object) -> object:
    """`value` for a cell: text a spreadsheet would run gets TEXT_MARK in front; numbers,
    dates and None stay what they are (a negative number is not text)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return TEXT_MARK + value
    return value


def row(values: Iterable[object]) -> list[object]:
    """A row of cells, each through `cell`."""
    return [cell(v) for v in values]
