"""The demo: a Hà Nội agency tree, one login per role and about 200 cases made only through the services.

Everything random is drawn up front from fixed seeds (Faker vi_VN and random.Random), so the plan is the
same on every run; only the dates move with the real current time. A Counter row named `demo:v1` holds how
many stories of the plan are loaded; it advances in the same transaction as each story, so a run that stops
midway resumes where it stopped and a second run adds nothing.
"""

import enum
import random
from collections import Counter as Tally
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from faker import Faker

from caseflow.errors import CaseflowError
from caseflow.extensions import begin_write, db
from caseflow.models import Case, Counter, ReceptionSession, Unit, User
from caseflow.services import accounts, actions, intake, reception
from caseflow.services.deadlines import working_calendar
from caseflow.services.matching import child_case
from caseflow.services.sweep import sweep
from caseflow.text import fold
from caseflow.timeutil import agency_timezone, local_date

DEMO_MARKER = "demo:v1"
DEMO_PASSWORD = "caseflow-demo"  # noqa: S105 - the published password of every demo login
SEED = 20260701
HISTORY_DAYS = 148
ROOT = "HN"


class DemoFailed(CaseflowError):
    """A service refused a step of the demo plan; the detail names the story and the step."""

    status_code, code, title = 500, "demo_failed", "The demo could not be loaded"


# ------------------------------------------------------------------------------------------------------------
# Units, users and who does what where
# ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    """A unit of the demo tree; `place` is how letters name its area."""

    code: str
    name: str
    parent: str | None = None
    place: str = ""
    remote: bool = False


UNITS = (
    UnitSpec(ROOT, "UBND thành phố Hà Nội"),
    UnitSpec("HN-TT", "Thanh tra thành phố Hà Nội", ROOT),
    UnitSpec("HN-TNMT", "Sở Tài nguyên và Môi trường", ROOT),
    UnitSpec("HN-SXD", "Sở Xây dựng", ROOT),
    UnitSpec("HN-SNV", "Sở Nội vụ", ROOT),
    UnitSpec("HN-PHK", "UBND phường Hoàn Kiếm", ROOT, "phường Hoàn Kiếm"),
    UnitSpec("HN-PCG", "UBND phường Cầu Giấy", ROOT, "phường Cầu Giấy"),
    UnitSpec("HN-XSS", "UBND xã Sóc Sơn", ROOT, "xã Sóc Sơn"),
    UnitSpec("HN-XBV", "UBND xã Ba Vì", ROOT, "xã Ba Vì", remote=True),
)
UNIT_SPECS = {u.code: u for u in UNITS}


@dataclass(frozen=True)
class UserSpec:
    """A demo login."""

    username: str
    full_name: str
    roles: tuple[str, ...]
    unit: str


USERS = (
    UserSpec("tiepdan", "Nguyễn Thị Thu Hà", ("reception",), ROOT),
    UserSpec("xulydon", "Trần Văn Minh", ("officer",), ROOT),
    UserSpec("lanhdao", "Lê Quang Huy", ("leader",), ROOT),
    UserSpec("xacminh", "Phạm Thị Ngọc Anh", ("handler",), ROOT),
    UserSpec("xacminh.tt", "Hoàng Đức Thắng", ("handler",), "HN-TT"),
    UserSpec("xacminh.tnmt", "Đỗ Minh Tuấn", ("handler",), "HN-TNMT"),
    UserSpec("thanhtra", "Vũ Thị Hồng Nhung", ("inspector",), ROOT),
    UserSpec("quantri", "Đặng Văn Tùng", ("admin",), ROOT),
    UserSpec("lanhdao.pcg", "Bùi Văn Long", ("leader",), "HN-PCG"),
    UserSpec("canbo.pcg", "Ngô Thị Mai", ("officer", "handler"), "HN-PCG"),
)
HEAD_HOST = "Lê Quang Huy, Phó Chủ tịch UBND thành phố"  # the leader `lanhdao` receiving citizens in person
DEFAULT_CREW = {"reception": "tiepdan", "officer": "xulydon", "leader": "lanhdao"}
CREWS = {"HN-PCG": {"reception": "canbo.pcg", "officer": "canbo.pcg", "leader": "lanhdao.pcg"}}
HANDLERS = {ROOT: "xacminh", "HN-TT": "xacminh.tt", "HN-TNMT": "xacminh.tnmt", "HN-PCG": "canbo.pcg"}
DESK_UNITS = (ROOT, "HN-PCG")
UNITS_BY_FIELD = {
    "land": ("HN-TNMT", "HN-PCG", "HN-XSS", "HN-XBV", "HN-PHK"),
    "housing": ("HN-SXD", "HN-PCG", "HN-PHK"),
    "policy": ("HN-SNV", "HN-PCG", "HN-XBV"),
    "civil_service": ("HN-SNV", "HN-TT", "HN-PCG"),
    "corruption": ("HN-TT", "HN-PCG", "HN-XSS"),
    "judicial": ("HN-TT", "HN-PHK", "HN-XSS"),
    "other": ("HN-PHK", "HN-PCG", "HN-XSS", "HN-XBV", "HN-SXD"),
}


# ------------------------------------------------------------------------------------------------------------
# What the letters say
# ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    """One kind of matter: subject and content templates, who it is against, where it belongs otherwise."""

    field: str
    verb: str
    topic: str
    content: str
    respondent: str = ""
    position: str = ""
    elsewhere: str = "UBND {ward}"
    outside: bool = False


COMPLAINTS = (
    Topic(
        "land",
        "Khiếu nại",
        "phương án bồi thường, hỗ trợ, tái định cư khi thu hồi đất thực hiện {project}",
        "Gia đình tôi sử dụng thửa đất số {plot}, tờ bản đồ số {sheet}, diện tích {area} m² tại {place}, bị "
        "thu hồi để thực hiện {project}. Phương án bồi thường, hỗ trợ, tái định cư phê duyệt kèm Quyết định "
        "số {no}/QĐ-UBND ngày {day} áp đơn giá {price} đồng/m², thấp hơn nhiều so với giá chuyển nhượng "
        "thực tế trong khu vực, và không tính hỗ trợ chuyển đổi nghề nghiệp, tạo việc làm cho phần đất nông "
        "nghiệp. Tôi đề nghị xem xét lại đơn giá bồi thường và bố trí cho gia đình một suất tái định cư.",
        "UBND {ward}",
    ),
    Topic(
        "land",
        "Khiếu nại",
        "việc trả lại hồ sơ đề nghị cấp Giấy chứng nhận quyền sử dụng đất",
        "Tháng {month}/{year}, tôi nộp hồ sơ đề nghị cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu "
        "tài sản gắn liền với đất đối với thửa đất số {plot}, tờ bản đồ số {sheet} tại {place}, gia đình sử "
        "dụng ổn định, không tranh chấp từ năm 1993. Chi nhánh Văn phòng đăng ký đất đai trả lại hồ sơ với "
        "lý do đất có nguồn gốc lấn chiếm nhưng không nêu căn cứ. Tôi khiếu nại văn bản trả lại hồ sơ và đề "
        "nghị được cấp Giấy chứng nhận theo Luật Đất đai 2024.",
        "Chi nhánh Văn phòng đăng ký đất đai Hà Nội",
        elsewhere="Văn phòng đăng ký đất đai Hà Nội",
    ),
    Topic(
        "land",
        "Khiếu nại",
        "quyết định cưỡng chế thu hồi đất nông nghiệp",
        "Ngày {day}, Chủ tịch UBND {ward} ban hành Quyết định số {no}/QĐ-CC cưỡng chế thu hồi {area} m² đất "
        "nông nghiệp của gia đình tôi tại {place} để thực hiện {project}. Gia đình chưa nhận được quyết "
        "định phê duyệt phương án bồi thường, chưa được vận động, thuyết phục theo quy định mà đã bị thông "
        "báo cưỡng chế. Tôi đề nghị tạm dừng cưỡng chế và xem xét lại toàn bộ trình tự thu hồi đất.",
        "Chủ tịch UBND {ward}",
    ),
    Topic(
        "housing",
        "Khiếu nại",
        "quyết định xử phạt vi phạm hành chính trong lĩnh vực xây dựng",
        "Ngày {day}, Chủ tịch UBND {ward} ban hành Quyết định số {no}/QĐ-XPHC xử phạt gia đình tôi {fine} "
        "đồng và buộc tháo dỡ phần mái tôn che sân tại {house} với lý do xây dựng không phép. Công trình "
        "chỉ là mái che tạm, không thuộc trường hợp phải cấp giấy phép xây dựng. Tôi đề nghị hủy quyết định "
        "xử phạt.",
        "Chủ tịch UBND {ward}",
    ),
    Topic(
        "housing",
        "Khiếu nại",
        "văn bản từ chối cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Tôi nộp hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ 4 tầng tại {house} từ tháng "
        "{month}/{year}. Cơ quan cấp phép có văn bản từ chối với lý do thửa đất nằm trong chỉ giới mở rộng "
        "ngõ, trong khi quy hoạch chi tiết tỷ lệ 1/500 đã được điều chỉnh, không còn chỉ giới này. Tôi "
        "khiếu nại văn bản từ chối và đề nghị được cấp giấy phép xây dựng.",
        "UBND {ward}",
    ),
    Topic(
        "policy",
        "Khiếu nại",
        "việc tạm dừng chi trả trợ cấp thương binh",
        "Bố tôi là thương binh hạng 3/4, tỷ lệ tổn thương cơ thể 41%, đang hưởng trợ cấp hằng tháng. Từ "
        "tháng {month}/{year}, cơ quan quản lý người có công tạm dừng chi trả với lý do hồ sơ có sai sót về "
        "ngày nhập ngũ mà không thông báo bằng văn bản. Gia đình khiếu nại việc dừng trợ cấp, đề nghị khôi "
        "phục chế độ và truy lĩnh phần trợ cấp bị dừng.",
        "Phòng Người có công, Sở Nội vụ Hà Nội",
        elsewhere="Bộ Nội vụ",
    ),
    Topic(
        "policy",
        "Khiếu nại",
        "việc trả hồ sơ đề nghị hưởng chế độ người hoạt động kháng chiến bị nhiễm chất độc hóa học",
        "Tôi tham gia kháng chiến tại chiến trường miền Nam từ năm 1972 đến năm 1975, nay mắc bệnh thuộc "
        "danh mục bệnh liên quan đến phơi nhiễm chất độc hóa học. Hồ sơ đề nghị hưởng chế độ của tôi bị trả "
        "lại với lý do thiếu giấy tờ chứng minh thời gian hoạt động tại vùng bị rải chất độc, dù tôi đã nộp "
        "lý lịch quân nhân và xác nhận của đơn vị cũ. Tôi khiếu nại việc trả hồ sơ và đề nghị xem xét giải "
        "quyết chế độ.",
        "Sở Nội vụ Hà Nội",
        elsewhere="Bộ Nội vụ",
    ),
    Topic(
        "civil_service",
        "Khiếu nại",
        "quyết định kỷ luật cảnh cáo đối với công chức",
        "Tôi là công chức địa chính - xây dựng của UBND {ward}. Ngày {day}, Chủ tịch UBND {ward} ban hành "
        "Quyết định số {no}/QĐ-UBND kỷ luật tôi bằng hình thức cảnh cáo với lý do thiếu trách nhiệm trong "
        "quản lý trật tự xây dựng. Quá trình xem xét kỷ luật không tổ chức họp Hội đồng kỷ luật và tôi "
        "không được giải trình. Tôi khiếu nại quyết định kỷ luật này.",
        "Chủ tịch UBND {ward}",
    ),
    Topic(
        "civil_service",
        "Khiếu nại",
        "kết quả xét tuyển viên chức giáo viên năm {year}",
        "Tôi dự tuyển vị trí giáo viên tiểu học hạng III tại kỳ xét tuyển viên chức năm {year}. Điểm phỏng "
        "vấn của tôi được công bố là 48, thấp hơn 2 điểm so với người trúng tuyển, trong khi Hội đồng tuyển "
        "dụng không công khai biên bản chấm và từ chối cho phúc khảo. Tôi khiếu nại kết quả xét tuyển và đề "
        "nghị chấm lại có giám sát.",
        "Hội đồng tuyển dụng viên chức, UBND {ward}",
    ),
    Topic(
        "judicial",
        "Khiếu nại",
        "bản án dân sự sơ thẩm về tranh chấp quyền sử dụng đất",
        "Tôi không đồng ý với Bản án dân sự sơ thẩm số {no}/{year}/DS-ST về tranh chấp quyền sử dụng đất "
        "giữa gia đình tôi và hộ liền kề tại {place}. Tòa án không xem xét biên bản đo đạc năm 2004 mà gia "
        "đình cung cấp. Đề nghị UBND thành phố can thiệp, xem xét lại bản án.",
        elsewhere="Tòa án nhân dân thành phố Hà Nội",
        outside=True,
    ),
)

DENUNCIATIONS = (
    Topic(
        "corruption",
        "Tố cáo",
        "công chức địa chính nhận tiền để hợp thức hóa đất lấn chiếm",
        "Tôi tố cáo {accused}, công chức địa chính - xây dựng UBND {ward}, đã nhận của một số hộ dân từ 30 "
        "đến 50 triệu đồng mỗi hộ để lập hồ sơ hợp thức hóa phần đất lấn chiếm hành lang kênh mương tại "
        "{place}, rồi trình cấp Giấy chứng nhận quyền sử dụng đất. Tôi có ghi âm và danh sách các hộ đã nộp "
        "tiền.",
        "{accused}",
        "Công chức địa chính - xây dựng UBND {ward}",
        elsewhere="Công an thành phố Hà Nội",
    ),
    Topic(
        "corruption",
        "Tố cáo",
        "sai phạm trong cho thuê quỹ đất công ích tại {ward}",
        "Từ năm {year} đến nay, {accused} đã cho một số cá nhân thuê khoảng {area} m² đất công ích tại cánh "
        "đồng {village} không qua đấu giá, giá thuê thấp hơn nhiều so với giá thị trường, tiền thuê không "
        "nộp đầy đủ vào ngân sách. Một phần diện tích đã bị xây dựng nhà xưởng, kho bãi trái phép. Đề nghị "
        "thanh tra làm rõ.",
        "{accused}",
        "Phó Chủ tịch UBND {ward}",
        elsewhere="Thanh tra thành phố Hà Nội",
    ),
    Topic(
        "civil_service",
        "Tố cáo",
        "hành vi nhũng nhiễu của công chức Bộ phận tiếp nhận và trả kết quả",
        "Khi tôi nộp hồ sơ đăng ký biến động đất đai tại Bộ phận tiếp nhận và trả kết quả UBND {ward}, "
        "{accused} nhiều lần yêu cầu bổ sung giấy tờ không có trong thành phần hồ sơ, rồi gợi ý 'bồi dưỡng' "
        "5 triệu đồng để hồ sơ được giải quyết nhanh. Tôi có tin nhắn điện thoại làm bằng chứng.",
        "{accused}",
        "Công chức Bộ phận tiếp nhận và trả kết quả UBND {ward}",
    ),
    Topic(
        "land",
        "Tố cáo",
        "việc xây dựng nhà xưởng trái phép trên đất nông nghiệp và sự buông lỏng quản lý của cán bộ",
        "Từ tháng {month}/{year}, {accused} cho san lấp khoảng {area} m² đất trồng lúa tại {place} và xây "
        "dựng nhà xưởng, tường rào kiên cố. Người dân đã nhiều lần báo với cán bộ phụ trách trật tự xây "
        "dựng nhưng công trình vẫn được hoàn thiện và đưa vào sử dụng. Tôi tố cáo hành vi vi phạm và việc "
        "bao che của cán bộ.",
        "{accused}",
        "Cán bộ phụ trách trật tự xây dựng UBND {ward}",
    ),
    Topic(
        "policy",
        "Tố cáo",
        "việc lập khống danh sách hộ cận nghèo để nhận tiền hỗ trợ",
        "{Accused} đã đưa nhiều người thân, có nhà cửa khang trang, vào danh sách hộ cận nghèo năm {year} "
        "của {place} để nhận tiền hỗ trợ và thẻ bảo hiểm y tế, trong khi một số hộ thực sự khó khăn lại bị "
        "loại. Việc bình xét không được công khai tại nhà văn hóa.",
        "{accused}",
        "Trưởng thôn {village}, {ward}",
    ),
    Topic(
        "housing",
        "Tố cáo",
        "cán bộ thanh tra xây dựng bao che công trình sai phép",
        "Công trình nhà ở tại {house} được cấp phép 5 tầng nhưng đã xây 8 tầng và tum. {Accused} nhiều lần "
        "lập biên bản nhưng không ra quyết định đình chỉ, để chủ đầu tư tiếp tục thi công. Tôi tố cáo hành "
        "vi bao che sai phạm trong trật tự xây dựng.",
        "{accused}",
        "Đội trưởng Đội Thanh tra trật tự xây dựng {ward}",
    ),
    Topic(
        "judicial",
        "Tố cáo",
        "điều tra viên có dấu hiệu làm sai lệch hồ sơ vụ án",
        "Tôi tố cáo {accused}, điều tra viên, trong quá trình điều tra vụ án cố ý gây thương tích xảy ra "
        "tại {place} đã không đưa lời khai của các nhân chứng có lợi cho con tôi vào hồ sơ.",
        "{accused}",
        "Điều tra viên",
        elsewhere="Viện kiểm sát nhân dân thành phố Hà Nội",
        outside=True,
    ),
)

PETITIONS = (
    Topic(
        "other",
        "Phản ánh",
        "tiếng ồn từ quán karaoke {biz} hoạt động quá giờ",
        "Quán karaoke {biz} tại {house} thường xuyên hoạt động đến 1-2 giờ sáng, âm thanh lớn ảnh hưởng "
        "nghiêm trọng đến việc nghỉ ngơi của các hộ dân xung quanh, nhất là người già và trẻ nhỏ. Chúng tôi "
        "đã phản ánh với tổ dân phố nhiều lần nhưng không được xử lý dứt điểm. Đề nghị kiểm tra, xử lý.",
        "Quán karaoke {biz}",
    ),
    Topic(
        "other",
        "Phản ánh",
        "tình trạng ngập úng kéo dài trên đường {street} mỗi khi mưa lớn",
        "Mỗi trận mưa lớn, đoạn đường {street} trước cổng trường tiểu học ngập sâu 40-50 cm trong nhiều "
        "giờ, học sinh và người dân đi lại rất khó khăn, nhiều xe máy chết máy. Hệ thống cống thoát nước đã "
        "xuống cấp, cửa thu bị rác lấp. Đề nghị nạo vét, cải tạo hệ thống thoát nước.",
    ),
    Topic(
        "land",
        "Kiến nghị",
        "đẩy nhanh việc bàn giao đất tái định cư {project}",
        "Gia đình tôi đã bàn giao mặt bằng cho {project} từ tháng {month}/{year} và được phê duyệt một suất "
        "tái định cư, nhưng đến nay khu tái định cư chưa hoàn thành hạ tầng, chưa bốc thăm giao đất. Gia "
        "đình phải thuê nhà ở tạm, tiền hỗ trợ thuê nhà không đủ chi trả. Kiến nghị đẩy nhanh tiến độ giao "
        "đất tái định cư.",
    ),
    Topic(
        "housing",
        "Phản ánh",
        "công trình xây dựng liền kề gây lún, nứt nhà dân",
        "Công trình nhà 9 tầng tại {house} thi công phần móng từ tháng {month} làm nhà tôi liền kề bị nứt "
        "tường, lún nền, cửa không đóng được. Chủ đầu tư chưa có biện pháp chống đỡ, che chắn và chưa làm "
        "việc bồi thường với gia đình. Đề nghị kiểm tra, tạm dừng thi công cho đến khi bảo đảm an toàn.",
    ),
    Topic(
        "policy",
        "Kiến nghị",
        "chậm chi trả trợ cấp xã hội hằng tháng cho người cao tuổi",
        "Mẹ tôi 82 tuổi, thuộc diện hưởng trợ cấp xã hội hằng tháng. Từ khi sắp xếp lại đơn vị hành chính, "
        "trợ cấp bị chậm chi trả ba tháng liền, cán bộ trả lời là đang chuyển hồ sơ. Kiến nghị sớm chi trả "
        "và thông báo lịch chi trả cố định.",
    ),
    Topic(
        "other",
        "Phản ánh",
        "ô nhiễm môi trường do bãi tập kết rác tự phát",
        "Tại {place} hình thành bãi tập kết rác tự phát, rác thải sinh hoạt và phế thải xây dựng đổ thành "
        "đống, bốc mùi hôi thối, thường xuyên bị đốt gây khói. Đề nghị thu dọn, xử lý người đổ trộm và bố "
        "trí điểm tập kết có che chắn.",
    ),
    Topic(
        "civil_service",
        "Phản ánh",
        "thời gian giải quyết thủ tục hành chính kéo dài tại Bộ phận một cửa",
        "Tôi nộp hồ sơ đăng ký thường trú cho con tại Bộ phận một cửa UBND {ward} ngày {day}, hẹn trả kết "
        "quả sau 7 ngày nhưng đã quá hạn hơn một tháng mà không có văn bản xin lỗi, hẹn lại. Đề nghị chấn "
        "chỉnh.",
    ),
    Topic(
        "other",
        "Phản ánh",
        "lấn chiếm vỉa hè làm bãi trông giữ xe trái phép trên đường {street}",
        "Một số hộ kinh doanh trên đường {street} lấn chiếm toàn bộ vỉa hè để trông giữ xe thu tiền, người "
        "đi bộ phải đi xuống lòng đường, rất nguy hiểm. Đề nghị lập lại trật tự đô thị.",
    ),
    Topic(
        "land",
        "Kiến nghị",
        "quy hoạch 'treo' nhiều năm tại {place}",
        "Khu đất của hơn 40 hộ dân tại {place} nằm trong quy hoạch trường học từ năm 2012 nhưng đến nay "
        "chưa triển khai, người dân không được cấp phép sửa chữa, không chuyển nhượng được. Kiến nghị công "
        "bố rõ kế hoạch thực hiện hoặc điều chỉnh quy hoạch.",
    ),
    Topic(
        "judicial",
        "Kiến nghị",
        "đẩy nhanh việc thi hành bản án dân sự đã có hiệu lực",
        "Bản án dân sự phúc thẩm số {no}/{year}/DS-PT buộc bên vay trả cho tôi 850 triệu đồng đã có hiệu "
        "lực hơn một năm nhưng việc thi hành án chưa được tổ chức. Kiến nghị chỉ đạo thi hành dứt điểm.",
        elsewhere="Thi hành án dân sự thành phố Hà Nội",
        outside=True,
    ),
)

TOPICS = {"complaint": COMPLAINTS, "denunciation": DENUNCIATIONS, "petition": PETITIONS}

PROJECTS = (
    "dự án đường Vành đai 4 - Vùng Thủ đô",
    "dự án xây dựng Khu đô thị mới Tây Tựu",
    "dự án cải tạo, mở rộng đường Âu Cơ - Nghi Tàm",
    "dự án tuyến đường sắt đô thị số 2 (Nam Thăng Long - Trần Hưng Đạo)",
    "dự án xây dựng cầu Trần Hưng Đạo",
    "dự án mở rộng Khu công nghiệp Nội Bài",
)
WARDS = (
    "phường Hoàn Kiếm", "phường Cửa Nam", "phường Ba Đình", "phường Ngọc Hà", "phường Giảng Võ",
    "phường Hai Bà Trưng", "phường Vĩnh Tuy", "phường Bạch Mai", "phường Đống Đa", "phường Kim Liên",
    "phường Láng", "phường Ô Chợ Dừa", "phường Hoàng Mai", "phường Tương Mai", "phường Cầu Giấy",
    "phường Nghĩa Đô", "phường Yên Hòa", "phường Tây Hồ", "phường Long Biên", "phường Bồ Đề",
    "phường Thanh Xuân", "phường Hà Đông", "xã Sóc Sơn", "xã Đa Phúc", "xã Đông Anh", "xã Thư Lâm",
    "xã Gia Lâm", "xã Thanh Trì", "xã Ba Vì", "xã Thường Tín", "xã Mê Linh",
)  # fmt: skip
VILLAGES = ("Đông", "Đoài", "Thượng", "Hạ", "Trung", "Yên Bài", "Phú Mỹ", "Xuân Lai", "Hòa Bình", "Tân Phú")
BUSINESSES = ("Hoàng Gia", "Sao Mai", "Nice", "Paradise", "Kim Cương", "Ánh Dương")
MIDDLE_MALE = ("Văn", "Đức", "Quang", "Minh", "Hữu", "Xuân", "Thế", "Ngọc", "Trọng", "Mạnh", "Tiến", "Văn")
MIDDLE_FEMALE = ("Thị", "Thị Thu", "Thị Thanh", "Thị Ngọc", "Thu", "Thanh", "Thị Hồng", "Thị")
FORWARDERS = (
    "Ban Dân nguyện thuộc Ủy ban Thường vụ Quốc hội",
    "Ban Tiếp công dân Trung ương",
    "Đoàn đại biểu Quốc hội thành phố Hà Nội",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
)
PRESS = (
    "Báo Hànộimới",
    "Báo Tuổi trẻ Thủ đô",
    "Báo Kinh tế & Đô thị",
    "Đài Phát thanh và Truyền hình Hà Nội",
)
FILING_NOTES = {
    "ineligible": "Đơn không ghi rõ nội dung, không ký tên, không đủ điều kiện xử lý (TT 05/2021 Điều 6).",
    "already_resolved": "Vụ việc đã được giải quyết đúng chính sách, pháp luật; đơn không nêu tình tiết mới.",
    "sent_to_many": "Đơn gửi đồng thời nhiều cơ quan, đã được chuyển đến cơ quan có thẩm quyền.",
    "already_guided": "Công dân đã được hướng dẫn một lần về cùng nội dung.",
    "duplicate": "Đơn trùng nội dung với đơn đang xử lý.",
    "anonymous": "Đơn tố cáo không rõ họ tên, địa chỉ người tố cáo (Luật Tố cáo 2018 Điều 25).",
}
REJECT_REASONS = {
    "complaint": "Quá thời hiệu khiếu nại 90 ngày (Điều 9 Luật Khiếu nại 2011), không có lý do chính đáng.",
    "denunciation": "Nội dung tố cáo đã được giải quyết, người tố cáo không nêu thông tin, tình tiết mới "
    "(Điều 29 Luật Tố cáo 2018).",
    "petition": "Nội dung kiến nghị đã được trả lời tại văn bản trước, không có nội dung mới.",
}
TERMINATE_REASONS = {
    "complaint": (
        "Người khiếu nại đã chết mà quyền, nghĩa vụ không được thừa kế (Luật Khiếu nại 2011 Điều 30).",
        "Người khiếu nại đã khởi kiện vụ án hành chính tại Tòa án và Tòa án đã thụ lý.",
    ),
    "denunciation": (
        "Người bị tố cáo đã chết; nội dung tố cáo chỉ liên quan đến trách nhiệm của người đó "
        "(Luật Tố cáo 2018 Điều 34).",
    ),
    "petition": ("Nội dung kiến nghị đã được giải quyết tại văn bản của cơ quan khác; đình chỉ xem xét.",),
}
SUSPEND_REASONS = (
    "Chờ kết quả giám định chữ ký trên hồ sơ chuyển nhượng của cơ quan chuyên môn.",
    "Chờ kết quả giải quyết của Tòa án về tranh chấp thừa kế liên quan.",
    "Chờ ý kiến của Bộ Tài nguyên và Môi trường về nguồn gốc đất.",
)


# ------------------------------------------------------------------------------------------------------------
# The plan: stories of steps, drawn once from the seeds
# ------------------------------------------------------------------------------------------------------------


class Ref(enum.Enum):
    """Values a step can only know when it runs."""

    UNIT = "unit"
    SESSION = "session"
    HANDLER = "handler"
    TODAY = "today"
    MEETING = "meeting"


@dataclass
class Step:
    """One call of a service: a reception session, an intake or an action on the main or the appealed case."""

    action: str
    role: str
    params: dict
    gap: float = 0.0
    target: str = "main"
    unit: str | None = None  # where the actor sits, when not the case's unit (an appeal goes to the city)


@dataclass
class Story:
    """Everything that happens to one letter (or one reception without a letter), oldest first."""

    label: str
    unit: str
    days_ago: float
    steps: list[Step] = field(default_factory=list)


GAPS = {
    "session": (0.0, 0.0), "intake": (0.02, 0.1), "classify": (0.5, 3), "propose_acceptance": (0.5, 2),
    "accept": (1, 3), "reject": (1, 4), "guide": (0.5, 3), "forward": (0.5, 3), "return_to_forwarder": (1, 4),
    "file": (0.5, 3), "assign": (0.5, 2), "submit_report": (8, 20), "schedule_dialogue": (1, 3),
    "record_dialogue": (5, 9), "decide": (2, 6), "answer": (5, 14), "close": (0.5, 2), "extend": (10, 20),
    "suspend": (3, 10), "resume": (10, 25), "withdraw": (3, 15), "terminate": (5, 20), "appeal": (3, 10),
}  # fmt: skip
ASSIGNED_TARGETS = {
    "verifying",
    "reported",
    "dialogue_scheduled",
    "decided",
    "closed",
    "terminated",
    "withdrawn",
}
OPEN_TARGETS = {
    "received",
    "classified",
    "pending_acceptance",
    "accepted",
    "verifying",
    "reported",
    "dialogue_scheduled",
    "decided",
}
# How many letters end in each status, per kind (None: never classified); OPTIONS adds the special paths.
RECIPES = {
    None: {"received": 14, "filed": 3, "withdrawn": 1},
    "complaint": {
        "classified": 3, "pending_acceptance": 4, "accepted": 4, "verifying": 5, "reported": 4,
        "dialogue_scheduled": 4, "decided": 4, "closed": 14, "guided": 5, "forwarded": 3, "returned": 3,
        "filed": 3, "not_accepted": 4, "withdrawn": 3, "terminated": 2,
    },
    "denunciation": {
        "classified": 3, "pending_acceptance": 3, "accepted": 3, "verifying": 3, "reported": 3,
        "decided": 3, "closed": 7, "guided": 2, "forwarded": 5, "returned": 2, "filed": 3, "not_accepted": 3,
        "withdrawn": 2, "terminated": 2,
    },
    "petition": {
        "classified": 4, "pending_acceptance": 3, "accepted": 3, "verifying": 6, "reported": 4,
        "decided": 5, "closed": 13, "guided": 5, "forwarded": 4, "returned": 2, "filed": 3, "not_accepted": 2,
        "withdrawn": 2, "terminated": 1,
    },
}  # fmt: skip
OPTIONS = (
    ("complaint", "verifying", "suspend"),
    ("complaint", "verifying", "extend"),
    ("complaint", "closed", "pause"),
    ("denunciation", "verifying", "suspend"),
    ("denunciation", "verifying", "extend"),
    ("petition", "accepted", "suspend"),
)
CHANNELS = {
    "post": 30,
    "in_person": 14,
    "online": 16,
    "email": 10,
    "forwarded": 15,
    "press": 5,
    "dialogue": 3,
}
DESK_SHARE = 0.09
OLD_SHARE = 0.4


@dataclass
class Letter:
    """The drawn facts of one letter: who, about what, against whom, where it belongs otherwise."""

    kind: str | None
    topic: Topic
    unit: str
    values: dict
    petitioner: dict | None
    honorific: str
    channel: str

    @property
    def subject(self) -> str:
        """The subject line: verb and topic."""
        return f"{self.topic.verb} {self.topic.topic.format(**self.values)}"[:300]

    @property
    def about(self) -> str:
        """The topic in words, for decisions and reports."""
        return self.topic.topic.format(**self.values)

    @property
    def elsewhere(self) -> str:
        """The competent body when the letter is not ours."""
        return self.topic.elsewhere.format(**self.values)

    @property
    def respondent(self) -> str:
        """Who the letter is against, in words."""
        return self.topic.respondent.format(**self.values) or "cơ quan có liên quan"

    @property
    def who(self) -> str:
        """The petitioner as a decision names them."""
        if not self.petitioner:
            return "người gửi đơn (không rõ danh tính)"
        return f"{self.honorific} {self.petitioner['full_name']}"


class Planner:
    """Draws the whole demo plan from the seeds; knows nothing of the database."""

    def __init__(self, today: date) -> None:
        self.rng = random.Random(SEED)
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(SEED)
        self.today = today
        self.numbers = iter(range(1, 100000))

    # --- people and places ----------------------------------------------------------------------------------

    def person(self, place: str | None = None, *, email: bool = False) -> tuple[dict, str]:
        """A citizen (family, middle, given name) with CCCD, address and phone; and 'ông' or 'bà'."""
        male = self.rng.random() < 0.55
        middle = self.rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
        given = self.fake.first_name_male() if male else self.fake.first_name_female()
        name = f"{self.fake.last_name()} {middle} {given}"
        born = self.rng.randint(1946, 1998)
        province = self.rng.choice(("001", "001", "001", "001", "034", "036", "040", "038"))
        century = (0 if born < 2000 else 2) + (0 if male else 1)
        person = {
            "full_name": name,
            "address": self.address(place),
            "id_number": f"{province}{century}{born % 100:02d}{self.rng.randrange(10**6):06d}",
            "phone": self.rng.choice(("09", "03", "08", "07")) + f"{self.rng.randrange(10**8):08d}",
        }
        if email:
            person["email"] = f"{fold(name).replace(' ', '')}{born}@gmail.com"
        return person, "ông" if male else "bà"

    def address(self, place: str | None = None) -> str:
        """A house address in a ward, or a village in a commune, of Hà Nội."""
        place = place or self.rng.choice(WARDS)
        if place.startswith("xã"):
            return f"Thôn {self.rng.choice(VILLAGES)}, {place}, thành phố Hà Nội"
        house, lane = self.rng.randint(1, 180), self.rng.randint(2, 320)
        return f"Số {house} ngõ {lane} phố {self.fake.street_name()}, {place}, thành phố Hà Nội"

    def area(self, place: str) -> str:
        """A residential group of a ward, or a village of a commune."""
        if place.startswith("xã"):
            return f"thôn {self.rng.choice(VILLAGES)}, {place}"
        return f"tổ dân phố số {self.rng.randint(1, 24)}, {place}"

    def values(self, place: str) -> dict:
        """The blanks of the content templates."""
        rng, year = self.rng, self.today.year - 1
        month = rng.randint(1, 12)
        accused, honorific = self.person(place)
        return {
            "ward": place,
            "place": self.area(place),
            "house": self.address(place).replace(", thành phố Hà Nội", ""),
            "project": rng.choice(PROJECTS),
            "plot": rng.randint(12, 480),
            "sheet": rng.randint(3, 45),
            "area": rng.choice(("48,5", "72", "96,3", "120", "156,8", "210", "360", "540", "1.250")),
            "price": f"{rng.randint(2, 9)}.{rng.choice(('000', '250', '500', '800'))}.000",
            "fine": f"{rng.choice((7, 10, 15, 25, 40))}.000.000",
            "no": rng.randint(105, 4890),
            "day": f"{rng.randint(1, 28)}/{month}/{year}",
            "month": month,
            "year": year,
            "street": self.fake.street_name(),
            "village": rng.choice(VILLAGES),
            "biz": rng.choice(BUSINESSES),
            "accused": f"{honorific} {accused['full_name']}",
            "Accused": f"{_sentence(honorific)} {accused['full_name']}",
        }

    # --- letters --------------------------------------------------------------------------------------------

    def letter(self, kind: str | None, target: str, *, desk: bool = False, unit: str | None = None) -> Letter:
        """Draw a letter that can reach `target`: its topic, unit, channel, petitioner and blanks."""
        outside = target in ("guided", "forwarded", "returned")
        topics = [t for t in TOPICS[kind or self.rng.choice(list(TOPICS))] if outside or not t.outside]
        topic = self.rng.choice(topics)
        unit = unit or self.unit_for(kind, topic.field, target, desk)
        channel = "in_person" if desk else self.channel(kind, target)
        spec = UNIT_SPECS[unit]
        place = spec.place or self.rng.choice(WARDS)
        petitioner, honorific = self.person(
            place if self.rng.random() < 0.7 else None, email=channel == "email"
        )
        return Letter(kind, topic, unit, self.values(place), petitioner, honorific, channel)

    def unit_for(self, kind: str | None, field_code: str, target: str, desk: bool) -> str:
        """A unit suited to the field; one with a handler when the case will be assigned."""
        if desk:
            return self.rng.choice(DESK_UNITS)
        units = UNITS_BY_FIELD[field_code]
        if target in ASSIGNED_TARGETS:
            units = tuple(u for u in units if u in HANDLERS)
            units += ("HN-TT",) if kind in ("complaint", "denunciation") else ("HN-TNMT",)
        return self.rng.choice(units)

    def channel(self, kind: str | None, target: str) -> str:
        """How the letter came: weighted, forwarded when it will be returned to the forwarder."""
        if target == "returned":
            return "forwarded"
        choices = dict(CHANNELS)
        if kind != "petition":
            choices.pop("dialogue")
        if kind == "complaint":
            choices.pop("press")
        return self.rng.choices(list(choices), weights=list(choices.values()))[0]

    def intake_data(self, letter: Letter, **extra) -> dict:
        """The intake payload of a letter."""
        data = {
            "channel": letter.channel,
            "subject": letter.subject,
            "content": letter.topic.content.format(**letter.values),
            "received_on": Ref.TODAY,
            "unit": Ref.UNIT,
            "is_remote_area": UNIT_SPECS[letter.unit].remote,
            "legal_aid": letter.kind == "complaint" and self.rng.random() < 0.08,
            "petitioner": letter.petitioner,
            "respondents": self.respondents(letter),
        }
        if letter.channel == "forwarded":
            data["forwarded_by"] = self.rng.choice(FORWARDERS)
        if letter.channel == "press":
            data["content"] = f"{self.rng.choice(PRESS)} phản ánh: {data['content']}"
        return {**data, **extra}

    def respondents(self, letter: Letter) -> list[dict]:
        """The complained-against body or the denounced person, when the topic names one."""
        if not letter.topic.respondent:
            return []
        name = letter.respondent
        if letter.topic.position:
            position = letter.topic.position.format(**letter.values)
            return [{"full_name": name.removeprefix("ông ").removeprefix("bà "), "position": position}]
        return [{"full_name": name, "is_organisation": True}]

    # --- stories --------------------------------------------------------------------------------------------

    def plan(self) -> list[Story]:
        """Every story of the demo, oldest letter first (so tracking codes follow the receipt dates)."""
        stories = [
            self.recipe_story(kind, target, "")
            for kind, counts in RECIPES.items()
            for target, count in counts.items()
            for _ in range(count)
        ]
        stories += [self.recipe_story(kind, target, option) for kind, target, option in OPTIONS]
        stories += [self.group_story(), self.appeal_story(closed=True), self.appeal_story(closed=False)]
        stories += [self.anonymous_story(filed=True), self.anonymous_story(filed=False)]
        stories += [self.session_only_story(i) for i in range(8)]
        return sorted(stories, key=lambda s: -s.days_ago)

    def recipe_story(self, kind: str | None, target: str, option: str) -> Story:
        """A letter taken to `target` along the usual path, perhaps first met at the reception desk."""
        desk = kind is not None and target != "returned" and self.rng.random() < DESK_SHARE
        letter = self.letter(kind, target, desk=desk)
        steps = [self.session_step(letter)] if desk else []
        extra = {"reception_session_id": Ref.SESSION} if desk else {}
        steps.append(
            self.step(
                "intake",
                "reception" if letter.channel == "in_person" else "officer",
                self.intake_data(letter, **extra),
            )
        )
        steps += self.path(letter, target, option)
        return self.story(
            f"{kind or 'letter'}→{target}{'/' + option if option else ''}", letter, steps, target
        )

    def story(self, label: str, letter: Letter, steps: list[Step], target: str) -> Story:
        """Give the story its age: open ones fresh or old (overdue), finished ones anywhere in the window."""
        span = sum(s.gap for s in steps)
        if target in OPEN_TARGETS and self.rng.random() >= OLD_SHARE:
            days_ago = span + self.rng.uniform(0.3, 6)
        elif target in OPEN_TARGETS:
            days_ago = self.rng.uniform(max(span + 1, 45), HISTORY_DAYS)
        else:
            days_ago = self.rng.uniform(min(span + 1, HISTORY_DAYS), HISTORY_DAYS)
        return Story(label, letter.unit, min(days_ago, HISTORY_DAYS), steps)

    def step(self, action: str, role: str, params: dict, target: str = "main") -> Step:
        """A step with its gap after the previous one drawn from GAPS."""
        low, high = GAPS[action]
        return Step(action, role, params, round(self.rng.uniform(low, high), 3), target)

    def path(
        self, letter: Letter, target: str, option: str = "", on: str = "main", level: int = 1
    ) -> list[Step]:
        """The actions that take a received letter to `target`."""
        if letter.kind is None:
            return self.unclassified_path(target)
        outside = target in ("guided", "forwarded", "returned")
        steps = [self.classify(letter, eligible=target != "filed", within=not outside, on=on, level=level)]
        if target == "classified":
            return steps
        if outside or target == "filed":
            return [*steps, self.processing_outcome(letter, target, on)]
        steps.append(self.step("propose_acceptance", "officer", {"note": "Đủ điều kiện thụ lý."}, on))
        if target == "not_accepted":
            return [*steps, self.step("reject", "leader", {"reason": REJECT_REASONS[letter.kind]}, on)]
        if target == "pending_acceptance":
            return steps
        steps.append(self.accept(letter, target, on))
        if option == "extend":
            steps[-1].params["complexity"] = "normal"
        return steps + self.resolution_path(letter, target, option, on)

    def unclassified_path(self, target: str) -> list[Step]:
        """Letters never classified: left waiting, filed as duplicates, or withdrawn."""
        if target == "filed":
            reason = self.rng.choice(("duplicate", "sent_to_many"))
            return [self.step("file", "officer", {"reason": reason, "note": FILING_NOTES[reason]})]
        if target == "withdrawn":
            return [self.step("withdraw", "officer", {"note": "Công dân có đơn xin rút đơn."})]
        return []

    def classify(self, letter: Letter, *, eligible: bool, within: bool, on: str, level: int) -> Step:
        """classify: kind, field, level, eligibility and competence."""
        params = {
            "kind": letter.kind,
            "field": letter.topic.field,
            "level": level if letter.kind == "complaint" else None,
            "eligible": eligible,
            "within_competence": within,
            "several_places": letter.kind == "denunciation" and self.rng.random() < 0.2,
            "reason": _classify_reason(letter, eligible, within),
        }
        return self.step("classify", "officer", params, on)

    def processing_outcome(self, letter: Letter, target: str, on: str) -> Step:
        """guide, forward, return to the forwarder, or file."""
        if target == "guided":
            guidance = (
                f"Hướng dẫn {letter.who} gửi đơn đến {letter.elsewhere} để được giải quyết theo thẩm quyền."
            )
            return self.step("guide", "officer", {"guidance": guidance, "to_agency": letter.elsewhere}, on)
        if target == "forwarded":
            note = "Chuyển đơn kèm phiếu chuyển, đề nghị thông báo kết quả cho người gửi đơn."
            return self.step("forward", "officer", {"to_agency": letter.elsewhere, "note": note}, on)
        if target == "returned":
            reason = (
                f"Nội dung đơn thuộc thẩm quyền của {letter.elsewhere}; trả lại đơn cho cơ quan đã chuyển."
            )
            return self.step("return_to_forwarder", "officer", {"reason": reason}, on)
        reason = self.rng.choice(("ineligible", "already_resolved", "sent_to_many", "already_guided"))
        return self.step("file", "officer", {"reason": reason, "note": FILING_NOTES[reason]}, on)

    def accept(self, letter: Letter, target: str, on: str) -> Step:
        """accept (thụ lý): complexity, remote area, and for denunciations whether they must continue."""
        must_continue = letter.kind == "denunciation" and target != "withdrawn" and self.rng.random() < 0.3
        params = {
            "complexity": "complex"
            if self.rng.random() < 0.1 and letter.kind != "denunciation"
            else "normal",
            "is_remote_area": UNIT_SPECS[letter.unit].remote,
            "must_continue": must_continue,
            "note": "Thụ lý giải quyết theo thẩm quyền.",
        }
        return self.step("accept", "leader", params, on)

    def resolution_path(self, letter: Letter, target: str, option: str, on: str) -> list[Step]:
        """From accepted: assignment, verification, dialogue, decision or answer, closing; or an exit."""
        rng, steps = self.rng, []
        if target == "accepted":
            return [self.suspend(on)] if option == "suspend" else []
        if target == "withdrawn" and rng.random() < 0.5:
            return [self.step("withdraw", "officer", {"note": f"{letter.who} có đơn rút nội dung."}, on)]
        steps.append(self.step("assign", "leader", {"assignee": Ref.HANDLER, "note": "Giao xác minh."}, on))
        if option == "extend":
            steps.append(self.extend(letter, on))
        if option == "pause":
            steps += [
                self.suspend(on),
                self.step("resume", "leader", {"note": "Đã có kết quả giám định."}, on),
            ]
        if target in ("withdrawn", "terminated"):
            return steps + [self.exit(letter, target, on)]
        if target == "verifying":
            return steps + ([self.suspend(on)] if option == "suspend" else [])
        if letter.kind == "petition" and target != "reported" and rng.random() < 0.5:
            return steps + self.answer_path(letter, target, on)
        matches = rng.random() < 0.55
        steps.append(self.report(letter, matches, on))
        if target == "reported":
            return steps
        if letter.kind == "petition":
            return steps + self.answer_path(letter, target, on)
        needs_dialogue = not matches or on == "appeal" or target == "dialogue_scheduled"
        if letter.kind == "complaint" and (needs_dialogue or rng.random() < 0.2):
            steps += self.dialogue(letter, stop=target == "dialogue_scheduled", on=on)
            if target == "dialogue_scheduled":
                return steps
        steps.append(self.decide(letter, matches, on))
        return steps + ([self.close(letter, on)] if target == "closed" else [])

    def suspend(self, on: str) -> Step:
        """suspend with a lawful reason."""
        return self.step("suspend", "leader", {"reason": self.rng.choice(SUSPEND_REASONS)}, on)

    def extend(self, letter: Letter, on: str) -> Step:
        """extend a resolution clock for a complex case."""
        reason = (
            "Vụ việc phức tạp, liên quan nhiều hộ dân và nhiều thời kỳ quản lý; cần xác minh tại nhiều nơi."
        )
        return self.step("extend", "leader", {"reason": reason, "complexity": "complex"}, on)

    def exit(self, letter: Letter, target: str, on: str) -> Step:
        """withdraw or terminate a case being verified."""
        if target == "withdrawn":
            note = f"{_sentence(letter.who)} rút đơn tại buổi làm việc với tổ xác minh."
            return self.step("withdraw", "officer", {"note": note}, on)
        return self.step(
            "terminate", "leader", {"reason": self.rng.choice(TERMINATE_REASONS[letter.kind])}, on
        )

    def report(self, letter: Letter, matches: bool, on: str) -> Step:
        """submit_report by the assigned handler."""
        about, respondent = letter.about, letter.respondent
        if letter.kind == "denunciation":
            verdict = "có" if matches else "không có"
            findings = (
                f"Đã làm việc với {respondent}, người tố cáo và các cá nhân liên quan; thu thập tài liệu "
                f"về {about}. Kết quả: {verdict} căn cứ xác định hành vi vi phạm như nội dung tố cáo."
            )
        elif matches:
            findings = (
                f"Kết quả xác minh cho thấy nội dung đơn về {about} là có cơ sở: hồ sơ của {respondent} "
                "không thể hiện đủ căn cứ pháp lý; đã làm việc với các bên liên quan, thu thập chứng cứ."
            )
        else:
            findings = (
                f"Kết quả xác minh cho thấy {respondent} đã thực hiện đúng trình tự, thủ tục; nội dung "
                f"đơn về {about} là không có cơ sở."
            )
        return self.step("submit_report", "handler", {"findings": findings, "matches_request": matches}, on)

    def dialogue(self, letter: Letter, *, stop: bool, on: str) -> list[Step]:
        """schedule_dialogue, and record_dialogue unless the story stops before the meeting."""
        place = (
            f"Phòng tiếp công dân, trụ sở {UNIT_SPECS[letter.unit].name}"
            if on == "main"
            else ("Trụ sở Tiếp công dân thành phố Hà Nội, số 1 phố Ngô Quyền")
        )
        invitees = [letter.who, letter.respondent, "Đại diện Mặt trận Tổ quốc"]
        steps = [
            self.step(
                "schedule_dialogue", "handler", {"at": Ref.MEETING, "place": place, "invitees": invitees}, on
            )
        ]
        if stop:
            return steps
        minutes = (
            f"Đối thoại với {letter.who} về {letter.about}. Tổ xác minh công bố kết quả xác minh; người "
            "khiếu nại trình bày ý kiến; đại diện cơ quan bị khiếu nại giải trình."
        )
        params = {
            "minutes": minutes,
            "present": [letter.who, letter.respondent],
            "absent": [],
            "agreed": "Thống nhất số liệu đo đạc và nguồn gốc sử dụng.",
            "disputed": "Người khiếu nại chưa đồng ý với mức bồi thường, hỗ trợ.",
        }
        return [*steps, self.step("record_dialogue", "handler", params, on)]

    def decide(self, letter: Letter, matches: bool, on: str) -> Step:
        """decide: a complaint decision or a denunciation conclusion."""
        number = next(self.numbers)
        if letter.kind == "complaint":
            outcome = self.rng.choice(("right", "partly_right")) if matches else "wrong"
            verdict = {"right": "đúng", "partly_right": "đúng một phần", "wrong": "sai"}[outcome]
            summary = f"Giải quyết khiếu nại của {letter.who} về {letter.about}: khiếu nại là {verdict}."
            params = {"outcome": outcome, "number": f"{number}/QĐ-UBND", "summary": summary}
        else:
            outcome = self.rng.choice(("true", "partly_true")) if matches else "untrue"
            verdict = {"true": "đúng", "partly_true": "đúng một phần", "untrue": "không đúng"}[outcome]
            summary = f"Kết luận nội dung tố cáo về {letter.about} là {verdict}."
            params = {"outcome": outcome, "number": f"{number}/KL-UBND", "summary": summary}
        return self.step("decide", "leader", {**params, "signed_on": Ref.TODAY}, on)

    def answer_path(self, letter: Letter, target: str, on: str) -> list[Step]:
        """answer a petition, then close when the answer was sent."""
        text = (
            f"Trả lời {letter.who} về {letter.about}: đơn vị đã kiểm tra thực tế, chỉ đạo các cơ quan liên "
            "quan khắc phục và sẽ tiếp tục theo dõi, giám sát."
        )
        params = {"answer": text, "number": f"{next(self.numbers)}/UBND-TCD", "signed_on": Ref.TODAY}
        steps = [self.step("answer", "handler", params, on)]
        return steps + ([self.close(letter, on)] if target == "closed" else [])

    def close(self, letter: Letter, on: str) -> Step:
        """close: sent (and published, with measures for a denunciation)."""
        recipients = [letter.who, letter.respondent, "Thanh tra thành phố Hà Nội"]
        params = {"sent_on": Ref.TODAY, "recipients": recipients, "published_on": None, "measures": ""}
        if letter.kind == "denunciation" or on == "appeal":
            params["published_on"] = Ref.TODAY
        if letter.kind == "denunciation":
            params["measures"] = "Yêu cầu kiểm điểm trách nhiệm, xử lý kỷ luật khiển trách cá nhân vi phạm."
        return self.step("close", "officer", params, on)

    def session_step(self, letter: Letter, **extra) -> Step:
        """record_session: the reception book entry the letter is created from."""
        person = letter.petitioner or {}
        data = {
            "received_on": Ref.TODAY,
            "kind": self.rng.choice(("regular", "regular", "periodic_head")),
            "citizen_name": person.get("full_name", "Công dân"),
            "citizen_address": person.get("address", ""),
            "citizen_id_number": person.get("id_number"),
            "content": letter.topic.content.format(**letter.values),
            "matter_kind": letter.kind,
            "handling": "accepted",
            "handling_note": "Tiếp nhận đơn, chuyển bộ phận xử lý đơn.",
        }
        data.update(extra)
        if data["kind"] == "periodic_head":
            data["host_name"] = HEAD_HOST
        return Step("session", "reception", data)

    def group_story(self) -> Story:
        """A group of 12 households at the city desk, three representatives, and their group complaint."""
        letter = self.letter("complaint", "verifying", unit=ROOT)
        letter = Letter(
            "complaint", COMPLAINTS[0], ROOT, letter.values, letter.petitioner, letter.honorific, "in_person"
        )
        co_petitioners = [self.person(letter.values["ward"])[0] for _ in range(11)]
        representatives = [letter.petitioner, co_petitioners[0], co_petitioners[1]]
        names = [p["full_name"] for p in representatives]
        session = self.session_step(letter, kind="periodic_head", people_count=12, representatives=names)
        data = self.intake_data(
            letter,
            reception_session_id=Ref.SESSION,
            signatories=12,
            co_petitioners=co_petitioners,
            representatives=representatives,
        )
        steps = [session, self.step("intake", "reception", data)]
        steps += [self.classify(letter, eligible=True, within=True, on="main", level=1)]
        steps[-1].params["signatories"] = 12
        steps += [self.step("propose_acceptance", "officer", {"note": "Đơn tập thể, đủ điều kiện thụ lý."})]
        accept = self.accept(letter, "verifying", "main")
        accept.params["complexity"] = "complex"
        steps += [accept, self.step("assign", "leader", {"assignee": Ref.HANDLER, "note": "Đơn tập thể."})]
        return Story("group complaint (12 signatories, 3 representatives)", ROOT, 52.0, steps)

    def appeal_story(self, *, closed: bool) -> Story:
        """A level-1 complaint decided (maybe closed), appealed soon after, and the level-2 case's path."""
        unit = "HN-PCG" if closed else "HN-TNMT"
        letter = self.letter("complaint", "closed", unit=unit)
        steps = [self.step("intake", "officer", self.intake_data(letter))]
        steps += self.path(letter, "closed" if closed else "decided")
        content = f"Tôi không đồng ý với quyết định giải quyết khiếu nại lần đầu về {letter.about}."
        subject = f"Khiếu nại lần hai {letter.about}"[:300]
        appeal = {"received_on": Ref.TODAY, "subject": subject, "content": content}
        steps.append(self.step("appeal", "reception", appeal))
        steps[-1].unit = ROOT
        level2 = Letter(
            "complaint",
            letter.topic,
            ROOT,
            letter.values,
            letter.petitioner,
            letter.honorific,
            letter.channel,
        )
        steps += self.path(level2, "closed" if closed else "verifying", on="appeal", level=2)
        days_ago = 140.0 if closed else 70.0
        return Story(f"level-2 complaint ({'closed' if closed else 'verifying'})", unit, days_ago, steps)

    def anonymous_story(self, *, filed: bool) -> Story:
        """An anonymous denunciation: filed, or kept for checking because its content is specific."""
        letter = self.letter("denunciation", "classified", unit="HN-XSS" if filed else "HN-TT")
        letter = Letter(
            "denunciation", DENUNCIATIONS[0 if filed else 1], letter.unit, letter.values, None, "", "post"
        )
        data = self.intake_data(letter, is_anonymous=True, petitioner=None)
        steps = [self.step("intake", "officer", data)]
        classify = self.classify(letter, eligible=not filed, within=True, on="main", level=1)
        if not filed:
            classify.params["reason"] = (
                "Đơn nặc danh nhưng nội dung rõ ràng, kèm tài liệu, chứng cứ cụ thể; chuyển kiểm tra, xác "
                "minh theo Điều 25 Luật Tố cáo 2018."
            )
        steps.append(classify)
        if filed:
            steps.append(
                self.step("file", "officer", {"reason": "anonymous", "note": FILING_NOTES["anonymous"]})
            )
        return Story(
            f"anonymous denunciation ({'filed' if filed else 'classified'})",
            letter.unit,
            40.0 if filed else 4.0,
            steps,
        )

    def session_only_story(self, index: int) -> Story:
        """A reception at the city desk that ended with guidance, forwarding or an online answer."""
        kind = self.rng.choice(list(TOPICS))
        letter = self.letter(kind, "guided", unit=ROOT)
        handling = ("guided", "forwarded")[index % 2]
        note = (
            f"Hướng dẫn công dân gửi đơn đến {letter.elsewhere}."
            if handling == "guided"
            else f"Chuyển nội dung đến {letter.elsewhere} xem xét."
        )
        extra = {
            "kind": ("regular", "ad_hoc", "online", "periodic_head")[index % 4],
            "handling": handling,
            "handling_note": note,
            "is_repeat": index % 3 == 0,
        }
        if extra["is_repeat"]:
            extra["prior_resolution"] = "Đã được hướng dẫn tại buổi tiếp trước; công dân tiếp tục trình bày."
        step = self.session_step(letter, **extra)
        return Story(f"reception only ({handling})", ROOT, self.rng.uniform(1, HISTORY_DAYS), [step])


def _sentence(text: str) -> str:
    """The text with its first letter in upper case (unlike str.capitalize, the rest is kept)."""
    return text[:1].upper() + text[1:]


def _classify_reason(letter: Letter, eligible: bool, within: bool) -> str:
    """Why the officer classified the letter as they did."""
    noun = {"complaint": "khiếu nại", "denunciation": "tố cáo", "petition": "kiến nghị, phản ánh"}[
        letter.kind
    ]
    if not eligible:
        return f"Đơn {noun} không đủ điều kiện xử lý."
    if not within:
        return f"Đơn {noun} không thuộc thẩm quyền; thuộc thẩm quyền của {letter.elsewhere}."
    return f"Đơn {noun} thuộc thẩm quyền giải quyết của {UNIT_SPECS[letter.unit].name}."


def build_plan(today: date) -> list[Story]:
    """The demo plan; the same list for the same code (dates in the texts use `today`'s year)."""
    return Planner(today).plan()


# ------------------------------------------------------------------------------------------------------------
# Running the plan through the services
# ------------------------------------------------------------------------------------------------------------


@dataclass
class Login:
    """A printed demo login."""

    username: str
    full_name: str
    roles: list[str]
    unit: str
    password: str = DEMO_PASSWORD


@dataclass
class DemoReport:
    """What `load_demo` found or made."""

    already_loaded: bool
    stories_run: int
    units: int
    logins: list[Login]
    by_status: dict[str, int]
    by_kind: dict[str, int]
    cases: int
    overdue: int
    suspended: int
    sessions: int
    cases_from_sessions: int


class Cast:
    """The demo users, found by role and by the unit of the case they act on."""

    def __init__(self) -> None:
        self.users: dict[str, User] = {}

    def get(self, username: str) -> User:
        """The user (reloaded after each commit by the session)."""
        if username not in self.users:
            self.users[username] = accounts.user_by_username(username)
        return self.users[username]

    def for_role(self, role: str, unit_code: str) -> User:
        """Who plays `role` for a case of `unit_code`."""
        if role == "handler":
            return self.get(HANDLERS[unit_code])
        return self.get(CREWS.get(unit_code, DEFAULT_CREW)[role])


def load_demo(*, now: datetime, progress: Callable[[int, int], None] | None = None) -> DemoReport:
    """Create what is missing of the demo (units, users, then the stories not yet loaded) and report."""
    begin_write()
    _ensure_units()
    _ensure_users(now)
    done = _marker_value()
    db.session.commit()
    plan = build_plan(local_date(now))
    cast = Cast()
    for index in range(done, len(plan)):
        _run_story(plan[index], index, cast, now)
        db.session.execute(sa.update(Counter).where(Counter.name == DEMO_MARKER).values(value=index + 1))
        db.session.commit()
        if progress:
            progress(index + 1, len(plan))
    if done < len(plan):
        sweep(now=now)
    return _report(already_loaded=done >= len(plan), stories_run=max(0, len(plan) - done))


def _ensure_units() -> None:
    """Create the demo units that do not exist yet."""
    for spec in UNITS:
        if db.session.scalar(sa.select(Unit.id).where(Unit.code == spec.code)) is None:
            accounts.create_unit(spec.code, spec.name, parent_code=spec.parent, is_remote_area=spec.remote)


def _ensure_users(now: datetime) -> None:
    """Create the demo users that do not exist yet, all with the demo password."""
    for spec in USERS:
        if accounts.user_by_username(spec.username) is None:
            accounts.create_user(
                spec.username,
                full_name=spec.full_name,
                password=DEMO_PASSWORD,
                roles=list(spec.roles),
                unit_code=spec.unit,
                now=now,
            )


def _marker_value() -> int:
    """How many stories of the plan are loaded (creating the marker at 0)."""
    value = db.session.scalar(sa.select(Counter.value).where(Counter.name == DEMO_MARKER))
    if value is None:
        db.session.add(Counter(name=DEMO_MARKER, value=0))
        db.session.flush()
        return 0
    return value


def _run_story(story: Story, index: int, cast: Cast, now: datetime) -> None:
    """Run each step of a story at its time; a refusal names the story and the step."""
    times = timeline(story, now)
    state: dict = {"session": None, "main": None, "appeal": None}
    for position, (step, at) in enumerate(zip(story.steps, times, strict=True)):
        following = times[position + 1] if position + 1 < len(times) else None
        try:
            _run_step(step, at, following, story, state, cast)
        except CaseflowError as error:
            db.session.rollback()
            detail = f"story {index + 1} ({story.label}), step {position + 1} {step.action}: {error.detail}"
            raise DemoFailed(detail, errors=error.errors) from error


def _run_step(step: Step, at: datetime, following: datetime | None, story: Story, state: dict, cast: Cast):
    """One service call."""
    if step.action == "session":
        actor = cast.for_role(step.role, story.unit)
        state["session"] = reception.record_session(
            _resolve(step.params, at, following, state, story), actor=actor, now=at
        )
        return
    if step.action == "intake":
        actor = cast.for_role(step.role, story.unit)
        data = _resolve(step.params, at, following, state, story)
        state["main"] = intake.create_case(data, actor=actor, now=at).case
        return
    case = state[step.target]
    actor = cast.for_role(step.role, step.unit or case.unit.code)
    params = _resolve(step.params, at, following, state, story, case=case, cast=cast)
    result = actions.perform_action(
        case.id, step.action, actor=actor, now=at, params=params, expected_version=case.version
    )
    state[step.target] = result.case
    if step.action == "appeal":
        state["appeal"] = child_case(result.case)


def _resolve(
    params: dict,
    at: datetime,
    following: datetime | None,
    state: dict,
    story: Story,
    *,
    case: Case | None = None,
    cast: Cast | None = None,
) -> dict:
    """Replace the Refs of a step's parameters by their values at run time."""
    values = {
        Ref.TODAY: lambda: _day(at),
        Ref.UNIT: lambda: accounts.unit_by_code(story.unit).id,
        Ref.SESSION: lambda: state["session"].id,
        Ref.HANDLER: lambda: cast.for_role("handler", case.unit.code).id,
        Ref.MEETING: lambda: _meeting(at, following),
    }
    return {key: values[value]() if isinstance(value, Ref) else value for key, value in params.items()}


def _day(at: datetime) -> date:
    """The date written on a paper at `at` (never after the UTC date, which the guards compare with)."""
    return min(local_date(at), at.date())


def _meeting(at: datetime, following: datetime | None) -> datetime:
    """When a dialogue meets: before the step that records it, or a week ahead at 9:00."""
    if following is not None:
        return at + (following - at) * 0.8
    day = local_date(at) + timedelta(days=7)
    return datetime.combine(day, time(9, 0), tzinfo=ZoneInfo(agency_timezone()))


def timeline(story: Story, now: datetime) -> list[datetime]:
    """When each step happens: from `days_ago` on, gaps squeezed to end before now, in office hours."""
    limit = _last_office_moment(now)
    latest_start = limit - timedelta(minutes=2 * (len(story.steps) + 1))
    start = min(_office_hours(now - timedelta(days=story.days_ago), limit), latest_start)
    span = sum(step.gap for step in story.steps)
    room = max((limit - start).total_seconds() / 86400 - 0.5, 0.01)
    factor = min(1.0, room / span) if span else 1.0
    times, at = [], start
    for position, step in enumerate(story.steps):
        cap = limit - timedelta(minutes=2 * (len(story.steps) - 1 - position))
        moved = _office_hours(at + timedelta(days=step.gap * factor), cap)
        at = max(min(moved, cap), (times[-1] if times else start) + timedelta(minutes=2))
        times.append(at)
    return times


def _last_office_moment(now: datetime) -> datetime:
    """Half an hour ago if that is in office hours, else 16:45 on the last working day before now."""
    zone, calendar = ZoneInfo(agency_timezone()), working_calendar()
    moment = (now - timedelta(minutes=30)).astimezone(zone)
    if calendar.is_working_day(moment.date()) and 8 <= moment.hour < 17:
        return moment.astimezone(now.tzinfo)
    day = moment.date()
    if moment.hour < 17 or not calendar.is_working_day(day):
        day = _previous_working_day(day, calendar)
    return datetime.combine(day, time(16, 45), tzinfo=zone).astimezone(now.tzinfo)


def _previous_working_day(day: date, calendar) -> date:
    """The last working day strictly before `day`."""
    day -= timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _office_hours(moment: datetime, limit: datetime) -> datetime:
    """The moment moved into working hours (8:00-17:00 on a working day), unless that passes `limit`."""
    zone = ZoneInfo(agency_timezone())
    local = moment.astimezone(zone)
    calendar = working_calendar()
    day = local.date()
    if local.hour >= 17 or not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
        local = datetime.combine(day, time(8 + local.minute % 4, local.second), tzinfo=zone)
    elif local.hour < 8:
        local = local.replace(hour=8 + local.minute % 4)
    moved = local.astimezone(moment.tzinfo)
    return moved if moved <= limit else moment


def _report(*, already_loaded: bool, stories_run: int) -> DemoReport:
    """Count what the demo units hold."""
    root = accounts.unit_by_code(ROOT)
    in_tree = Case.unit_id.in_(sa.select(Unit.id).where(Unit.path.startswith(root.path)))
    rows = db.session.execute(
        sa.select(Case.status, Case.kind, Case.is_overdue, Case.is_suspended).where(in_tree)
    )
    statuses, kinds, overdue, suspended, total = Tally(), Tally(), 0, 0, 0
    for status, kind, is_overdue, is_suspended in rows:
        statuses[status.value] += 1
        kinds[kind.value if kind else "unclassified"] += 1
        overdue, suspended, total = overdue + is_overdue, suspended + is_suspended, total + 1
    sessions_in_tree = ReceptionSession.unit_id.in_(sa.select(Unit.id).where(Unit.path.startswith(root.path)))
    return DemoReport(
        already_loaded=already_loaded,
        stories_run=stories_run,
        units=db.session.scalar(sa.select(sa.func.count()).where(Unit.path.startswith(root.path))),
        logins=_logins(),
        by_status=dict(statuses),
        by_kind=dict(kinds),
        cases=total,
        overdue=overdue,
        suspended=suspended,
        sessions=db.session.scalar(sa.select(sa.func.count()).where(sessions_in_tree)),
        cases_from_sessions=db.session.scalar(
            sa.select(sa.func.count()).where(in_tree, Case.reception_session_id.is_not(None))
        ),
    )


def _logins() -> list[Login]:
    """The demo logins as they are in the database."""
    logins = []
    for spec in USERS:
        user = accounts.user_by_username(spec.username)
        if user is not None:
            roles = sorted(r.value for r in user.roles)
            logins.append(Login(user.username, user.full_name, roles, user.unit.code))
    return logins
