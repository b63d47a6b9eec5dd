"""Compile the understanding with mypyc into build/fast/<key>/ (`make setup` runs this).

    .venv/bin/python scripts/build_fast.py            # build unless the current one is there
    .venv/bin/python scripts/build_fast.py --force    # build again

The key (handlers/understanding/fast.py) is a hash of the compiled modules' sources and of the
Python; the build's built.json also names the mypy that compiled it, and a build by another
mypy is made again. Nothing is written in the source tree: the C files, the objects and the
extension modules all go under build/fast/, a finished build renamed into place at the end
(a process that starts meanwhile sees either no build or a whole one). The C files are
compiled two at a time (one per module, `multi_file`). Exit status 0 also when the build
failed or no C compiler is there (a warning on stderr): the bot then runs the sources.
It says when it starts (a build takes minutes) and what it made; mypyc's notes (generator
comprehensions read as lists) are shown only when the build fails.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.machinery
import importlib.util
import io
import json
import os
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _load_fast() -> Any:
    """handlers/understanding/fast.py by its file: importing the package would import the
    understanding itself (perhaps a build being replaced)."""
    spec = importlib.util.spec_from_file_location(
        "_hoctap_fast", ROOT / "handlers" / "understanding" / "fast.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fast = _load_fast()

JOBS = 2


def _parallel_compile() -> None:
    """Let setuptools' compiler run JOBS compilers at once within one extension."""
    from distutils import ccompiler  # setuptools' copy (mypyc.build imported setuptools)

    def compile(self: Any, sources: list[str], output_dir: str | None = None,
                macros: Any = None, include_dirs: Any = None, debug: bool = False,
                extra_preargs: Any = None, extra_postargs: Any = None,
                depends: Any = None) -> list[str]:
        macros, objects, extra_postargs, pp_opts, build = self._setup_compile(
            output_dir, macros, include_dirs, sources, depends, extra_postargs)
        cc_args = self._get_cc_args(pp_opts, debug, extra_preargs)

        def one(obj: str) -> None:
            src, ext = build[obj]
            self._compile(obj, src, ext, cc_args, extra_postargs, pp_opts)

        # The largest first, so that the other worker takes the rest meanwhile.
        todo = sorted(build, key=lambda o: -os.path.getsize(build[o][0]))
        with ThreadPoolExecutor(JOBS) as pool:
            list(pool.map(one, todo))
        return objects

    ccompiler.CCompiler.compile = compile  # type: ignore[method-assign,assignment]


def _mypy_version() -> str:
    from mypy.version import __version__
    return __version__


def build(force: bool = False) -> Path:
    mypy = _mypy_version()
    target = fast.BUILDS / fast.key()
    done = target / fast.DONE
    if (done.exists() and not force
            and json.loads(done.read_text(encoding="utf-8")).get("mypy") == mypy):
        print(f"understanding: compiled build {target.name} up to date")
        return target
    start = time.monotonic()
    print(f"understanding: compiling handlers/understanding/ with mypyc into build/fast/"
          f"{target.name}/ (4-12 min and up to 5 GB of memory on two cores, once per change of "
          "its sources; without it the bot answers the same from the sources, slower)",
          flush=True)
    tmp = fast.BUILDS / f".tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        _compile(tmp)
        k = fast.key(tmp / "src" / "handlers" / "understanding")  # what was compiled
        shutil.rmtree(tmp / "src")
        shutil.rmtree(tmp / "o")
        seconds = time.monotonic() - start
        manifest = json.loads((tmp / fast.DONE).read_text(encoding="utf-8"))
        manifest.update(key=k, mypy=mypy, python=sys.version, seconds=round(seconds, 1))
        (tmp / fast.DONE).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        target = fast.BUILDS / k
        shutil.rmtree(target, ignore_errors=True)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # Older builds are of sources no longer on disk (nor are those of crashed builds).
    for old in fast.BUILDS.iterdir():
        if old.name != k and (not old.name.startswith(".tmp-") or time.time()
                              - old.stat().st_mtime > 3600):
            shutil.rmtree(old, ignore_errors=True)
    print(f"understanding: compiled build {k} in {seconds:.0f} s")
    return target


def _compile(tmp: Path) -> None:
    """Compile a copy of the sources (one may be edited meanwhile: the copy is what the key
    names) into `tmp`, and write the build's built.json there (without its key)."""
    src = tmp / "src"
    # The packages mypy reads the compiled modules' imports from, copied whole (small files).
    for package in ("handlers", "content"):
        shutil.copytree(ROOT / package, src / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.po", "*.pot",
                                                      "*.so", "*.toml", "*.txt"))
    os.chdir(src)  # mypy names the modules from the paths, relative to the copy

    from mypyc.build import mypycify
    from setuptools import setup

    _parallel_compile()
    paths = [f"handlers/understanding/{name}.py" for name in fast.COMPILED]
    said = io.StringIO()  # mypyc's notes: shown when it fails
    try:
        with contextlib.redirect_stdout(said):
            extensions = mypycify(
                ["--config-file", str(ROOT / "pyproject.toml"), *paths],
                opt_level="3", debug_level="0", multi_file=True, target_dir=str(src / "c"))
    except (Exception, SystemExit):
        print(said.getvalue()[-5000:], file=sys.stderr)
        raise
    shared = next(e.name for e in extensions if e.name.endswith("__mypyc"))
    setup(name="hoctap-understanding-fast", ext_modules=extensions,
          script_args=["-q", "build_ext", "--build-lib", str(tmp),
                       "--build-temp", str(tmp / "o"), "-j", str(JOBS)])
    shared_file = f"{shared}{importlib.machinery.EXTENSION_SUFFIXES[0]}"
    if not (tmp / shared_file).exists():
        raise RuntimeError(f"{shared_file} was not built")
    (tmp / fast.DONE).write_text(json.dumps({
        "shared": shared, "shared_file": shared_file, "modules": list(fast.COMPILED)}),
        encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--force", action="store_true", help="build even if the build is there")
    p.add_argument("--strict", action="store_true", help="exit 1 when the build fails")
    args = p.parse_args(argv)
    try:
        build(args.force)
    except (Exception, SystemExit) as e:
        print(f"warning: the understanding was not compiled ({e!r}); the bot runs its Python "
              "sources, slower", file=sys.stderr)
        return 1 if args.strict else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
