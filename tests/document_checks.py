"""Shared by the document and export tests: a denunciation seeded with canaries, and DOCX read back."""

import io
import zipfile

from docx import Document

from caseflow.extensions import db
from caseflow.models import Case, CaseStatus
from caseflow.services.cases import intake
from caseflow.services.reception import sessions

CANARIES = {
    "full_name": "Canarydoc Qzxwv",
    "id_number": "CANARY5521ID",
    "phone": "0977000222",
    "email": "canary.doc@example.org",
    "address": "Canarydoc Street 55",
}


def seed_denunciation(world, status: CaseStatus = CaseStatus.CLOSED) -> Case:
    """A denunciation from a reception session whose denouncer is all canaries (also named in the content)."""
    session = sessions.record_session(
        {
            "citizen_name": CANARIES["full_name"],
            "citizen_address": CANARIES["address"],
            "citizen_id_number": CANARIES["id_number"],
            "content": f"Tôi là {CANARIES['full_name']}, tố cáo cán bộ địa chính nhận tiền",
            "matter_kind": "denunciation",
        },
        actor=world.users["reception"],
        now=world.now,
    )
    letter = world.letter(
        subject=f"Tố cáo cán bộ địa chính (người gửi {CANARIES['full_name']})",
        content=f"Tôi là {CANARIES['full_name']}, điện thoại {CANARIES['phone']}; cán bộ địa chính nhận tiền",
        channel="in_person",
        petitioner=dict(CANARIES),
        reception_session_id=session.id,
        respondents=[{"full_name": "Lê Văn Bị Tố", "address": "UBND xã", "position": "cán bộ địa chính"}],
    )
    case = intake.create_case(letter, actor=world.users["reception"], now=world.now).case
    db.session.commit()
    world.kinds[case.id] = "denunciation"
    return world.bring_to(case, status)


def docx_text(data: bytes) -> str:
    """Every word of a DOCX: paragraphs, table cells (nested), and the document's properties."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    props = document.core_properties
    parts += [props.title or "", props.author or "", props.comments or ""]
    return "\n".join(parts)


def docx_xml(data: bytes) -> str:
    """The raw XML of every part of a DOCX (nothing hides in a part the text reader skips)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def leaks(text: str) -> list[str]:
    """The canaries found in `text`."""
    return [value for value in CANARIES.values() if value.lower() in text.lower()]
