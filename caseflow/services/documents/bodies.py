"""The body of each kind of official document (Vietnamese official text), one builder per kind."""

from collections.abc import Callable

from caseflow.models import CaseKind
from caseflow.services.cases.records import latest_decision, latest_dialogue
from caseflow.services.documents.issuing import last_event
from caseflow.services.documents.text import (
    CHANNEL_WORD,
    DOC_TYPE_WORD,
    OUTCOME_WORD,
    RESPONDENT_WORD,
    SECRET,
    SENDER_WORD,
    Block,
    Facts,
    OfficialDocument,
    Signature,
    attachments_of,
    intake_officer,
    latest_report,
    obligation_clocks,
    signer_name,
    vn,
)

HEAD = "THỦ TRƯỞNG CƠ QUAN"
SEAL = "(Ký, ghi rõ họ tên, đóng dấu)"
Builder = Callable[[Facts, OfficialDocument], None]


def _received(facts: Facts) -> str:
    """ "Ngày …, <unit> nhận được đơn <kind> của <sender>, địa chỉ: …"."""
    case = facts.case
    address = facts.sender_address()
    where = f", địa chỉ: {address}" if address else ""
    sender = f"{facts.sender()}{where}"
    return f"Ngày {vn(case.received_on)}, {case.unit.name} nhận được đơn {facts.kind_word} của {sender}."


def _content(facts: Facts) -> str:
    """The matter in one line."""
    return f"Nội dung {facts.kind_word}: {facts.clean(facts.case.subject)}."


def _to_citizen(facts: Facts, official: OfficialDocument) -> None:
    """Kính gửi the sender, and a copy to them."""
    official.to = f"Kính gửi: {facts.sender()}"
    official.recipients.append(f"Như trên ({SENDER_WORD.get(facts.case.kind, 'Người gửi đơn').lower()});")


def _to_respondent(facts: Facts, official: OfficialDocument) -> None:
    """Kính gửi the complained-against or denounced."""
    word = RESPONDENT_WORD.get(facts.case.kind, "Người bị khiếu nại, tố cáo")
    official.to = f"Kính gửi: {facts.respondent() or word}"
    official.recipients.append(f"Như trên ({word.lower()});")


def _address(facts: Facts, official: OfficialDocument) -> None:
    """Kính gửi whoever the document is addressed to."""
    if facts.document.addressee == "respondent":
        _to_respondent(facts, official)
    elif facts.document.addressee == "public":
        official.recipients.append("Công khai theo quy định (không có thông tin về người tố cáo);")
    elif facts.document.addressee == "forwarder":
        official.to = f"Kính gửi: {facts.case.forwarded_by}"
        official.recipients.append("Như trên (cơ quan chuyển đơn);")
    else:
        _to_citizen(facts, official)


def _head_signs(official: OfficialDocument, name: str = "") -> None:
    """The head of the agency signs and seals."""
    official.signatures.append(Signature(HEAD, SEAL, name))


def receipt(facts: Facts, official: OfficialDocument) -> None:
    """Giấy biên nhận: tracking code, PIN (only at intake), documents received, time limits."""
    case = facts.case
    official.title, official.subtitle = "GIẤY BIÊN NHẬN", "Đơn và tài liệu, chứng cứ"
    address = facts.sender_address()
    official.add(f"{case.unit.name} đã nhận đơn của: {facts.sender()}.")
    if address:
        official.add(f"Địa chỉ: {address}.")
    official.add(f"Nội dung đơn: {facts.clean(case.subject)}.")
    official.add(
        f"Ngày nhận: {vn(case.received_on)}; hình thức: {CHANNEL_WORD.get(case.channel, case.channel)}."
    )
    official.add(f"Mã số theo dõi: {case.tracking_code}")
    pin = facts.pin or "đã cấp khi tiếp nhận đơn (không in lại)"
    official.add(f"Mã PIN tra cứu: {pin}")
    _received_documents(case, official)
    for title, due in obligation_clocks(case):
        official.add(f"Thời hạn {title.lower()}: đến ngày {vn(due)}.")
    official.add(
        "Người gửi đơn tra cứu tình trạng giải quyết trên trang tra cứu trực tuyến bằng mã số theo "
        "dõi và mã PIN, hoặc hỏi tại nơi tiếp công dân bằng mã số theo dõi."
    )
    official.to = ""
    official.recipients.append("Người gửi đơn;")
    official.signatures += [
        Signature("NGƯỜI GỬI ĐƠN"),
        Signature("NGƯỜI NHẬN ĐƠN", name=intake_officer(case)),
    ]


def _received_documents(case, official: OfficialDocument) -> None:
    """The table of documents handed in (a confidential one is not named)."""
    attachments = attachments_of(case)
    official.add("Tài liệu, chứng cứ đã nhận:", "heading")
    if not attachments:
        official.add("Không có tài liệu kèm theo.")
        return
    rows = [["STT", "Loại tài liệu", "Tên tài liệu", "Dung lượng"]]
    for index, item in enumerate(attachments, 1):
        name = "Tài liệu mật" if item.is_confidential else item.filename
        rows.append(
            [str(index), DOC_TYPE_WORD.get(item.doc_type, item.doc_type), name, f"{item.size:,} byte"]
        )
    official.blocks.append(Block("table", rows=rows))


def acceptance(facts: Facts, official: OfficialDocument) -> None:
    """Thông báo thụ lý: to the sender, or to the denounced about the content (without the denouncer)."""
    case = facts.case
    accepted = last_event(case, "accept")
    official.title = "THÔNG BÁO"
    official.subtitle = f"Về việc thụ lý giải quyết {facts.kind_word}"
    _address(facts, official)
    if facts.document.addressee == "respondent":
        _to_denounced(facts, official, accepted)
    else:
        official.add(_received(facts))
        official.add(_content(facts))
        level = f" (lần {case.level})" if case.level else ""
        official.add(
            f"Sau khi xem xét, đơn đủ điều kiện thụ lý. {case.unit.name} đã thụ lý giải quyết "
            f"{facts.kind_word}{level} từ ngày {vn(accepted.created_dt)}."
        )
    if case.due_on:
        official.add(
            f"Thời hạn giải quyết: đến ngày {vn(case.due_on)} (mã số theo dõi {case.tracking_code})."
        )
    official.add("Vậy thông báo để biết.")
    _head_signs(official)


def _to_denounced(facts: Facts, official: OfficialDocument, accepted) -> None:
    """The notice to the complained-against or denounced: what is alleged, their right to explain."""
    case = facts.case
    word = RESPONDENT_WORD.get(case.kind, "người bị khiếu nại, tố cáo").lower()
    official.add(
        f"Ngày {vn(accepted.created_dt)}, {case.unit.name} đã thụ lý giải quyết {facts.kind_word} "
        f"liên quan đến {facts.respondent() or word}."
    )
    official.add(_content(facts))
    if case.kind == CaseKind.DENUNCIATION:
        official.add(f"{SECRET}.")
    official.add(
        "Đề nghị giải trình bằng văn bản và cung cấp thông tin, tài liệu, chứng cứ liên quan "
        "(Luật Khiếu nại 2011 Điều 13; Luật Tố cáo 2018 Điều 10)."
    )


def non_acceptance(facts: Facts, official: OfficialDocument) -> None:
    """Thông báo không thụ lý, with the reason."""
    rejected = last_event(facts.case, "reject")
    official.title = "THÔNG BÁO"
    official.subtitle = f"Về việc không thụ lý giải quyết {facts.kind_word}"
    _to_citizen(facts, official)
    official.add(_received(facts))
    official.add(_content(facts))
    official.add(f"Sau khi xem xét, đơn không đủ điều kiện thụ lý vì: {facts.clean(rejected.reason)}.")
    official.add("Vậy thông báo để biết.")
    _head_signs(official)


def forwarding(facts: Facts, official: OfficialDocument) -> None:
    """Phiếu chuyển đơn to the competent agency."""
    case = facts.case
    forwarded = last_event(case, "forward")
    agency = case.to_agency or forwarded.params.get("to_agency", "")
    official.title = "PHIẾU CHUYỂN ĐƠN"
    official.to = f"Kính gửi: {agency}"
    official.recipients += ["Như trên;", "Người gửi đơn (để biết);"]
    official.add(_received(facts))
    official.add(_content(facts))
    official.add(
        f"Căn cứ quy định của pháp luật, nội dung đơn không thuộc thẩm quyền giải quyết của "
        f"{case.unit.name}. {case.unit.name} chuyển đơn đến {agency} để xem xét, giải quyết theo "
        f"thẩm quyền và thông báo kết quả cho người gửi đơn."
    )
    note = facts.clean(forwarded.params.get("note"))
    if note:
        official.add(note)
    official.add("Kèm theo: đơn và tài liệu kèm theo (nếu có).")
    _head_signs(official)


def guidance(facts: Facts, official: OfficialDocument) -> None:
    """Phiếu hướng dẫn: which body to take the letter to."""
    case = facts.case
    guided = last_event(case, "guide")
    official.title = "PHIẾU HƯỚNG DẪN"
    official.subtitle = "Về việc gửi đơn đến cơ quan có thẩm quyền"
    _to_citizen(facts, official)
    official.add(_received(facts))
    official.add(_content(facts))
    agency = case.to_agency or "cơ quan có thẩm quyền"
    official.add(
        f"Nội dung đơn không thuộc thẩm quyền giải quyết của {case.unit.name}. Căn cứ quy định của "
        f"pháp luật, đề nghị gửi đơn đến {agency} để được xem xét, giải quyết theo thẩm quyền."
    )
    official.add(facts.clean(guided.params.get("guidance")))
    _head_signs(official)


def dialogue_minutes(facts: Facts, official: OfficialDocument) -> None:
    """Biên bản đối thoại: time, place, who came and who did not, what was said, agreed and still disputed."""
    case, dialogue = facts.case, latest_dialogue(facts.case)
    official.title = "BIÊN BẢN ĐỐI THOẠI"
    official.subtitle = f"Về việc giải quyết {facts.kind_word} của {facts.sender()}"
    official.recipients.append("Các bên tham gia đối thoại;")
    official.add(
        f"Ngày {vn(dialogue.scheduled_dt)}, tại {dialogue.place}, {case.unit.name} tổ chức đối thoại "
        f"với các bên về {facts.kind_word} (mã số theo dõi {case.tracking_code})."
    )
    _listing(official, "Thành phần có mặt:", dialogue.present, facts)
    _listing(official, "Thành phần vắng mặt:", dialogue.absent, facts)
    official.add("Nội dung đối thoại:", "heading")
    official.add(facts.clean(dialogue.minutes))
    official.add(f"Những nội dung đã thống nhất: {facts.clean(dialogue.agreed) or 'không có'}.")
    official.add(f"Những nội dung còn ý kiến khác nhau: {facts.clean(dialogue.disputed) or 'không có'}.")
    official.add(
        "Biên bản được lập thành các bản có giá trị như nhau, mỗi bên giữ một bản, đã đọc lại cho "
        "những người tham gia cùng nghe; người không ký thì ghi rõ lý do."
    )
    official.signatures += [
        Signature("NGƯỜI CHỦ TRÌ ĐỐI THOẠI"),
        Signature(SENDER_WORD.get(case.kind, "Người gửi đơn").upper()),
        Signature("NGƯỜI GHI BIÊN BẢN"),
    ]


def _listing(official: OfficialDocument, heading: str, names: list, facts: Facts) -> None:
    """A heading and one item per name (or 'không có')."""
    official.add(heading, "heading")
    for name in names or ["không có"]:
        official.add(facts.clean(name), "item")


def decision(facts: Facts, official: OfficialDocument) -> None:
    """Quyết định giải quyết khiếu nại (Luật KN Art 31(2), 40(2))."""
    case, record = facts.case, latest_decision(facts.case)
    level = case.level or 1
    official.title = "QUYẾT ĐỊNH"
    official.subtitle = f"Về việc giải quyết khiếu nại của {facts.sender()} (lần {level})"
    _address(facts, official)
    official.to = ""
    official.add(f"THỦ TRƯỞNG {case.unit.name.upper()}", "center")
    official.add("Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;")
    official.add("Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ;")
    official.add(f"Xét đơn khiếu nại ngày {vn(case.received_on)} của {facts.sender()}.")
    official.add(_content(facts))
    _findings(facts, official)
    official.add(f"Kết luận: nội dung khiếu nại là {OUTCOME_WORD.get(record.outcome, record.outcome)}.")
    official.add("QUYẾT ĐỊNH:", "center")
    official.add(f"Điều 1. {facts.clean(record.summary)}")
    official.add(_appeal_right(level))
    official.add(
        "Điều 3. Các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này."
    )
    _signed(official, record)


def _appeal_right(level: int) -> str:
    """Điều 2: the right to a second complaint or to sue."""
    if level >= 2:
        return (
            "Điều 2. Người khiếu nại có quyền khởi kiện vụ án hành chính tại Tòa án theo quy định của "
            "pháp luật."
        )
    return (
        "Điều 2. Nếu không đồng ý với Quyết định này, người khiếu nại có quyền khiếu nại lần hai đến người "
        "có thẩm quyền hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của pháp luật."
    )


def _findings(facts: Facts, official: OfficialDocument) -> None:
    """Kết quả xác minh and (for complaints) kết quả đối thoại."""
    report, dialogue = latest_report(facts.case), latest_dialogue(facts.case)
    if report:
        official.add(f"Kết quả xác minh: {facts.clean(report.findings)}")
    if dialogue and dialogue.held_dt:
        official.add(f"Kết quả đối thoại: {facts.clean(dialogue.agreed or dialogue.minutes)}")


def _signed(official: OfficialDocument, record) -> None:
    """The signer of a decision, conclusion or answer."""
    _head_signs(official, signer_name(record))


def conclusion(facts: Facts, official: OfficialDocument) -> None:
    """Kết luận nội dung tố cáo (Luật TC Art 35(2)); never names the denouncer when redacted."""
    case, record = facts.case, latest_decision(facts.case)
    official.title = "KẾT LUẬN"
    official.subtitle = "Nội dung tố cáo"
    _address(facts, official)
    accepted = last_event(case, "accept")
    official.add(
        f"Ngày {vn(accepted.created_dt if accepted else None)}, {case.unit.name} thụ lý giải quyết tố "
        f"cáo đối với {facts.respondent() or 'người bị tố cáo'}."
    )
    sender = facts.sender()
    official.add(f"{sender}." if sender == SECRET else f"{SENDER_WORD[case.kind]}: {sender}.")
    official.add(_content(facts))
    _findings(facts, official)
    official.add("Căn cứ Luật Tố cáo năm 2018, kết luận như sau:", "heading")
    official.add(f"Nội dung tố cáo là {OUTCOME_WORD.get(record.outcome, record.outcome)}.")
    official.add(facts.clean(record.summary))
    if record.measures:
        official.add(f"Biện pháp xử lý: {facts.clean(record.measures)}")
    _signed(official, record)


def answer(facts: Facts, official: OfficialDocument) -> None:
    """Văn bản trả lời kiến nghị, phản ánh."""
    record = latest_decision(facts.case)
    official.title = "VĂN BẢN TRẢ LỜI"
    official.subtitle = f"Về kiến nghị, phản ánh của {facts.sender()}"
    _address(facts, official)
    official.add(_received(facts))
    official.add(_content(facts))
    official.add(f"{facts.case.unit.name} trả lời như sau:")
    official.add(facts.clean(record.summary))
    _signed(official, record)


def suspension(facts: Facts, official: OfficialDocument) -> None:
    """Quyết định tạm đình chỉ việc giải quyết (Luật TC Art 34; Luật KN Art 11a), with the reason."""
    suspended = last_event(facts.case, "suspend")
    official.title = "QUYẾT ĐỊNH"
    official.subtitle = f"Về việc tạm đình chỉ việc giải quyết {facts.kind_word}"
    _address(facts, official)
    official.add(_content(facts))
    official.add(
        f"Tạm đình chỉ việc giải quyết {facts.kind_word} kể từ ngày {vn(suspended.created_dt)}, "
        f"vì: {facts.clean(suspended.reason)}."
    )
    official.add("Thời gian tạm đình chỉ không tính vào thời hạn giải quyết.")
    _head_signs(official)


def continuation(facts: Facts, official: OfficialDocument) -> None:
    """Quyết định tiếp tục giải quyết, after the grounds for the suspension ended."""
    resumed = last_event(facts.case, "resume")
    official.title = "QUYẾT ĐỊNH"
    official.subtitle = f"Về việc tiếp tục giải quyết {facts.kind_word}"
    _address(facts, official)
    official.add(_content(facts))
    official.add(
        f"Lý do tạm đình chỉ không còn; tiếp tục giải quyết {facts.kind_word} "
        f"kể từ ngày {vn(resumed.created_dt)}."
    )
    if facts.case.due_on:
        official.add(f"Thời hạn giải quyết: đến ngày {vn(facts.case.due_on)}.")
    _head_signs(official)


def progress_report(facts: Facts, official: OfficialDocument) -> None:
    """Báo cáo to the superior who asked about an overdue denunciation (Luật TC Art 38(3))."""
    case, requested = facts.case, last_event(facts.case, "request_report")
    superior = case.unit.parent.name if case.unit.parent else "cơ quan cấp trên"
    official.title = "BÁO CÁO"
    official.subtitle = "Về việc giải quyết tố cáo quá thời hạn"
    official.to = f"Kính gửi: {superior}"
    official.recipients.append("Như trên;")
    official.add(f"Thực hiện yêu cầu ngày {vn(requested.created_dt)}: {facts.clean(requested.reason)}.")
    official.add(_content(facts))
    accepted = last_event(case, "accept")
    since = vn(accepted.created_dt if accepted else None)
    official.add(f"{case.unit.name} thụ lý giải quyết tố cáo từ ngày {since}.")
    official.add(f"Mã số theo dõi: {case.tracking_code}.")
    _head_signs(official)


BUILDERS: dict[str, Builder] = {
    "progress_report": progress_report,
    "suspension": suspension,
    "continuation": continuation,
    "receipt": receipt,
    "acceptance": acceptance,
    "non_acceptance": non_acceptance,
    "forwarding": forwarding,
    "guidance": guidance,
    "dialogue_minutes": dialogue_minutes,
    "decision": decision,
    "conclusion": conclusion,
    "answer": answer,
}
