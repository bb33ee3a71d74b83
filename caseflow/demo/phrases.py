"""Places, names and stock phrases the demo letters, filings and decisions draw from."""

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
