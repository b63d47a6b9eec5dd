"""`python -m bench.understanding --by-batch`: each batch of a corpus file counted apart, by its
header, so a round's first contact and its held-out lines are known without printing one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import understanding as bench


def test_each_batch_is_counted_under_its_own_header(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "heldout.txt").write_text(
        "# a corpus of two batches\n"
        "smalltalk:thanks | talk | cảm ơn\n"
        "# --- round 1: greetings ---\n"
        "smalltalk:greeting | talk | chào bạn\n"
        "contest | | lịch hôm nay\n"
        "# --- round 2: days ---\n"
        "day:2020-10-02 | date | mai co gi\n", encoding="utf-8")
    monkeypatch.setattr(bench, "CORPUS", tmp_path)
    assert bench.main(["--heldout", "--quiet", "--by-batch"]) == 0
    out = capsys.readouterr().out
    rows = {line[:70].strip(): line[70:].split() for line in out.splitlines()
            if line.startswith("heldout.txt: ")}
    assert rows == {"heldout.txt: (before)": ["1", "100.0%"],
                    "heldout.txt: round 1: greetings": ["2", "50.0%"],
                    "heldout.txt: round 2: days": ["1", "100.0%"]}
    # totals only: no phrasing of the file is printed
    assert "chào bạn" not in out and "lịch hôm nay" not in out


def test_the_wrong_answers_are_counted_by_kind_without_their_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The quiet report says how the bot was wrong (no information where it has an answer,
    an answer where it has none, another answer), in counts only."""
    (tmp_path / "heldout.txt").write_text(
        "smalltalk:thanks | talk | cảm ơn\n"
        "contest | | lịch hôm nay\n"
        "day:2020-10-02 | date | giá vàng hôm nay\n"
        "faq:chi-phi | | thời tiết hải phòng hôm nay\n"
        "dont_know | talk | mai co gi\n", encoding="utf-8")
    monkeypatch.setattr(bench, "CORPUS", tmp_path)
    assert bench.main(["--heldout", "--quiet"]) == 0
    out = capsys.readouterr().out
    kinds = {line[7:41].strip(): int(line[41:]) for line in out.splitlines()
             if line.startswith("wrong: ")}
    assert kinds == {"another answer": 1, "no information, an answer expected": 2,
                     "an answer, no information expected": 1}
    assert "lịch hôm nay" not in out and "mai co gi" not in out
