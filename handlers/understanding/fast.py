"""The understanding's compiled build (mypyc): where it lives and whether it may be used.

`make setup` runs `scripts/build_fast.py`, which compiles the modules of COMPILED with mypyc
into build/fast/<key>/, the key a hash of their sources and of the Python
that runs them. The package's __init__ (never compiled, nor this module) calls use() before
it imports anything else: the compiled modules are put in front of the sources only when a
finished build of the very sources on disk is there, so an edited source is read as Python
(logged) until the next `make setup`. HOCTAP_PURE_PYTHON=1 always reads the sources.

How mypyc's output is found: a build holds one shared library, `<group>__mypyc.*.so` (all the
compiled code, a top-level module by mypyc's naming), and per module a small shim,
`handlers/understanding/<name>.*.so`, whose init imports the shared library by that top-level
name and asks it for the module. use() loads the shared library itself, from its file, into
sys.modules (nothing is added to sys.path), then puts the build's handlers/understanding
directory first in the package's __path__, where the import system finds the shims; a module
left out of COMPILED (evaluate) is found further on, as its source.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent.parent
BUILDS = ROOT / "build" / "fast"
# Compiled, in the order of their imports. evaluate.py (the corpus' report) is left as Python.
COMPILED = ("words", "normalise", "dates", "parts", "index", "repair", "examples", "understand")
ENV_PURE = "HOCTAP_PURE_PYTHON"
DONE = "built.json"

# What use() decided, for the tests and `hoctap-bot` diagnostics: the build's directory or None.
in_use: Path | None = None
why_pure: str = ""


def key(package: Path = PACKAGE) -> str:
    """The hash naming the build of the sources on disk (in `package`): their bytes, and the
    Python's ABI."""
    h = hashlib.sha256()
    h.update(sys.version.encode())
    h.update((importlib.machinery.EXTENSION_SUFFIXES[0]).encode())
    for name in COMPILED:
        h.update(name.encode() + b"\0")
        h.update((package / f"{name}.py").read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:20]


def _load_shared(build: Path, manifest: dict[str, str]) -> None:
    name = manifest["shared"]
    if name in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(name, build / manifest["shared_file"])
    if spec is None or spec.loader is None:
        raise ImportError(f"no loader for {name}")
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise


def use(package_path: list[str]) -> Path | None:
    """Put the matching build before the package's sources; None (and why) if there is none."""
    global in_use, why_pure
    if os.environ.get(ENV_PURE, "") not in ("", "0"):
        why_pure = f"{ENV_PURE} is set"
        return None
    try:
        build = BUILDS / key()
        done = build / DONE
        if not done.exists():
            why_pure = (f"no compiled build of these sources ({build.name}): "
                        "`make setup` builds it")
            log.info("understanding: pure Python, %s", why_pure)
            return None
        manifest = json.loads(done.read_text(encoding="utf-8"))
        _load_shared(build, manifest)
    except Exception as e:  # a broken build must never stop the bot: the sources still run
        why_pure = f"compiled build unusable: {e!r}"
        log.warning("understanding: pure Python, %s", why_pure)
        return None
    package_path.insert(0, str(build / "handlers" / "understanding"))
    in_use = build
    return build


def give_up(package_path: list[str], error: BaseException) -> None:
    """Take the build out again (its modules did not import): the sources are read instead."""
    global in_use, why_pure
    if in_use is not None and str(in_use / "handlers" / "understanding") in package_path:
        package_path.remove(str(in_use / "handlers" / "understanding"))
    for name in COMPILED:
        sys.modules.pop(f"{__package__}.{name}", None)
    why_pure = f"compiled build did not import: {error!r}"
    log.warning("understanding: pure Python, %s", why_pure)
    in_use = None
