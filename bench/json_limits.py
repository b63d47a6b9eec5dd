"""Webhook body checks: the byte scan + json.loads of before issue 13, the parse used since,
and a pure-Python parser with the depth limit inside it (measured, not used).

Run: .venv/bin/python -m bench.json_limits [--repeat 2000]
Figures are microseconds per body (best of 5 rounds), CPU-bound, one core.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import time
from collections.abc import Callable
from json.decoder import scanstring
from typing import Any

from bench.common import machine
from bot.observability import Refused, parse_json

UPDATE = {"update_id": 123456789, "message": {
    "message_id": 42, "date": 1601510400, "text": "lịch hôm nay",
    "chat": {"id": 111222333, "type": "private", "first_name": "Nguyễn", "last_name": "Văn A"},
    "from": {"id": 111222333, "is_bot": False, "first_name": "Nguyễn", "last_name": "Văn A",
             "language_code": "vi"},
    "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}}


def old_scan(raw: bytes, limit: int = 32) -> bool:
    """bot/observability.json_depth_exceeds as it was before issue 13 (ran on every POST)."""
    depth = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def old_check(raw: bytes) -> None:
    if not old_scan(raw):
        json.loads(raw)


_TOKEN = re.compile(r'[ \t\n\r]*(?:(?P<s>"[^"\\\x00-\x1f]*")|(?P<e>")'
                    r"|(?P<n>-?(?:0|[1-9][0-9]*)(?P<f>(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?))"
                    r"|(?P<p>[\[\]{},:])|(?P<l>true|false|null))")
_LIT = {"true": True, "false": False, "null": None}


def limited_parse(raw: bytes, max_depth: int = 32) -> Any:
    """A JSON parser with the depth limit in the parse: explicit stack, C scanstring."""
    text = raw.decode()
    stack: list[Any] = []
    top: Any = None
    key: Any = None
    state = "value"
    result: Any = None
    pos = 0
    while tok := _TOKEN.match(text, pos):
        pos = tok.end()
        kind = tok.lastgroup
        if kind == "p":
            c = tok.group("p")
            if c in "[{":
                if state not in ("value", "array"):
                    raise ValueError(pos)
                if len(stack) >= max_depth:
                    raise ValueError("too deep")
                new: Any = [] if c == "[" else {}
                if top is None:
                    result = new
                elif type(top) is list:
                    top.append(new)
                else:
                    top[key] = new
                stack.append(new)
                top, state = new, ("array" if c == "[" else "object")
            elif c in "]}":
                if state not in ("after", "array" if c == "]" else "object"):
                    raise ValueError(pos)
                stack.pop()
                top = stack[-1] if stack else None
                state = "after" if stack else "done"
            elif c == ",":
                state = "value" if type(top) is list else "key"
            else:
                state = "value"
            continue
        if kind == "s":
            v: Any = text[tok.start("s") + 1:pos - 1]
        elif kind == "e":
            v, pos = scanstring(text, pos)
        elif kind == "n":
            v = float(tok.group("n")) if tok.group("f") else int(tok.group("n"))
        else:
            v = _LIT[tok.group("l")]
        if state in ("object", "key"):
            key, state = v, "colon"
        elif top is None:
            result, state = v, "done"
        elif type(top) is list:
            top.append(v)
            state = "after"
        else:
            top[key] = v
            state = "after"
    if state != "done":
        raise ValueError(pos)
    return result


def timed(fn: Callable[[bytes], Any], raw: bytes, repeat: int) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            with contextlib.suppress(Refused, ValueError, RecursionError):
                fn(raw)
        best = min(best, (time.perf_counter() - start) / repeat)
    return best * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    small = json.dumps(UPDATE, ensure_ascii=False).encode()
    big = json.dumps([UPDATE] * 1500, ensure_ascii=False).encode()
    deep = b"[" * (1 << 19) + b"]" * (1 << 19)
    print(machine())
    print(f"{'body':<28}{'scan+loads':>12}{'parse_json':>12}{'py parser':>12}")
    for name, raw, repeat in ((f"update, {len(small)} B", small, args.repeat),
                              (f"1,500 updates, {len(big) >> 10} KiB", big, 3),
                              ("[[[…]]] 1 MiB", deep, 3)):
        row = [timed(f, raw, repeat) for f in (old_check, parse_json, limited_parse)]
        print(f"{name:<28}" + "".join(f"{v:>12,.0f}" for v in row))


if __name__ == "__main__":
    main()
