"""The content cache gives what loading and building give, and nothing after an edit."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from bot import content_cache
from bot.content_cache import content_key, load_edition_cached
from content import ContentError, Edition, default_edition_path, load_edition
from handlers.understanding import Understander
from tests.bot.test_console import chat

DAY = date(2020, 10, 1)
ASKED = ("lich hom nay", "lịch ngày mai", "cuoc thi cong dan hoc tap", "so dien thoai lien he",
         "thu vien sach", "khai mac o dau", "xyz qwe", "hello what is this week")


@pytest.fixture
def edition_dir(tmp_path: Path) -> Path:
    path = tmp_path / "content" / "2020"
    shutil.copytree(default_edition_path("2020"), path)
    return path


def _reads_counted(edition_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file of `edition_dir` is read from now on."""
    reads: Counter[str] = Counter()
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.parent == edition_dir:
            reads[path.name] += 1
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    return reads


def test_cached_edition_and_index_answer_as_built_ones(
        edition_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    edition, understander, cache, _ = load_edition_cached(edition_dir, cache_dir, True)
    assert understander is None and cache is not None  # nothing kept yet
    assert edition == load_edition(edition_dir)
    built = Understander(edition)
    cache.keep_understood(built)

    again, cached, _, _ = load_edition_cached(edition_dir, cache_dir, True)
    assert cached is not None and cached is not built and cached.edition is again
    assert again == edition
    for text in ASKED:
        assert cached.understand(text, DAY) == built.understand(text, DAY), text
    # Without `understanding`, only the edition is read.
    alone, none, _, _ = load_edition_cached(edition_dir, cache_dir)
    assert none is None and alone == edition
    assert {p.stat().st_mode & 0o777 for p in cache_dir.iterdir()} == {0o600}
    assert cache_dir.stat().st_mode & 0o777 == 0o700


def test_the_examples_model_is_kept_with_the_index(
        edition_dir: Path, tmp_path: Path) -> None:
    # the model of the examples (about 2 s of CPU to train) comes back trained, and answers
    # as the one kept did
    cache_dir = tmp_path / "cache"
    edition, _, cache, _ = load_edition_cached(edition_dir, cache_dir, True)
    assert cache is not None
    built = Understander(edition)
    built.examples.model  # noqa: B018 (trained now)
    cache.keep_understood(built)
    _, cached, _, _ = load_edition_cached(edition_dir, cache_dir, True)
    assert cached is not None and cached.examples._model is not None
    surface = cached._surface("ai dang top server z =))")
    assert cached.examples.model.answer(surface) == built.examples.model.answer(surface)


def test_an_organizers_edit_is_read_not_the_cache(edition_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    edition, _, cache, _ = load_edition_cached(edition_dir, cache_dir, True)
    assert cache is not None
    cache.keep_understood(Understander(edition))
    faq = edition_dir / "faq.toml"
    text = faq.read_text(encoding="utf-8")
    first = edition.faq[0]
    assert text.count(first.answer.vi) == 1
    faq.write_text(text.replace(first.answer.vi, "Câu trả lời mới của Ban tổ chức."),
                   encoding="utf-8")

    edited, understander, _, _ = load_edition_cached(edition_dir, cache_dir, True)
    assert understander is None  # the index kept was built on the old content
    assert edited.faq[0].answer.vi == "Câu trả lời mới của Ban tổ chức."
    assert edited == load_edition(edition_dir)


def test_invalid_content_is_refused_after_a_valid_one_was_kept(edition_dir: Path,
                                                               tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load_edition_cached(edition_dir, cache_dir)
    with (edition_dir / "edition.toml").open("a", encoding="utf-8") as f:
        f.write("\n[week\n")
    with pytest.raises(ContentError) as err:
        load_edition_cached(edition_dir, cache_dir)
    assert err.value.problems[0].file == "edition.toml"
    (edition_dir / "extra.toml").write_text("", encoding="utf-8")
    shutil.copy(default_edition_path("2020") / "edition.toml", edition_dir / "edition.toml")
    with pytest.raises(ContentError) as err:  # a file the loader does not know
        load_edition_cached(edition_dir, cache_dir)
    assert [p.file for p in err.value.problems] == ["extra.toml"]


def test_an_edit_saved_while_the_content_is_read_is_the_next_loads(
        edition_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An organizer saves faq.toml while the edition is parsed: the files were read once, so
    what is parsed is what the key names and is kept under it; the next load (or start) reads
    the saved file, under its own key."""
    cache_dir = tmp_path / "cache"
    faq = edition_dir / "faq.toml"
    text = faq.read_text(encoding="utf-8")
    first = load_edition(edition_dir).faq[0]
    real = content_cache.load_edition

    def read_then_saved(path: Path, files: Mapping[str, bytes] | None = None) -> Edition:
        faq.write_text(text.replace(first.answer.vi, "Câu trả lời đã sửa."), encoding="utf-8")
        return real(path, files)

    monkeypatch.setattr(content_cache, "_EDITIONS", {})  # (other tests' loads of these bytes)
    monkeypatch.setattr(content_cache, "load_edition", read_then_saved)
    edition, _, cache, key = load_edition_cached(edition_dir, cache_dir)
    assert edition.faq[0].answer.vi == first.answer.vi  # the bytes read before the save
    assert cache is not None and key is not None and key != content_key(edition_dir)
    assert [p.name for p in cache_dir.glob("*.pickle")] == [f"{key}.edition.pickle"]
    monkeypatch.setattr(content_cache, "load_edition", real)
    again, _, cache, saved = load_edition_cached(edition_dir, cache_dir)
    assert again.faq[0].answer.vi == "Câu trả lời đã sửa."
    assert cache is not None and saved == content_key(edition_dir) != key


def test_each_file_is_read_once_for_its_key_and_its_parse(
        edition_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first load of an edition reads each file once: the key is the hash of the very
    bytes parsed (a file read again for the parse could hold an organizer's newer save)."""
    monkeypatch.setattr(content_cache, "_EDITIONS", {})
    (edition_dir / "faq.toml").write_text(  # bytes no other test loaded: parsed here
        (edition_dir / "faq.toml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    reads = _reads_counted(edition_dir, monkeypatch)
    edition, _, cache, key = load_edition_cached(edition_dir, tmp_path / "cache")
    assert cache is not None and key is not None and edition.faq
    assert set(reads.values()) == {1}
    assert set(reads) == {p.name for p in edition_dir.glob("*.toml")}


def test_a_damaged_entry_is_rebuilt(edition_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    edition, _, cache, _ = load_edition_cached(edition_dir, cache_dir, True)
    assert cache is not None
    cache.keep_understood(Understander(edition))
    for entry in cache_dir.iterdir():
        entry.write_bytes(entry.read_bytes()[:100])
    again, understander, _, _ = load_edition_cached(edition_dir, cache_dir, True)
    assert understander is None and again == edition


def test_a_cache_open_to_others_is_not_used(edition_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir(mode=0o777)
    cache_dir.chmod(0o777)
    edition, _, cache, _ = load_edition_cached(edition_dir, cache_dir)
    assert cache is None and edition == load_edition(edition_dir)
    assert list(cache_dir.iterdir()) == []


@pytest.mark.parametrize("usable", [True, False])
def test_an_edition_loaded_again_is_read_and_hashed_once(
        edition_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, usable: bool) -> None:
    """Loaded again (every build_app: the tests' hundreds, a console and its bot), each file is
    read once, for the key the memos share, whether the cache directory can be used or not
    (one open to others made build_app hash the files twice and the loader once more)."""
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir(mode=0o700)
    if not usable:
        cache_dir.chmod(0o777)
    first, _, _, key = load_edition_cached(edition_dir, cache_dir)
    assert key == content_key(edition_dir)
    reads = _reads_counted(edition_dir, monkeypatch)
    again, _, cache, same = load_edition_cached(edition_dir, cache_dir)
    assert again is first and same == key and (cache is not None) == usable
    assert set(reads.values()) == {1}
    assert set(reads) == {p.name for p in edition_dir.glob("*.toml")}


def test_a_chat_keeps_its_index_and_the_next_chat_answers_alike(tmp_path: Path) -> None:
    """The first chat builds the index and keeps it; the next reads it and says the same."""
    cache_dir = tmp_path / "xdg-cache"
    lines = ["lich hom nay", "thư viện sách", "cuoc thi", "tôi muốn hỏi về khai mạc"]
    now = ("--now", "2020-10-01T07:30")
    first = chat(tmp_path, lines, *now, env={"XDG_CACHE_HOME": str(cache_dir)})
    assert first.returncode == 0, first.stderr
    kept = sorted(p.name.split(".", 1)[1] for p in (cache_dir / "hoctap-bot").iterdir())
    assert kept == ["edition.pickle", "understood.pickle"]
    second = chat(tmp_path, lines, *now, env={"XDG_CACHE_HOME": str(cache_dir)})
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert "HÔM NAY, THỨ NĂM, 01/10/2020" in first.stdout
