"""Numbers typed by people: ASCII digits only, within bounds, or nothing.

`str.isdigit()` is true for "²" and "٣", which `int()` then refuses or reads as a digit the
user never typed; ids also end up in SQL, where 99999999999999999999 overflows the column.
Every command argument that is a number goes through `parse_int`.
"""

from __future__ import annotations

import re

_ASCII_INT = re.compile(r"[0-9]{1,18}")

# The largest id or count a command accepts: a PostgreSQL `integer` column's limit.
MAX_ID = 2**31 - 1


def parse_int(text: str, low: int = 0, high: int = MAX_ID) -> int | None:
    """The number `text` spells in ASCII digits when low <= it <= high, else None."""
    text = text.strip()
    if not _ASCII_INT.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None
