"""Round 20 (c) of issue 15: teachers, school staff and people organising the Week in their unit.

Blind paraphrases written for each class of miss before it was fixed (63 in all: 35 right at the
round's start, 60 after). Each case lists the answers a user may get, separated by " / " as in
the corpus; the three left are marked xfail (strict) with the reason.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer


@pytest.mark.parametrize(("text", "expected"), [
    # the official wording of a letter ("Kính gửi Ban tổ chức,", "đề nghị cho biết")
    ('Kính gửi Ban tổ chức, xin cho biết địa chỉ gửi báo cáo',
     'faq:han-bao-cao / bodies'),
    ('đề nghị ban tổ chức cho biết chủ đề tuần lễ năm 2020',
     'theme / faq:chu-de'),
    ('kinh gui btc, don vi chung toi xin so dien thoai dau moi',
     'contacts / faq:lien-he'),
    ('Đề nghị cho biết lịch lễ khai mạc',
     'event:khai-mac'),
    ('kính gửi ban tổ chức, đơn vị chúng tôi cần tổ chức những hoạt động nào',
     'activities / faq:hoat-dong / faq:don-vi-tham-gia'),
    ('xin trân trọng cảm ơn ban tổ chức',
     'smalltalk:thanks'),
    # a purpose said after the question ("… để trường lên kế hoạch")
    ('lễ khai mạc tổ chức ở đâu để nhà trường cử học sinh đi dự',
     'event:khai-mac'),
    ('cho xin số điện thoại sở giáo dục để đơn vị liên hệ',
     'contacts / faq:lien-he'),
    ('chu de tuan le la gi de truong lam khau hieu',
     'theme / faq:chu-de'),
    ('han nop bao cao la ngay nao de phuong tong hop so lieu',
     'faq:han-bao-cao / bodies'),
    ('có những hoạt động gì để chi đoàn lên chương trình',
     'activities / faq:hoat-dong'),
    ('cuộc thi công dân học tập thi thế nào để tôi phổ biến cho công nhân',
     'contest / faq:cuoc-thi'),
    ('tuần lễ kéo dài mấy ngày để chúng tôi xếp lịch',
     'faq:thoi-gian'),
    ('số điện thoại ban tổ chức để trường tôi hỏi thêm',
     'contacts / faq:lien-he'),
    ('chủ đề tuần lễ là gì để nhà trường treo băng rôn',
     'theme / faq:chu-de'),
    ('lễ khai mạc mấy giờ để đơn vị cử người đi',
     'event:khai-mac'),
    ('báo cáo gửi về đâu để phường kịp nộp',
     'faq:han-bao-cao / bodies'),
    # "hướng dẫn" said of what is guided in (the help only when it is the bot)
    ('hướng dẫn học sinh tham gia cuộc thi công dân học tập',
     'contest / faq:cuoc-thi'),
    ('nhờ ad hướng dẫn cách gửi báo cáo kết quả tuần lễ',
     'faq:han-bao-cao / bodies'),
    ('gv can huong dan hs lam bai thi cdht',
     'contest / faq:cuoc-thi'),
    ('hướng dẫn xây dựng tủ sách lớp học',
     'programme:tu-sach-lop-hoc / event:tu-sach-lop-hoc / library'),
    ('thầy cô muốn hướng dẫn các em đọc sách điện tử thì vào trang nào',
     'courses:sach-dien-tu / courses / library'),
    # "hướng dẫn sử dụng/dùng" said of what the Week offers; of the bot, the help
    ('có ai hướng dẫn sử dụng máy tính cho người già không',
     'faq:internet-an-toan / event:an-duong-ky-nang-so / courses:ky-nang-so'
     ' / event:lop-ky-nang-so'),
    ('hướng dẫn dùng thư viện số cho học sinh',
     'courses:sach-dien-tu / library / event:ngay-thu-vien-mo / courses'),
    ('cần người hướng dẫn sử dụng zalo an toàn',
     'faq:internet-an-toan / courses:ky-nang-so / event:an-duong-ky-nang-so'),
    ('hướng dẫn sử dụng bot',
     'help'),
    ('hướng dẫn dùng chatbot này',
     'help'),
    # the unit that opens the message before its modal says who asks
    ('trường mầm non cần chuẩn bị những hoạt động gì trong tuần lễ',
     'activities / faq:hoat-dong / faq:don-vi-tham-gia'),
    ('công đoàn nhà máy muốn tổ chức lớp an toàn internet cho công nhân',
     'faq:internet-an-toan / event:tap-huan-internet-cbcnv'),
    ('chi doan thanh nien thon nen lam gi huong ung tuan le',
     'faq:don-vi-tham-gia / bodies'),
    ('ban giám hiệu trường tiểu học phải gửi báo cáo về đâu',
     'faq:han-bao-cao / bodies'),
    ('lop chu nhiem cua em muon lam tu sach lop hoc',
     'programme:tu-sach-lop-hoc / event:tu-sach-lop-hoc / library'),
    ('nhà máy của chúng tôi nên treo khẩu hiệu gì',
     'theme / faq:chu-de / activities'),
    ('trường trung học cơ sở nên có hoạt động gì hưởng ứng',
     'activities / faq:hoat-dong / faq:don-vi-tham-gia'),
    ('nhà trẻ nên làm hoạt động gì cho các cháu trong tuần lễ',
     'activities / faq:hoat-dong / faq:don-vi-tham-gia'),
    ('trường dân tộc nội trú cần nộp báo cáo cho ai',
     'faq:han-bao-cao / bodies'),
    ('ban giám hiệu cần làm gì trong tuần lễ học tập suốt đời',
     'faq:don-vi-tham-gia / bodies'),
    ('chi đoàn trường muốn làm hoạt động gì ý nghĩa',
     'activities / faq:hoat-dong / faq:don-vi-tham-gia'),
    ('tổ chuyên môn cần báo cáo số liệu gì',
     'faq:han-bao-cao / bodies'),
    # "tổ chức" after a modal: what a unit organises, not when the Week is held
    ('xã tôi nên tổ chức những gì trong tuần lễ',
     'activities / faq:hoat-dong / faq:don-vi-tham-gia'),
    ('thu vien quan can to chuc hoat dong nao',
     'activities / faq:hoat-dong / faq:don-vi-tham-gia'),
    ('đơn vị cần tổ chức gì để hưởng ứng',
     'faq:don-vi-tham-gia / bodies / faq:hoat-dong / activities'),
    ('nhà văn hóa muốn tổ chức đọc sách liên thế hệ',
     'programme:doc-sach-lien-the-he / event:doc-sach-lien-the-he / library'),
    ('truong minh phai to chuc nhung hoat dong nao a',
     'activities / faq:hoat-dong / faq:don-vi-tham-gia'),
    # the contest asked of (not the events named after it)
    ('con tôi học lớp 6 có được thi công dân học tập không',
     'contest / faq:cuoc-thi'),
    ('giáo viên có được dự thi công dân học tập không',
     'contest / faq:cuoc-thi'),
    ('cho hs ca truong thi cong dan hoc tap duoc ko',
     'contest / faq:cuoc-thi'),
    ('cong nhan nha may co thi cong dan hoc tap dc khong',
     'contest / faq:cuoc-thi'),
    ('làm thế nào để các em vào thi công dân học tập',
     'contest / faq:cuoc-thi'),
    ('phụ huynh có thi công dân học tập cùng con được không',
     'contest / faq:cuoc-thi'),
    # where the report is sent, said after it is named
    ('báo cáo nộp cho phòng giáo dục huyện hay nộp lên sở',
     'faq:han-bao-cao / bodies'),
    ('bc tuan le gui qua buu dien ve hoi khuyen hoc duoc khong',
     'faq:han-bao-cao / bodies'),
    ('báo cáo của xã gửi ủy ban huyện hay gửi thẳng về thành phố',
     'faq:han-bao-cao / bodies'),
    ('bao cao gui ban cung len so gd co dc k',
     'faq:han-bao-cao / bodies'),
    ('báo cáo kết quả nộp qua email của phòng giáo dục thường xuyên phải không',
     'faq:han-bao-cao / bodies'),
    ('báo cáo trường tôi gửi thẳng về hội khuyến học thành phố được không',
     'faq:han-bao-cao / bodies'),
    # "trong tuần học tập suốt đời": the Week by its short name, not this week
    ('trong tuần học tập suốt đời có những hoạt động gì',
     'activities / faq:hoat-dong'),
    ('thư viện làm gì trong tuần học tập suốt đời',
     'faq:don-vi-tham-gia / library / activities / faq:hoat-dong'),
    ('cả tuần học tập suốt đời có thi không',
     'contest / faq:cuoc-thi'),
    ('trong tuan hoc tap suot doi truong minh can bao cao gi',
     'faq:han-bao-cao / bodies'),
])
def test_units_and_staff(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), [
    # (passes since round 20 merged: help asked of a device, round 20a, is read first)
    pytest.param('co huong dan cach dung internet an toan cho phu huynh khong',
                 'faq:internet-an-toan / event:lop-ky-nang-so'),
    # (passes since the examples' second opinion, BENCHMARKS §8.81)
    pytest.param('cơ quan muốn tổ chức tập huấn internet an toàn cho nhân viên',
                 'faq:internet-an-toan / event:tap-huan-internet-cbcnv'),
    # (passes since round 34b: two events on the same words, too close to choose, give way
    # to their FAQ, BENCHMARKS §8.127)
    pytest.param('trong tuần học tập có lớp internet an toàn không',
                 'faq:internet-an-toan / event:tap-huan-internet-hoc-sinh'
                 ' / event:tap-huan-internet-cbcnv'),
])
def test_left_for_later(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
