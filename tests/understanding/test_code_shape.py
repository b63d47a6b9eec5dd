"""The project's modules name each constant once.

Branches merged side by side each added a word set under the same name (round 34: two
`_CLASS_NOUNS`; older: two `_WISHED`, two `_QUIZ_NAMED`): Python keeps the later one, and the
rules written with the first read a set their author never wrote. Nothing else fails then: the
answers change quietly, so the modules are read here for a name bound twice at their top level.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p for package in ("bot", "handlers", "scheduler", "content", "bench", "scripts")
                 for p in (ROOT / package).rglob("*.py"))


def _bound_at_top(tree: ast.Module) -> Counter[str]:
    names: Counter[str] = Counter()
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        names.update(t.id for t in targets if isinstance(t, ast.Name))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
    return names


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_no_name_is_bound_twice_at_the_top_of_a_module(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    twice = sorted(name for name, n in _bound_at_top(tree).items() if n > 1)
    assert not twice, f"{path.relative_to(ROOT)} binds {twice} more than once at its top level"


def test_the_check_finds_a_name_bound_twice() -> None:
    tree = ast.parse("_WORDS = frozenset({'a'})\n_OTHER = 1\n_WORDS = frozenset({'b'})\n")
    assert [n for n, k in _bound_at_top(tree).items() if k > 1] == ["_WORDS"]
