"""The understanding's compiled build (handlers/understanding/fast.py, built by `make setup`):
used in CI, never when it is not of the sources on disk nor when HOCTAP_PURE_PYTHON is set,
answering every line of both corpora as the Python sources do, and kept in the content cache
under a key of its own."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import handlers.understanding.understand as understand_module
from content import Edition
from handlers.understanding import Understander, fast


def test_ci_reads_the_understanding_compiled() -> None:
    """In CI (.ci/run builds it through `make setup`) the compiled modules are the ones
    imported; elsewhere, whichever is in use says so consistently: the compiled modules only
    from the build of these very sources, otherwise the sources, and why."""
    loaded = Path(understand_module.__file__ or "")
    if os.environ.get("CI"):
        assert fast.in_use is not None, fast.why_pure
    if fast.in_use is not None:
        assert loaded.suffix == ".so" and loaded.is_relative_to(fast.in_use)
        assert fast.in_use.name == fast.key()
        assert not fast.why_pure
    else:
        assert loaded == fast.PACKAGE / "understand.py" and fast.why_pure


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=fast.ROOT, text=True,
                          capture_output=True, check=False, env={**os.environ, **env})


_WHICH = "import handlers.understanding.fast as f; print(f.in_use)"


def test_a_source_edited_since_the_build_is_read_as_python(tmp_path: Path) -> None:
    """The build is found by the hash of the sources: another hash (an edited source) finds
    none and reads the sources; HOCTAP_PURE_PYTHON=1 reads them always."""
    forced = _python(_WHICH, HOCTAP_PURE_PYTHON="1")
    assert forced.returncode == 0 and forced.stdout.strip() == "None", forced.stderr
    # A build directory made for other sources is never taken for these: key() names it.
    other = fast.BUILDS / ("0" * 20)
    assert not (other / fast.DONE).exists()
    # fast.py loaded first, its key() made to give another hash, then the package imported
    edited = _python(
        "import importlib.util, sys, handlers\n"
        "spec = importlib.util.spec_from_file_location('handlers.understanding.fast',\n"
        "    handlers.__path__[0] + '/understanding/fast.py')\n"
        "f = sys.modules[spec.name] = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(f)\n"
        "f.key = lambda package=None: '0' * 20\n"
        "import handlers.understanding as u\n"
        "print(f.in_use, u.understand.__file__.endswith('.py'), bool(f.why_pure))")
    assert edited.returncode == 0, edited.stderr
    assert edited.stdout.split() == ["None", "True", "True"]


def _compiled_only() -> None:
    if fast.in_use is None:
        pytest.skip(f"the compiled build is not in use ({fast.why_pure}); CI builds it")


def test_compiled_and_python_answer_both_corpora_alike(tmp_path: Path) -> None:
    """Every line of the tuned and the held-out corpus, read twice (memos empty, then
    filled), gets the same full result (bench.understanding_same's digest, no text kept)
    compiled and as Python."""
    _compiled_only()
    from bench.understanding_same import FILES, answers

    recorded = tmp_path / "python.json"
    done = subprocess.run([sys.executable, "-m", "bench.understanding_same",
                           "--record", str(recorded)], cwd=fast.ROOT, text=True,
                          capture_output=True, check=False,
                          env={**os.environ, fast.ENV_PURE: "1"})
    assert done.returncode == 0 and "understanding: Python" in done.stdout, done.stderr
    python = json.loads(recorded.read_text(encoding="utf-8"))
    compiled = answers(FILES)
    assert python.keys() == compiled.keys() and len(compiled) == 2 * len(FILES)
    for key, hashes in compiled.items():
        assert len(hashes) > 2000
        differ = [n for n, (a, b) in enumerate(zip(python[key], hashes, strict=True)) if a != b]
        assert not differ, f"{key}: {len(differ)} lines differ, the first: line {differ[0]}"


def test_a_compiled_understander_is_pickled_and_answers_alike(edition: Edition) -> None:
    """The content cache keeps the compiled understander (its index, its examples' model) as
    it keeps the Python one: pickled by its classes' __reduce__, it comes back whole."""
    _compiled_only()
    built = Understander(edition)
    model = built.examples.model
    asked = ["lich hom nay", "thư viện sách", "cuoc thi", "bao gio khai mac vay ad",
             "toi muon hoc tieng anh mien phi", "so dien thoai btc"]
    day = date(2020, 10, 1)
    said = [built.understand(text, day) for text in asked]
    again_edition, again = pickle.loads(pickle.dumps((edition, built), pickle.HIGHEST_PROTOCOL))
    assert type(again) is Understander and again.edition is again_edition
    assert again.repairer.index is again.index
    kept = again.examples._model
    assert kept is not None and kept.examples is again.examples
    assert kept.answers == model.answers and (kept.weights == model.weights).all()
    assert [again.understand(text, day) for text in asked] == said


def test_the_content_cache_keeps_compiled_and_python_entries_apart() -> None:
    """An entry of the content cache is of the build that wrote it: a process that reads the
    Python sources never reads the compiled understanding's objects, nor the other way."""
    _compiled_only()
    from bot.content_cache import content_key
    from content import default_edition_path

    path = default_edition_path("2020")
    python = _python("from pathlib import Path\nfrom bot.content_cache import content_key\n"
                     f"print(content_key(Path({str(path)!r})))", HOCTAP_PURE_PYTHON="1")
    assert python.returncode == 0, python.stderr
    assert python.stdout.strip() not in ("", "None", content_key(path))
