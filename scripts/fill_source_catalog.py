"""Fill the Vietnamese catalog: msgids are written in Vietnamese, so each msgstr is its msgid.

Run by `make messages` after `pybabel update`, so the vi catalog is complete and a test can
check that every string shown in Vietnamese went through it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(path: str) -> None:
    po = Path(path)
    with po.open("rb") as f:
        catalog = read_po(f, locale="vi")
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, catalog, omit_header=False, sort_output=True, width=99)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "handlers/locales/vi/LC_MESSAGES/messages.po")
