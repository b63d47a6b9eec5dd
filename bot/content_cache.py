"""The loaded edition and the understanding's index, kept between starts in a private cache.

Loading the edition (nine TOML files, parsed and validated) costs about 0.02 s of CPU at every
start of every command, and building the understanding's index about 0.045 s at the first
free text; reading the edition back from a pickle costs about 0.002 s, both about 0.012 s.
The key is a hash of every input they are built from, so an entry is never used for others:
- the bytes and names of the edition directory's *.toml files (the loader reads those and
  nothing else), so an organizer's edit of content/ is a new key;
- the bytes of every file under content/ and handlers/ (the loader, the model, the
  understanding, any data they read) and of this module, the interpreter's version (Unicode
  tables, pickle) and rapidfuzz's.
Only valid content is kept: invalid content is loaded, and refused, every time. The cache is a
directory of this user only (0700; an entry 0600), $XDG_CACHE_HOME/hoctap-bot or
~/.cache/hoctap-bot (systemd's CacheDirectory= under the shipped unit); when it cannot be
made or is open to others, nothing is cached.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from content import Edition, load_edition, read_files

if TYPE_CHECKING:
    from handlers.understanding import Understander

log = logging.getLogger(__name__)

KEEP = 16  # entries: a few editions and code versions (the tests' copies of the content)
# What a damaged or foreign entry can raise while it is read; it is then rebuilt.
UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
              IndexError, KeyError, TypeError, ValueError)


def default_directory() -> Path | None:
    """systemd's CacheDirectory= ($CACHE_DIRECTORY, deploy/hoctap-bot.service), else
    $XDG_CACHE_HOME/hoctap-bot, else ~/.cache/hoctap-bot."""
    given = os.environ.get("CACHE_DIRECTORY", "").split(":")[0]
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory
            return None
    return Path(base) / "hoctap-bot"


def _private_directory(directory: Path) -> bool:
    """Make `directory` (0700) if missing; True when it is ours and closed to others."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = directory.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not stat.S_IMODE(st.st_mode) & 0o077


@functools.cache
def _code_digest() -> bytes | None:
    """The hash of the code that builds what is cached; None when its sources are not here.
    Once per process: the code it runs is the code it imported (hashing the ~100 files again
    cost 10 ms at every build_app, hundreds of times in a test run)."""
    import rapidfuzz

    import content
    import handlers
    from handlers.understanding import fast

    # An entry is of the compiled understanding (its build named) or of the Python sources,
    # as this process reads it: one never reads the other's objects (which would work today,
    # both pickled by their attributes, but a build and its sources need not stay alike).
    compiled = fast.in_use.name if fast.in_use is not None else "pure"
    h = hashlib.sha256(f"{sys.version}\0{rapidfuzz.__version__}\0{compiled}\0".encode())
    h.update(Path(__file__).read_bytes())  # this module: the entries' format
    for package in (content, handlers):
        root = Path(package.__file__ or "").parent
        # Every file, not only the modules: data a module may read at build time too.
        files = sorted(p for p in root.rglob("*")
                       if "__pycache__" not in p.parts and p.is_file())
        if not any(p.suffix == ".py" for p in files):  # installed without its sources
            return None
        for path in files:
            h.update(f"{path.relative_to(root.parent)}\0".encode())
            data = path.read_bytes()
            h.update(f"{len(data)}\0".encode())
            h.update(data)
    return h.digest()


def content_key(edition_dir: Path, files: Mapping[str, bytes] | None = None) -> str | None:
    """The cache key of the edition in `edition_dir` whose *.toml files hold `files` (as
    read_files gives them; read here when not given); None when it cannot be made."""
    try:
        code = _code_digest()
        if code is None:
            return None
        if files is None:
            files = read_files(edition_dir)
    except OSError:
        return None
    h = hashlib.sha256(code)
    for name, data in sorted(files.items()):
        h.update(f"\0{name}\0".encode())
        h.update(f"{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


@dataclass(frozen=True)
class ContentCache:
    """The cache's entries for one edition (one key)."""

    directory: Path
    key: str

    def _path(self, kind: str) -> Path:
        return self.directory / f"{self.key}.{kind}.pickle"

    def _read(self, kind: str) -> bytes | None:
        try:
            return self._path(kind).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.debug("content cache: cannot read %s (%s)", self._path(kind), exc)
            return None

    def _write(self, kind: str, data: bytes) -> None:
        try:
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")  # 0600
        except OSError as exc:
            log.debug("content cache: cannot write in %s (%s)", self.directory, exc)
            return
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self._path(kind))  # whole or not at all, for a reader
        except OSError as exc:
            log.debug("content cache: cannot write %s (%s)", self._path(kind), exc)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return
        self._prune()

    def _prune(self) -> None:
        """Keep the KEEP newest entries; drop what a process killed mid-write left."""
        try:
            entries = sorted(((p.stat().st_mtime, p) for p in self.directory.glob("*.pickle")),
                             reverse=True)
            stale = [p for p in self.directory.glob(".tmp-*")
                     if time.time() - p.stat().st_mtime > 600]
            for path in [*(p for _mtime, p in entries[KEEP:]), *stale]:
                path.unlink()
        except OSError:  # another process pruned first
            pass

    def _load(self, kind: str) -> object | None:
        data = self._read(kind)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except UNREADABLE as exc:
            log.debug("content cache: %s unreadable (%s)", self._path(kind), exc)
            return None

    def edition(self) -> Edition | None:
        edition = self._load("edition")
        return edition if isinstance(edition, Edition) else None

    def keep_edition(self, edition: Edition) -> None:
        self._write("edition", pickle.dumps(edition, protocol=pickle.HIGHEST_PROTOCOL))

    def understood(self) -> tuple[Edition, Understander] | None:
        """The edition and the index built on it, from one pickle: every object the index
        shares with the edition is shared again."""
        from handlers.understanding import Understander

        both = self._load("understood")
        if (isinstance(both, tuple) and len(both) == 2 and isinstance(both[0], Edition)
                and isinstance(both[1], Understander) and both[1].edition is both[0]):
            return both[0], both[1]
        return None

    def keep_understood(self, understander: Understander) -> None:
        data = self.pickled_understood(understander)
        if data is not None:
            self.keep_understood_pickled(data)

    @staticmethod
    def pickled_understood(understander: Understander) -> bytes | None:
        """The edition and `understander` as `understood` reads them (None: they cannot be
        pickled). In the thread that uses the understander: its memos change as it reads.
        Compiled (handlers/understanding/fast.py) as well: its classes are pickled by their
        attributes (handlers.understanding.normalise.kept_attributes), under a key of their
        own (_code_digest)."""
        try:
            return pickle.dumps((understander.edition, understander),
                                protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            log.debug("content cache: the index cannot be kept (%s)", exc)
            return None

    def keep_understood_pickled(self, data: bytes) -> None:
        """Keep what `pickled_understood` made (a file write: any thread)."""
        self._write("understood", data)


def load_edition_cached(path: Path, directory: Path | None, understanding: bool = False
                        ) -> tuple[Edition, Understander | None, ContentCache | None, str | None]:
    """load_edition(path) (raising ContentError) through the cache in `directory` (None: no
    cache). With `understanding`, also the understanding's index if the cache holds it. Then
    the cache's entries for this edition, to keep the index in once built, and the content's
    key (None when it cannot be made), for the caller's own memos: the files are read and
    hashed for it once a load, here."""
    files: dict[str, bytes] | None = None
    if path.is_dir():
        with contextlib.suppress(OSError):  # unreadable: load_edition says so
            files = read_files(path)
    # One reading of the files: what is hashed for the key is what is parsed, so an organizer's
    # save while the edition is read is the next load's, never kept under this key.
    key = content_key(path, files) if files is not None else None
    if key is None:
        return load_edition(path, files), None, None, None
    cache = (ContentCache(directory, key)
             if directory is not None and _private_directory(directory) else None)
    if understanding and cache is not None and (both := cache.understood()) is not None:
        return both[0], both[1], cache, key
    # This process's memo first: it needs no cache directory.
    edition = _EDITIONS.get(key) or (cache.edition() if cache is not None else None)
    if edition is None:
        edition = load_edition(path, files)
        if cache is not None:
            cache.keep_edition(edition)
    while len(_EDITIONS) >= KEEP and key not in _EDITIONS:
        del _EDITIONS[next(iter(_EDITIONS))]
    _EDITIONS[key] = edition
    return edition, None, cache, key


# The editions this process loaded, by key: an app built again on the same content and code
# (a console's and its bot's, the tests' hundreds) shares the immutable Edition instead of
# reading its pickle again (7 ms).
_EDITIONS: dict[str, Edition] = {}
