"""The words of each official document, in Vietnamese, from the case; the denouncer redacted where required.

One `OfficialDocument` feeds both renderings (the printable page and the DOCX): they always say the same.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app

from caseflow.extensions import db
from caseflow.models import (
    Attachment,
    Case,
    CaseKind,
    Decision,
    IssuedDocument,
    PartyRole,
    User,
    VerificationReport,
)
from caseflow.services.cases.deadlines import explain_clock
from caseflow.services.cases.identity import is_protected
from caseflow.services.documents.issuing import last_event
from caseflow.timeutil import local_date

SECRET = "Người tố cáo (thông tin được giữ bí mật)"  # noqa: S105 (a mask, not a password)
UNCLASSIFIED_SECRET = "Người gửi đơn (thông tin được giữ bí mật)"  # noqa: S105 (before classification)
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
KIND_WORD = {
    CaseKind.COMPLAINT: "khiếu nại",
    CaseKind.DENUNCIATION: "tố cáo",
    CaseKind.PETITION: "kiến nghị, phản ánh",
}
SENDER_WORD = {
    CaseKind.COMPLAINT: "Người khiếu nại",
    CaseKind.DENUNCIATION: "Người tố cáo",
    CaseKind.PETITION: "Người kiến nghị, phản ánh",
}
RESPONDENT_WORD = {CaseKind.COMPLAINT: "Người bị khiếu nại", CaseKind.DENUNCIATION: "Người bị tố cáo"}
OUTCOME_WORD = {
    "right": "đúng",
    "partly_right": "đúng một phần",
    "wrong": "sai toàn bộ",
    "true": "đúng",
    "partly_true": "đúng một phần",
    "untrue": "sai sự thật",
}
CHANNEL_WORD = {
    "in_person": "trực tiếp tại nơi tiếp công dân",
    "post": "qua đường bưu chính",
    "online": "trực tuyến",
    "forwarded": "do cơ quan, tổ chức khác chuyển đến",
    "press": "qua cơ quan báo chí",
    "dialogue": "tại buổi đối thoại",
    "email": "qua thư điện tử",
}
DOC_TYPE_WORD = {
    "letter": "Đơn",
    "id_paper": "Bản sao giấy tờ tùy thân",
    "evidence": "Tài liệu, chứng cứ",
    "authorisation": "Giấy ủy quyền, giấy giới thiệu",
    "decision": "Quyết định, văn bản bị khiếu nại",
    "minutes": "Biên bản",
    "other": "Tài liệu khác",
}
FILED_COPY = "Lưu: VT, hồ sơ {code}."


@dataclass
class Block:
    """A piece of the body: a paragraph, a heading, a list item, or a table (first row is the header)."""

    style: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Signature:
    """A signature place: who signs, the note under it, and the name when known."""

    title: str
    note: str = "(Ký, ghi rõ họ tên)"
    name: str = ""


@dataclass
class OfficialDocument:
    """Everything both renderings print, already redacted."""

    kind: str
    number: str
    addressee: str
    governing: str
    agency: str
    place_date: str
    title: str
    subtitle: str = ""
    to: str = ""
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    tracking_code: str = ""
    is_redacted: bool = False
    reveals_identity: bool = False

    def add(self, text: str, style: str = "p") -> None:
        """Append a paragraph (or another one-line block)."""
        self.blocks.append(Block(style, text))

    @property
    def filename(self) -> str:
        """A file name for the DOCX: kind, number and tracking code, ASCII only."""
        number = re.sub(r"[^A-Za-z0-9]+", "-", self.number.replace("Đ", "D").replace("đ", "d")).strip("-")
        return f"{self.kind}-{number}-{self.tracking_code}.docx"

    def text(self) -> str:
        """All the words, one block per line (for checks and search)."""
        lines = [self.governing, self.agency, self.number, *MOTTO, self.place_date, self.title, self.subtitle]
        lines += (
            [self.to] + [b.text for b in self.blocks] + [" | ".join(r) for b in self.blocks for r in b.rows]
        )
        lines += self.recipients + [f"{s.title} {s.name}" for s in self.signatures]
        return "\n".join(line for line in lines if line)


@dataclass
class Facts:
    """What the builders read about the case, redacted once here."""

    case: Case
    document: IssuedDocument
    redacted: bool
    secrets: list[str]
    pin: str | None = None

    @property
    def kind_word(self) -> str:
        """khiếu nại / tố cáo / kiến nghị, phản ánh."""
        return KIND_WORD.get(self.case.kind, "đơn")

    def clean(self, text: str | None) -> str:
        """Free text with every protected string removed when the document is redacted."""
        text = text or ""
        if not self.redacted:
            return text
        for secret in self.secrets:
            text = re.sub(re.escape(secret), self.mask, text, flags=re.IGNORECASE)
        return text

    @property
    def mask(self) -> str:
        """What stands for the protected sender: a denouncer, or a sender not yet classified."""
        return UNCLASSIFIED_SECRET if self.case.kind is None else SECRET

    def sender(self) -> str:
        """Who wrote the letter, as this document may name them."""
        case = self.case
        party = case.petitioner
        if case.is_anonymous or party is None:
            return "người gửi đơn không ghi họ tên"
        if self.redacted and is_protected(case, party):
            return self.mask
        name = party.full_name if party.is_organisation else f"Ông/Bà {party.full_name}"
        more = f" và {case.signatories - 1} người khác cùng ký đơn" if case.signatories > 1 else ""
        return name + more

    def sender_address(self) -> str:
        """The sender's address, or nothing when it may not be shown."""
        party = self.case.petitioner
        if party is None or self.case.is_anonymous or (self.redacted and is_protected(self.case, party)):
            return ""
        return party.address

    def respondent(self) -> str:
        """The complained-against or denounced person or body, when recorded."""
        party = next((p for p in self.case.parties if p.role == PartyRole.RESPONDENT), None)
        if party is None:
            return ""
        name = party.full_name if party.is_organisation else f"Ông/Bà {party.full_name}"
        return f"{name}, {party.position}" if party.position else name


def frame(facts: Facts) -> OfficialDocument:
    """Header, number, place and date common to every kind."""
    case, document = facts.case, facts.document
    unit = case.unit
    return OfficialDocument(
        kind=document.kind,
        number=document.number,
        addressee=document.addressee,
        governing=unit.parent.name.upper() if unit.parent else "",
        agency=unit.name.upper(),
        place_date=place_date(document.issued_on),
        title="",
        tracking_code=case.tracking_code,
    )


def place_date(day: date) -> str:
    """ "Hà Nội, ngày 04 tháng 01 năm 2027" (NĐ 30/2020: a zero before days under 10 and months 1 and 2)."""
    place = current_app.config.get("CASEFLOW_DOCUMENT_PLACE", "Hà Nội")
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def vn(day: date | datetime | None) -> str:
    """dd/mm/yyyy (a datetime in the agency's zone)."""
    if day is None:
        return "…"
    if isinstance(day, datetime):
        day = local_date(day)
    return day.strftime("%d/%m/%Y")


def attachments_of(case: Case) -> list[Attachment]:
    """The documents handed in, without their bytes."""
    statement = sa.select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
    return list(db.session.scalars(statement))


def intake_officer(case: Case) -> str:
    """The name of the official who recorded the letter."""
    event = last_event(case, "intake")
    user = db.session.get(User, event.actor_user_id) if event and event.actor_user_id else None
    return user.full_name if user else ""


def obligation_clocks(case: Case) -> list[tuple[str, date]]:
    """(title in Vietnamese, due date) of each active legal clock."""
    return [
        (explain_clock(c)["title_vi"], c.due_on) for c in case.deadlines if c.is_obligation and c.is_active
    ]


def latest_report(case: Case) -> VerificationReport | None:
    """The most recent verification report on the case."""
    statement = (
        sa.select(VerificationReport)
        .where(VerificationReport.case_id == case.id)
        .order_by(VerificationReport.id.desc())
        .limit(1)
    )
    return db.session.scalars(statement).first()


def signer_name(record: Decision) -> str:
    """The name of whoever signed a decision, conclusion or answer."""
    user = db.session.get(User, record.signed_by_id) if record.signed_by_id else None
    return user.full_name if user else ""
