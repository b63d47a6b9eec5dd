"""Questions the bot could not answer: stored for the organizers, passed on when the citizen
asks, listed by `hoctap-bot questions`, deleted with the citizen's data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.app import App, build_app
from bot.db.models import CitizenQuestion
from bot.db.questions import open_questions
from handlers.types import Reply
from tests.bot.test_cli import cli, quiet
from tests.conftest import Chat, make_settings, new_sqlite_schema


async def stored(app: App) -> list[CitizenQuestion]:
    async with app.sessions() as s:
        return list((await s.execute(select(CitizenQuestion).order_by(CitizenQuestion.id)))
                    .scalars())


def send_button(replies: list[Reply]) -> str:
    return next(b.command for r in replies for b in r.buttons
                if b.command.startswith("/guicauhoi "))


async def test_unanswered_then_sent_to_the_organizers(any_app: App) -> None:
    citizen = Chat(any_app, "hoi-thoi-tiet", channel="telegram")
    replies = await citizen.send("Thời tiết Hải Phòng hôm nay thế nào ạ")
    [row] = await stored(any_app)
    assert (row.channel, row.text, row.normalised, row.kind) == (
        "telegram", "Thời tiết Hải Phòng hôm nay thế nào ạ",
        "thoi tiet hai phong hom nay the nao a", "unanswered")
    assert row.user_id is not None and row.answered_at is None and row.answer is None
    # Another citizen cannot send it on; its author can.
    other = await Chat(any_app, "nguoi-khac", channel="telegram").text(send_button(replies))
    assert "Chatbot không tìm thấy câu hỏi đó" in other
    # A number that is not one of the citizen's questions: the same polite answer.
    for wrong in ("/guicauhoi 0", "/guicauhoi 999999999999999999"):
        assert "Chatbot không tìm thấy câu hỏi đó" in await citizen.text(wrong), wrong
    sent = await citizen.text(send_button(replies))
    assert "Chatbot đã chuyển câu hỏi của Quý vị cho Ban tổ chức" in sent
    assert [r.kind for r in await stored(any_app)] == ["sent_to_organizers"]


async def test_a_clarifying_question_is_kept_too(any_app: App) -> None:
    replies = await Chat(any_app, "hai-cau").send("ai được tham gia, có mất tiền không")
    assert replies[0].text == "Quý vị muốn hỏi về:"
    choices = [b.command for b in replies[0].buttons]
    assert choices[:2] == ["/hoidap ai-tham-gia", "/hoidap chi-phi"] or \
        choices[:2] == ["/hoidap chi-phi", "/hoidap ai-tham-gia"]
    assert [b.label for b in replies[0].buttons][-1] == "Menu chính"
    assert [r.kind for r in await stored(any_app)] == ["clarified"]


async def test_a_question_typed_for_the_organizers(any_app: App) -> None:
    citizen = Chat(any_app, "gui-btc")
    assert "Xin Quý vị gõ câu hỏi muốn gửi Ban tổ chức" in await citizen.text(
        "tôi muốn gửi câu hỏi cho ban tổ chức")
    assert "Chatbot đã chuyển câu hỏi" in await citizen.text("Năm sau có tổ chức nữa không?")
    assert "Chatbot đã chuyển câu hỏi" in await citizen.text("/guicauhoi Có cấp giấy chứng nhận?")
    rows = await stored(any_app)
    assert [(r.text, r.kind) for r in rows] == [
        ("Năm sau có tổ chức nữa không?", "sent_to_organizers"),
        ("Có cấp giấy chứng nhận?", "sent_to_organizers")]
    # Small talk, answers and an emoji are not questions for the organizers.
    for text in ("cảm ơn", "lịch hôm nay", "😂"):
        await citizen.send(text)
    assert len(await stored(any_app)) == 2


async def test_digits_that_are_not_ascii_are_a_question_not_a_number(any_app: App) -> None:
    """"¹²³" passes str.isdigit but int() refuses it: the Chatbot passed it on as a question's
    number and the update failed with a traceback; it is text to pass on, like any other."""
    citizen = Chat(any_app, "so-la")
    assert "Chatbot đã chuyển câu hỏi" in await citizen.text("/guicauhoi ¹²³")
    assert [(r.text, r.kind) for r in await stored(any_app)] == [("¹²³", "sent_to_organizers")]


async def test_erasing_personal_data_deletes_the_questions(any_app: App) -> None:
    citizen = Chat(any_app, "xoa")
    await citizen.send("giá xăng hôm nay")
    notice = await citizen.text("/xoadulieu")
    assert "1 câu hỏi Quý vị đã gửi, lưu cho Ban tổ chức" in notice
    done = await citizen.text("Xóa dữ liệu của tôi")
    assert "1 câu hỏi lưu cho Ban tổ chức" in done
    assert await stored(any_app) == []


async def test_one_citizen_cannot_fill_the_organizers_inbox(sqlite_url: str) -> None:
    """A flooder typing questions all day (within the flood control's pace) keeps at most
    [flood] questions_per_day of them for the organizers; past it each is still answered,
    without the offer to pass it on, and nothing is stored. Others are not limited."""
    await new_sqlite_schema(sqlite_url)
    app = build_app(make_settings(sqlite_url, HOCTAP_FLOOD_MAX_MESSAGES="0",
                                  HOCTAP_FLOOD_QUESTIONS_PER_DAY="3"))
    await app.start()
    try:
        flooder = Chat(app, "flooder", channel="telegram")
        for i in range(3):
            assert "/guicauhoi " in str(await flooder.send(f"giá vàng hôm nay số {i} nhỉ"))
        past = await flooder.send("thời tiết Hải Phòng ngày mai thế nào")
        assert "Xin lỗi, Chatbot chưa có thông tin về" in past[0].text
        assert "Gửi câu hỏi cho Ban tổ chức" not in str(past)
        typed = await flooder.text("/guicauhoi cho hỏi thời tiết ngày mai")
        assert "Hôm nay Quý vị đã gửi nhiều câu hỏi" in typed
        other = await Chat(app, "nguoi-khac", channel="telegram").send("giá vàng hôm nay")
        assert "/guicauhoi " in str(other)
        assert len(await stored(app)) == 4
    finally:
        await app.close()


async def test_the_most_asked_are_asked_by_the_most_citizens(any_app: App) -> None:
    """One citizen typing a question many times does not put it above one that several
    citizens asked (the inbox and `hoctap-bot questions` list the most asked first)."""
    for _ in range(5):
        await Chat(any_app, "one", channel="telegram").send("giá vàng hôm nay")
    for who in ("two", "three"):
        await Chat(any_app, who, channel="telegram").send("thời tiết hôm nay")
    async with any_app.sessions() as s:
        groups = await open_questions(s, ["unanswered"])
    assert [(g.normalised, g.count) for g in groups] == [
        ("thoi tiet hom nay", 2), ("gia vang hom nay", 5)]


def test_the_organizers_list(tmp_path: Path) -> None:
    """`hoctap-bot questions`: the same question typed differently is one line, with its count."""
    empty = cli(tmp_path, "questions")
    quiet(empty)
    assert empty.returncode == 0 and "Chưa có câu hỏi nào" in empty.stdout
    lines = "\n".join(["thời tiết hôm nay", "Thời tiết hôm nay", "THỜI TIẾT  hôm nay",
                       "giá vàng hôm nay", "ai được tham gia, có mất tiền không"])
    chat = cli(tmp_path, "chat", "--user", "nguoi-dan", stdin=lines + "\n")
    quiet(chat)
    listed = cli(tmp_path, "questions")
    quiet(listed)
    assert listed.returncode == 0
    rows = listed.stdout.splitlines()[1:]
    assert len(rows) == 3, listed.stdout
    assert rows[0].split()[:4] == ["3", "chưa", "có", "thông"]
    assert rows[0].endswith("THỜI TIẾT hôm nay")  # the latest wording, on one line
    assert any("Chatbot đã hỏi lại" in r and "ai được tham gia" in r for r in rows)
    only = cli(tmp_path, "questions", "--kind", "clarified")
    assert len(only.stdout.splitlines()) == 2, only.stdout
    bad = cli(tmp_path, "questions", "--kind", "all")
    assert bad.returncode == 2 and "không có 'all'" in bad.stderr
