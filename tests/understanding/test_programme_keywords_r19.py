"""Round 19 (a) of issue 15: a reading programme asked in the everyday words an organizer now
writes as its `keywords` in reading.toml (not its title). The phrasings are written for these
tests, not taken from the corpus; they failed before programmes had keywords. What they check is
the answer the user gets.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

_CASES = [
    # books passed from one library to another
    ("chuyen sach qua lai giua cac thu vien la sao", "programme:luan-chuyen-sach"),
    ("thư viện đổi sách cho nhau là chương trình gì", "programme:luan-chuyen-sach"),
    ("muon sach tu thu vien khac ve truong minh dc ko", "programme:luan-chuyen-sach"),
    # libraries working together
    ("liên kết thư viện là gì vậy ad", "programme:hop-tac-thu-vien"),
    ("cac thu vien ket noi voi nhau ntn", "programme:hop-tac-thu-vien"),
    # a reading corner at the office
    ("góc đọc sách ở cơ quan làm thế nào", "programme:khong-gian-doc"),
    ("co quan minh muon lam goc doc sach", "programme:khong-gian-doc"),
    # a bookshelf in each classroom
    ("tu sach o moi lop hoc la gi", "programme:tu-sach-lop-hoc"),
    ("lớp con tôi có góc sách lớp không", "programme:tu-sach-lop-hoc"),
    # grandparents, parents and children reading together
    ("nha minh ca nha doc sach voi nhau", "programme:doc-sach-lien-the-he"),
    ("ông bà đọc truyện cho cháu nghe", "programme:doc-sach-lien-the-he"),
]


@pytest.mark.parametrize(("text", "expected"), _CASES)
def test_programme_in_everyday_words(understander: Understander, text: str,
                                     expected: str) -> None:
    assert answer(understander, text) == expected
