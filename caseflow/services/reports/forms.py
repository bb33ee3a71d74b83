"""The four statistical forms: their columns (code, English title, official Vietnamese header, group)."""

from dataclasses import dataclass

from caseflow.i18n import N_


@dataclass(frozen=True)
class Column:
    """One column of a form; a ratio column is derived (numerator / denominator, in %) and never summed."""

    code: str
    title: str
    title_vi: str
    group: str = ""
    group_vi: str = ""
    ratio_of: tuple[str, str] | None = None
    scale: int = 100
    digits: int = 1

    @property
    def is_ratio(self) -> bool:
        """True for derived columns (percentages and averages), never summed."""
        return self.ratio_of is not None

    @property
    def is_percent(self) -> bool:
        """True for derived percentage columns (an average has scale 1)."""
        return self.is_ratio and self.scale == 100


@dataclass(frozen=True)
class Form:
    """A statistical form: code, titles, the official form it follows, its columns."""

    code: str
    title: str
    title_vi: str
    official: str
    columns: tuple[Column, ...]
    hidden: tuple[str, ...] = ()

    @property
    def codes(self) -> list[str]:
        """The column codes, in order."""
        return [column.code for column in self.columns]

    @property
    def counted(self) -> list[str]:
        """The codes of the counted (summable) columns."""
        return [column.code for column in self.columns if not column.is_ratio]

    @property
    def summed(self) -> list[str]:
        """The counted columns and the hidden sums behind derived columns (e.g. rating points)."""
        return [*self.counted, *self.hidden]


def _group(title: str, title_vi: str, *columns: tuple) -> tuple[Column, ...]:
    """Columns sharing a merged header cell."""
    return tuple(Column(code, en, vi, title, title_vi, *rest) for code, en, vi, *rest in columns)


AUDIENCE_COLUMNS = (  # models.DIALOGUE_AUDIENCES, in its order
    ("citizens", N_("Citizens"), "Công dân"),
    ("students", N_("Students"), "Học sinh, sinh viên"),
    ("businesses", N_("Businesses"), "Doanh nghiệp"),
    ("households", N_("Households of a land-clearance project"), "Hộ dân vùng giải phóng mặt bằng"),
    ("other", N_("Another audience"), "Đối tượng khác"),
)

RECEPTION = Form(
    "reception",
    N_("Citizen reception"),
    "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN",
    "Mẫu 01/TCD",
    _group(
        N_("Receptions"),
        "Tiếp công dân",
        ("sessions", N_("Sessions"), "Số lượt tiếp"),
        ("people", N_("People received"), "Số người được tiếp"),
        ("delegations", N_("Delegations"), "Số đoàn đông người"),
        ("matters_new", N_("New matters"), "Vụ việc tiếp lần đầu"),
        ("matters_old", N_("Repeated matters"), "Vụ việc tiếp nhiều lần"),
    )
    + _group(
        N_("Sessions by kind"),
        "Theo hình thức tiếp",
        ("regular", N_("Regular reception"), "Tiếp thường xuyên"),
        ("by_heads", N_("Heads' periodic and ad-hoc reception"), "Thủ trưởng tiếp định kỳ, đột xuất"),
        ("online", N_("Online reception"), "Tiếp trực tuyến"),
    )
    + _group(
        N_("Public dialogues"),
        "Hội nghị đối thoại",
        ("dialogues", N_("Dialogues held"), "Số cuộc đối thoại"),
        ("dialogue_participants", N_("Participants"), "Số người tham gia"),
    )
    + _group(
        N_("Dialogues by audience"),
        "Số cuộc đối thoại theo đối tượng",
        *[(f"dialogues_{code}", title, title_vi) for code, title, title_vi in AUDIENCE_COLUMNS],
    )
    + _group(
        N_("Participants by audience"),
        "Số người tham gia đối thoại theo đối tượng",
        *[(f"participants_{code}", title, title_vi) for code, title, title_vi in AUDIENCE_COLUMNS],
    )
    + _group(
        N_("Heads' reception days"),
        "Lịch tiếp công dân của thủ trưởng",
        ("reception_days_scheduled", N_("Days scheduled"), "Số ngày tiếp theo lịch"),
        ("reception_days_held", N_("Days held"), "Số ngày đã tiếp"),
    ),
)

PROCESSING = Form(
    "processing",
    N_("Letter processing"),
    "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN",
    "Mẫu 01/XLD",
    _group(
        N_("Letters"),
        "Tổng số đơn",
        ("total", N_("Total"), "Tổng số"),
        ("carried_over", N_("Carried over"), "Kỳ trước chuyển sang"),
        ("received", N_("Received in the period"), "Tiếp nhận trong kỳ"),
    )
    + _group(
        N_("By content"),
        "Phân loại theo nội dung",
        ("complaints", N_("Complaints"), "Khiếu nại"),
        ("denunciations", N_("Denunciations"), "Tố cáo"),
        ("petitions", N_("Petitions and feedback"), "Kiến nghị, phản ánh"),
        ("unclassified", N_("Not yet classified"), "Chưa phân loại"),
    )
    + _group(
        N_("Conditions"),
        "Điều kiện xử lý",
        ("eligible", N_("Eligible"), "Đủ điều kiện xử lý"),
        ("ineligible", N_("Ineligible"), "Không đủ điều kiện xử lý"),
        ("within_competence", N_("Within competence"), "Thuộc thẩm quyền"),
    )
    + _group(
        N_("Processing results"),
        "Kết quả xử lý",
        ("processed", N_("Processed"), "Số đơn đã xử lý"),
        ("accepted", N_("Accepted"), "Thụ lý"),
        ("guided", N_("Guided"), "Hướng dẫn"),
        ("forwarded", N_("Forwarded"), "Chuyển đơn"),
        ("returned", N_("Returned"), "Trả lại đơn"),
        ("filed", N_("Filed"), "Lưu đơn"),
        ("not_accepted", N_("Not accepted"), "Không thụ lý"),
        ("withdrawn", N_("Withdrawn"), "Rút đơn"),
        ("terminated", N_("Terminated"), "Đình chỉ"),
        ("pending", N_("Still being processed"), "Chưa xử lý xong"),
        ("processed_ratio", N_("Processed share"), "Tỷ lệ đã xử lý (%)", ("processed", "total")),
    )
    + (Column("legal_aid", N_("Letters with legal aid given"), "Số đơn được trợ giúp pháp lý"),),
)


RESULT_COLUMNS = (  # summed over the decisions and conclusions of the period (models.RESOLUTION_RESULTS)
    _group(
        N_("Recovered for the State"),
        "Kiến nghị thu hồi cho Nhà nước",
        ("state_money_vnd", N_("Money (VND)"), "Tiền (đồng)"),
        ("state_land_m2", N_("Land (m²)"), "Đất (m²)"),
    )
    + _group(
        N_("Returned to organisations and individuals"),
        "Trả lại cho tổ chức, cá nhân",
        ("citizens_money_vnd", N_("Money (VND)"), "Tiền (đồng)"),
        ("citizens_land_m2", N_("Land (m²)"), "Đất (m²)"),
    )
    + (
        Column("people_disciplined", N_("People recommended for discipline"),
               "Kiến nghị xử lý hành chính (số người)"),
        Column("cases_referred", N_("Cases referred for investigation"),
               "Chuyển cơ quan điều tra (số vụ)"),
    )
)


def _resolution_form(code: str, title: str, title_vi: str, official: str, outcomes: tuple, withdrawn_vi: str):
    """The complaint or denunciation resolution form (matters within competence, accepted)."""
    return Form(
        code,
        title,
        title_vi,
        official,
        _group(
            N_("Accepted matters"),
            "Vụ việc đã thụ lý",
            ("accepted", N_("Total"), "Tổng số"),
            ("carried_over", N_("Carried over"), "Kỳ trước chuyển sang"),
            ("newly_accepted", N_("Accepted in the period"), "Thụ lý trong kỳ"),
        )
        + _group(
            N_("Results"),
            "Kết quả giải quyết",
            ("resolved", N_("Resolved"), "Đã giải quyết"),
            *outcomes,
            ("withdrawn", N_("Withdrawn"), withdrawn_vi),
            ("terminated", N_("Terminated"), "Đình chỉ"),
            ("in_progress", N_("In progress"), "Đang giải quyết"),
            ("resolved_ratio", N_("Resolved share"), "Tỷ lệ giải quyết (%)", ("resolved", "accepted")),
        )
        + _group(
            N_("Resolution deadline"),
            "Chấp hành thời hạn giải quyết",
            ("on_time", N_("On time"), "Đúng quy định"),
            ("late", N_("Late"), "Không đúng quy định"),
            ("on_time_ratio", N_("On-time share"), "Tỷ lệ đúng hạn (%)", ("on_time", "resolved")),
        )
        + RESULT_COLUMNS
        + (Column("dialogues", N_("Dialogues held"), "Số cuộc đối thoại"),)
        + (
            Column("prolonged_resolved", N_("Prolonged cases resolved"), "Vụ việc kéo dài đã giải quyết"),
            Column("legal_aid", N_("Legal aid given"), "Trợ giúp pháp lý"),
        )
        + _group(
            N_("Citizens' satisfaction"),
            "Mức độ hài lòng của người dân",
            ("ratings", N_("Ratings"), "Số lượt đánh giá"),
            ("satisfaction_avg", N_("Average score (1–5)"), "Điểm trung bình (1–5)",
             ("rating_points", "ratings"), 1, 2),
        ),
        hidden=("rating_points",),
    )


COMPLAINTS = _resolution_form(
    "complaints",
    N_("Complaint resolution"),
    "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI THUỘC THẨM QUYỀN",
    "Mẫu 01/KQGQ",
    (
        ("right", N_("Right"), "Khiếu nại đúng"),
        ("partly_right", N_("Partly right"), "Khiếu nại đúng một phần"),
        ("wrong", N_("Wrong"), "Khiếu nại sai"),
    ),
    "Rút khiếu nại",
)
DENUNCIATIONS = _resolution_form(
    "denunciations",
    N_("Denunciation resolution"),
    "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT TỐ CÁO THUỘC THẨM QUYỀN",
    "Mẫu 03/KQGQ",
    (
        ("true", N_("True"), "Tố cáo đúng"),
        ("partly_true", N_("Partly true"), "Tố cáo đúng một phần"),
        ("untrue", N_("Untrue"), "Tố cáo sai"),
    ),
    "Rút tố cáo",
)

FORMS = {form.code: form for form in (RECEPTION, PROCESSING, COMPLAINTS, DENUNCIATIONS)}
