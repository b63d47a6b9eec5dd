"""The channel contract degrades replies in one place, from the limits a channel declares."""

from __future__ import annotations

import unicodedata

import pytest

from handlers.channel import (
    Delivery,
    Limits,
    MemoryChoices,
    OutputChannel,
    Retry,
    plan,
    typed_number,
)
from handlers.types import Attachment, Button, Reply


class Collecting(OutputChannel):
    """A channel that records what the platform would receive."""

    def __init__(self, limits: Limits, fail_at: int | None = None,
                 status: str = "rate_limited") -> None:
        self.name = "test"
        self.limits = limits
        self.choices = MemoryChoices()
        self.sent: list[tuple[str, str | None, tuple[Button, ...]]] = []
        self.fail_at = fail_at
        self.status = status

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        if self.fail_at is not None and len(self.sent) == self.fail_at:
            return Delivery(self.status, reason="429", retry_after=3)  # type: ignore[arg-type]
        assert len(text) + (len(title) + 2 if title else 0) <= self.limits.text
        assert len(buttons) <= self.limits.buttons
        self.sent.append((text, title, buttons))
        return Delivery("sent", ref=str(len(self.sent)))


MENU = tuple(Button(f"Mục {i}", f"/m{i}") for i in range(1, 8))


async def test_buttons_beyond_the_limit_become_numbered_lines_that_can_be_typed() -> None:
    channel = Collecting(Limits(text=2000, buttons=5))
    first = Reply("Chọn một mục.", buttons=MENU)
    second = Reply("Hoặc:", buttons=(Button("Trang web", url="https://example.vn"),
                                     Button("Trợ giúp", "/trogiup")))
    outcome = await channel.send("u1", [first, second])
    assert outcome == Delivery("sent", ref="2", parts=2)
    text, _, native = channel.sent[0]
    assert [b.command for b in native] == ["/m1", "/m2", "/m3", "/m4", "/m5"]
    assert text.endswith("[6] Mục 6\n[7] Mục 7")
    # Numbers run on across replies; a link button without native links prints its link.
    assert channel.sent[1][0].endswith("[8] Trang web: https://example.vn")
    assert [b.label for b in channel.sent[1][2]] == ["Trợ giúp"]
    assert await channel.pressed("u1", " 7 ") == "/m7"
    assert await channel.pressed("u1", "9") is None
    assert await channel.pressed("u1", "8") is None  # a link has nothing to press
    assert await channel.pressed("u1", "3") is None  # a native button is pressed natively
    assert await channel.pressed("u2", "7") is None


async def test_a_reply_without_numbered_buttons_keeps_the_previous_numbers() -> None:
    channel = Collecting(Limits(text=2000))
    await channel.send("u1", [Reply("Menu", buttons=MENU[:2])])
    await channel.send("u1", [Reply("Một câu trả lời không có nút.")])
    assert await channel.pressed("u1", "2") == "/m2"
    await channel.send("u1", [Reply("Menu mới", buttons=(Button("Khác", "/khac"),))])
    assert await channel.pressed("u1", "1") == "/khac"
    assert await channel.pressed("u1", "2") is None


async def test_an_unasked_message_numbers_its_buttons_after_the_ones_held() -> None:
    channel = Collecting(Limits(text=2000))
    await channel.send("u1", [Reply("Đồng ý?", buttons=MENU[:2])])
    await channel.send("u1", [Reply("Thông báo", buttons=(Button("Lịch", "/homnay"),))],
                       unasked=True)
    assert channel.sent[-1][0].endswith("\n\n[3] Lịch")
    assert await channel.pressed("u1", "1") == "/m1"  # the step's answer, as it was shown
    assert await channel.pressed("u1", "3") == "/homnay"
    await channel.send("u1", [Reply("Menu mới", buttons=(Button("Khác", "/khac"),))])
    assert await channel.pressed("u1", "1") == "/khac"  # an answer starts again from 1
    assert await channel.pressed("u1", "3") is None
    await channel.send("u2", [Reply("Thông báo", buttons=(Button("Lịch", "/homnay"),))],
                       unasked=True)
    assert channel.sent[-1][0].endswith("\n\n[1] Lịch")  # nothing held: from 1


@pytest.mark.parametrize("unit", ["🇻🇳", "👩\u200d🏫", "👍🏽", "❤\ufe0f", "ệ"])
async def test_a_cut_without_spaces_never_splits_one_visible_character(unit: str) -> None:
    """A line of emoji without spaces is cut at the limit; a flag, a joined emoji, a skin tone
    or a letter with a mark (NFD) is not split between two messages."""
    text = unicodedata.normalize("NFD", unit) * 1500
    channel = Collecting(Limits(text=999))
    await channel.send("u1", [Reply(text)])
    parts = [t for t, _title, _buttons in channel.sent]
    assert "".join(parts) == text and len(parts) > 1
    whole = unicodedata.normalize("NFD", unit)
    assert all(len(p) % len(whole) == 0 and p.startswith(whole) for p in parts)


async def test_long_text_is_split_within_the_limit_and_nothing_is_lost() -> None:
    limits = Limits(text=300, buttons=3)
    words = " ".join(f"từ{i} <&>" for i in range(400))
    channel = Collecting(limits)
    outcome = await channel.send("u1", [Reply(words, title="Tiêu đề", buttons=MENU[:2])])
    assert outcome.status == "sent" and outcome.parts == len(channel.sent) > 5
    assert channel.sent[0][1] == "Tiêu đề"
    assert all(title is None for _, title, _ in channel.sent[1:])
    assert " ".join(text for text, _, _ in channel.sent) == words
    assert all(not b for _, _, b in channel.sent[:-1]) and len(channel.sent[-1][2]) == 2


async def test_a_refusal_after_the_first_part_is_uncertain_not_resent() -> None:
    limits = Limits(text=100)
    text = " ".join(["chữ"] * 200)
    first = await Collecting(limits, fail_at=0).send("u1", [Reply(text)])
    assert first.status == "rate_limited" and first.retry_after == 3 and first.parts == 0
    later = await Collecting(limits, fail_at=2).send("u1", [Reply(text)])
    assert later.status == "uncertain" and later.parts == 2 and later.ref == "2"
    blocked = await Collecting(limits, fail_at=1, status="blocked").send("u1", [Reply(text)])
    assert blocked.status == "blocked" and blocked.parts == 1


async def test_files_degrade_to_a_polite_text_where_the_channel_has_none() -> None:
    channel = Collecting(Limits(text=2000))
    f = Attachment("ketqua.xlsx", b"x", "application/octet-stream")
    outcome = await channel.send("u1", [Reply("Kết quả cuộc thi:", files=(f,))])
    assert outcome.status == "sent" and outcome.reason == "documents are not supported"
    assert "ketqua.xlsx" in channel.sent[1][0]


def test_plan_is_pure_and_counts_native_buttons_per_message() -> None:
    degraded = plan([Reply("a", buttons=MENU[:3]), Reply("b", buttons=MENU[:3])],
                    Limits(text=50, buttons=2, url_buttons=True))
    assert [len(p.buttons) for p in degraded.parts] == [2, 2]
    assert degraded.choices == {"3": "/m3", "4": "/m3"}


class Scripted(Collecting):
    """A channel whose platform answers each send with the next scripted outcome."""

    def __init__(self, limits: Limits, outcomes: list[Delivery]) -> None:
        super().__init__(limits)
        self.outcomes = outcomes
        self.attempts = 0

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        self.attempts += 1
        if self.outcomes:
            return self.outcomes.pop(0)
        return await super().send_text(external_id, text, title=title, buttons=buttons)


async def test_retry_repeats_only_what_the_platform_did_not_take() -> None:
    quick = Retry(attempts=3, backoff=0.01, longest=0.5)
    limits = Limits(text=100)
    # Refused with a wait, then never sent: both safe to repeat, within the attempts.
    channel = Scripted(limits, [Delivery("rate_limited", retry_after=0.02),
                                Delivery("retry")])
    assert (await channel.send("u1", [Reply("a")], retry=quick)).status == "sent"
    assert channel.attempts == 3 and [t for t, _, _ in channel.sent] == ["a"]
    # Uncertain, refused for good, blocked: never repeated.
    for status in ("uncertain", "failed", "blocked"):
        once = Scripted(limits, [Delivery(status)])  # type: ignore[arg-type]
        assert (await once.send("u1", [Reply("a")], retry=quick)).status == status
        assert once.attempts == 1
    # A wait longer than a person should wait, or attempts used up: the outcome is returned.
    long = Scripted(limits, [Delivery("rate_limited", retry_after=30)])
    assert (await long.send("u1", [Reply("a")], retry=quick)).retry_after == 30
    spent = Scripted(limits, [Delivery("retry")] * 3)
    assert (await spent.send("u1", [Reply("a")], retry=quick)).status == "retry"
    assert spent.attempts == 3
    # Without a policy (the outbox) nothing is repeated.
    bare = Scripted(limits, [Delivery("retry")])
    assert (await bare.send("u1", [Reply("a")])).status == "retry" and bare.attempts == 1


def test_a_typed_number_is_ascii_digits_only() -> None:
    assert [typed_number(t) for t in (" 6 ", "06", "10", "1000", "²", "٣", "6a", "")] == [
        "6", "6", "10", None, None, None, None, None]


@pytest.mark.parametrize("typed", ["[6]", "6.", "(6)", "#6", "số 6", "so 6", "Số 6 ạ", "chọn 6",
                                   "chon so 6", "mục 6", "bấm nút 6", "6 ạ", "6 nhé", "6!",
                                   "[ 6 ]"])
def test_a_typed_number_as_people_type_it(typed: str) -> None:
    assert typed_number(typed) == "6"


@pytest.mark.parametrize("typed", ["6 người", "lịch 6/10", "ngày 6", "6/10", "6h", "0912345678",
                                   "số 6 và 7", "thứ 6", "t6", "6 giờ", "chọn", "số", "câu 6"])
def test_numbers_that_press_no_button(typed: str) -> None:
    assert typed_number(typed) is None
