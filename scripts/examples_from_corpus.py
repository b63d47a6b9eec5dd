"""Add the tuned corpus's phrasings to an edition's examples.toml, under the answer each must get.

    .venv/bin/python scripts/examples_from_corpus.py [content/editions/2020]

The examples of each answer (content/editions/<year>/examples.toml) are messages as citizens
wrote them; the bot answers a message its phrases do not settle like its nearest examples, when
they all agree, else as the model learnt from them all says when it is sure and the nearest
agrees (handlers/understanding/examples.py). The organizers add the questions that
`hoctap-bot questions` lists; this script adds the phrasings of tests/understanding/corpus.txt
(the part the rules are tuned on: never heldout.txt, whose figure would then mean nothing).
Entries already in the file stay as they are; a phrasing already there (under any answer) is
not added again. A phrasing that asks a day ("mai có gì"), or whose answer is an action
(subscribing, unsubscribing, the quiz, deleting data, a message for the organizers), is left
out: days are read by the rules, and no action is taken on a likeness.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from content import EXAMPLE_ANSWERS, example_may_name, same_message
from handlers.understanding.evaluate import load_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "understanding" / "corpus.txt"
HEADER = """\
# Câu hỏi mẫu: tin nhắn như người dân đã viết, xếp theo câu trả lời mà mỗi tin phải nhận.
# Khi các cụm từ của câu trả lời (faq.toml, lexicon.toml, tên sự kiện...) chưa đủ để hiểu một
# tin nhắn, Chatbot so tin đó với các câu mẫu ở đây: nếu năm câu mẫu gần nhất cùng một câu trả
# lời thì trả lời như vậy; nếu không, một mô hình học từ mọi câu mẫu trả lời khi nó đủ chắc và
# câu mẫu gần nhất cũng cùng câu trả lời. Khi các cụm từ đã trả lời nhưng còn từ một phần ba
# số từ của tin nhắn trở lên chưa được giải thích, mô hình được hỏi lại: câu trả lời của nó được
# dùng thay khi nó đủ chắc, gần như loại câu trả lời của các cụm từ và câu mẫu gần nhất đồng ý
# (không bao giờ thay một thao tác hay một ngày). Ban tổ chức thêm vào đây những câu hỏi mà
# `hoctap-bot questions` liệt kê, dưới câu trả lời đúng của nó (một câu chỉ ở một chỗ). Câu
# trả lời dùng được: faq:<mã>, event:<mã>, programme:<mã>, courses:<mã nhóm>,
# smalltalk:greeting|thanks|ok|goodbye|sorry, dont_know (không có thông tin: câu gần giống nhưng
# không phải việc của Tuần lễ), và
# {answers}. Không dùng thao tác (đăng ký, hủy đăng ký, làm bài thi, xóa dữ liệu):
# Chatbot không làm gì chỉ vì một tin nhắn giống câu mẫu. Kiểm tra: hoctap-bot content check.

[examples]
"""


def main(argv: list[str]) -> int:
    edition = Path(argv[0]) if argv else ROOT / "content" / "editions" / "2020"
    path = edition / "examples.toml"
    kept: dict[str, list[str]] = {}
    if path.exists():
        kept = {k: list(v) for k, v in
                tomllib.loads(path.read_text(encoding="utf-8")).get("examples", {}).items()}
    seen = {same_message(t) for texts in kept.values() for t in texts}
    added = 0
    for case in load_corpus(CORPUS):
        answer = case.expected[0]
        if not example_may_name(answer):
            continue
        said = same_message(case.text)
        if said in seen:
            continue
        seen.add(said)
        kept.setdefault(answer, []).append(case.text)
        added += 1
    lines = [HEADER.format(answers=", ".join(a for a in EXAMPLE_ANSWERS if a != "dont_know"))]
    for answer in sorted(kept):
        lines.append(f"{json.dumps(answer)} = [")
        lines += [f"    {json.dumps(text, ensure_ascii=False)}," for text in kept[answer]]
        lines.append("]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path}: {added} phrasings added, "
          f"{sum(len(t) for t in kept.values())} in {len(kept)} answers")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
