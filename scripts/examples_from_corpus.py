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

It writes also [together]: under an answer, the answers whose lines of the corpus accept it too
(TOGETHER_LINES lines or more, and TOGETHER_SHARE of that answer's lines or more: "library"
for the reading FAQ and the library's programmes), learnt again at each run. The examples'
model splits its probability among such answers, and its gates ask of their sum where the
gate on one fails (handlers/understanding/examples.py, Together).
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections import Counter
from collections.abc import Sequence
from itertools import permutations
from pathlib import Path

from content import EXAMPLE_ANSWERS, example_may_name, same_message
from handlers.understanding.evaluate import Case, load_corpus

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
TOGETHER_HEADER = """
# Câu trả lời đi cùng nhau: mỗi câu trả lời, và những câu trả lời mà các câu hỏi của chúng
# thường nhận được nó (học từ kho câu đã điều chỉnh, scripts/examples_from_corpus.py viết lại
# bảng này mỗi lần chạy).
[together]
"""
# An answer stands for another (Together) where the corpus accepts both on this many lines or
# more, and on this share of the other's lines or more (BENCHMARKS.md §8.154).
TOGETHER_LINES = 10
TOGETHER_SHARE = 0.5


def together(cases: Sequence[Case], answers: set[str]) -> dict[str, list[str]]:
    """Under each answer of `answers` (not "no information"), the answers of `answers`
    whose lines accept it too: on TOGETHER_LINES lines or more and TOGETHER_SHARE of theirs."""
    lines: Counter[str] = Counter()
    both: Counter[tuple[str, str]] = Counter()
    for case in cases:
        accepted = sorted({e for e in case.expected if e in answers and e != "dont_know"})
        lines.update(accepted)
        both.update(permutations(accepted, 2))
    out: dict[str, list[str]] = {}
    for (answer, other), n in sorted(both.items()):
        if n >= TOGETHER_LINES and n >= TOGETHER_SHARE * lines[other]:
            out.setdefault(answer, []).append(other)
    return out


def main(argv: list[str]) -> int:
    edition = Path(argv[0]) if argv else ROOT / "content" / "editions" / "2020"
    path = edition / "examples.toml"
    kept: dict[str, list[str]] = {}
    if path.exists():
        kept = {k: list(v) for k, v in
                tomllib.loads(path.read_text(encoding="utf-8")).get("examples", {}).items()}
    seen = {same_message(t) for texts in kept.values() for t in texts}
    added = 0
    cases = load_corpus(CORPUS)
    for case in cases:
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
    lines.append(TOGETHER_HEADER)
    lines += [f"{json.dumps(answer)} = {json.dumps(also)}"
              for answer, also in together(cases, set(kept)).items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path}: {added} phrasings added, "
          f"{sum(len(t) for t in kept.values())} in {len(kept)} answers")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
