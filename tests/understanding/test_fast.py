"""The understanding's compiled build (handlers/understanding/fast.py, `make fast`, on demand):
never used when it is not of the sources on disk, nor when HOCTAP_PURE_PYTHON is set. That a
build answers every line as the sources do is checked where one is built (README
"Development": `HOCTAP_PURE_PYTHON=1 python -m bench.understanding_same --record F`, then
`--check F` with the build in use; BENCHMARKS.md §8.132, §8.135)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import handlers.understanding.understand as understand_module
from handlers.understanding import fast


def test_whichever_understanding_is_read_says_so() -> None:
    """The compiled modules are imported only from the build of these very sources; otherwise
    the sources are, and why is said."""
    loaded = Path(understand_module.__file__ or "")
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
