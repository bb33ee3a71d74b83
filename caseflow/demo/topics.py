"""What the demo letters say: subject and content templates of complaints, denunciations and petitions."""

from dataclasses import dataclass


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
