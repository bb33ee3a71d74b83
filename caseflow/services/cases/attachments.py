"""Documents of a case: checked on upload (type by name and content, size), guarded and audited when read."""

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import undefer

from caseflow.errors import InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Attachment, Case, Role, User
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.identity import may_see_identity
from caseflow.services.cases.locking import lock_case
from caseflow.services.cases.scope import can_view

DOC_TYPES = {
    "letter": N_("Letter (đơn)"),
    "id_paper": N_("Copy of an ID paper"),
    "evidence": N_("Evidence or supporting document"),
    "authorisation": N_("Authorisation or introduction letter"),
    "decision": N_("Decision or document complained about"),
    "minutes": N_("Minutes or record"),
    "other": N_("Other document"),
}
UPLOAD_ROLES = (Role.RECEPTION, Role.OFFICER, Role.LEADER, Role.HANDLER)

TYPE_REFUSED = N_("Only PDF, JPG, PNG, DOC, DOCX or ODT files are accepted.")
CONTENT_MISMATCH = N_("The file's content does not match its type; it may be damaged or renamed.")
TOO_LARGE = N_("The file is larger than the size allowed.")
EMPTY = N_("The file is empty.")
NO_FILE = N_("Choose a file.")
UNKNOWN_DOC_TYPE = N_("Choose the type of document.")


@dataclass(frozen=True)
class FileType:
    """An accepted file type: its stored content type and how its first bytes look."""

    content_type: str
    magic: tuple[bytes, ...]
    zip_marker: str = ""


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILE_TYPES = {
    "pdf": FileType("application/pdf", (b"%PDF-",)),
    "jpg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "png": FileType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "doc": FileType("application/msword", (_OLE,)),
    "docx": FileType(_DOCX, (_ZIP,), "word/document.xml"),
    "odt": FileType("application/vnd.oasis.opendocument.text", (_ZIP,), "content.xml"),
}


@dataclass(frozen=True)
class Upload:
    """One file as received: its name and bytes (at most the limit plus one byte)."""

    filename: str
    data: bytes


def max_attachment_bytes() -> int:
    """The configured size limit of one file."""
    return int(current_app.config["CASEFLOW_MAX_ATTACHMENT_BYTES"])


def read_upload(upload, filename: str = "", max_bytes: int | None = None) -> Upload:
    """A FileStorage (or plain bytes with `filename`) read up to one byte past the limit."""
    limit = max_attachment_bytes() if max_bytes is None else max_bytes
    if isinstance(upload, bytes | bytearray):
        return Upload(clean_filename(filename), bytes(upload[: limit + 1]))
    return Upload(clean_filename(filename or upload.filename or ""), upload.stream.read(limit + 1))


def clean_filename(name: str) -> str:
    """The file's own name without any folder, control characters or excess length."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|*?:')
    stem, dot, extension = base.strip(" .").rpartition(".")
    return (stem[: 250 - len(extension)] + dot + extension) if dot else base[:255]


def extension_of(filename: str) -> str:
    """The lower-case extension without its dot ('' when none)."""
    stem, dot, extension = filename.rpartition(".")
    return extension.lower() if dot and stem else ""


def upload_errors(upload: Upload, max_bytes: int | None = None) -> list[str]:
    """What is wrong with the file (English msgids), empty when it may be stored."""
    limit = max_attachment_bytes() if max_bytes is None else max_bytes
    if not upload.filename and not upload.data:
        return [NO_FILE]
    file_type = FILE_TYPES.get(extension_of(upload.filename))
    if file_type is None:
        return [TYPE_REFUSED]
    if not upload.data:
        return [EMPTY]
    if len(upload.data) > limit:
        return [TOO_LARGE]
    if not _content_matches(file_type, upload.data):
        return [CONTENT_MISMATCH]
    return []


def _content_matches(file_type: FileType, data: bytes) -> bool:
    """True when the first bytes (and, for office files, the archive's parts) fit the type."""
    if not data.startswith(file_type.magic):
        return False
    if not file_type.zip_marker:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return file_type.zip_marker in archive.namelist()
    except zipfile.BadZipFile:
        return False


def add_attachment(
    case: Case,
    upload,
    doc_type: str,
    *,
    actor: User,
    now: datetime,
    filename: str = "",
    is_confidential: bool = False,
    max_bytes: int | None = None,
    request_id: str = "",
    actor_label: str = "",
) -> Attachment:
    """Store one checked file on the case and record it in the audit trail.

    :raises PermissionDenied: the actor may not add documents to this case
    :raises InvalidInput: wrong type, content, size or document type (errors under `file` and `doc_type`)
    """
    begin_write()
    _check_uploader(case, actor)
    received = upload if isinstance(upload, Upload) else read_upload(upload, filename, max_bytes)
    errors = {}
    if doc_type not in DOC_TYPES:
        errors["doc_type"] = [UNKNOWN_DOC_TYPE]
    if problems := upload_errors(received, max_bytes):
        errors["file"] = problems
    if errors:
        raise InvalidInput("The document cannot be accepted.", errors=errors)
    attachment = _new_attachment(case, received, doc_type, actor, now, is_confidential)
    lock_case(case.id)
    append_event(
        case,
        action="attachment_added",
        now=now,
        actor=actor,
        actor_label=actor_label,
        request_id=request_id,
        params=_audit_params(attachment),
    )
    db.session.flush()
    return attachment


def _check_uploader(case: Case, actor: User) -> None:
    """Working roles over the case's unit may add documents."""
    if not can_view(actor, case):
        raise NotFound("No such case.")
    if not actor.has_role(*UPLOAD_ROLES):
        raise PermissionDenied("Your role does not allow adding documents to a case.")


def _new_attachment(
    case: Case, upload: Upload, doc_type: str, actor: User, now: datetime, is_confidential: bool
) -> Attachment:
    """The attachment row, added to the session and flushed (so it has its id)."""
    attachment = Attachment(
        case_id=case.id,
        doc_type=doc_type,
        filename=upload.filename,
        content_type=FILE_TYPES[extension_of(upload.filename)].content_type,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        data=upload.data,
        is_confidential=is_confidential,
        uploaded_by_id=actor.id,
        uploaded_dt=now,
    )
    db.session.add(attachment)
    db.session.flush()
    return attachment


def _audit_params(attachment: Attachment) -> dict:
    """What the trail records of a document: never its name (it may name the denouncer)."""
    return {
        "attachment": attachment.id,
        "doc_type": attachment.doc_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "is_confidential": attachment.is_confidential,
    }


def may_open(user: User, case: Case, attachment: Attachment) -> bool:
    """Anyone who sees the case opens its documents; a confidential one needs leave to see the identity."""
    if not can_view(user, case):
        return False
    return not attachment.is_confidential or may_see_identity(user, case)


def attachment_for_download(
    attachment_id: int, user: User, *, now: datetime, request_id: str = ""
) -> Attachment:
    """The document with its bytes; reading a confidential one is an audit event.

    :raises NotFound: no such document, or its case is outside the user's units
    :raises PermissionDenied: a confidential document the user may not see
    """
    statement = sa.select(Attachment).where(Attachment.id == attachment_id).options(undefer(Attachment.data))
    attachment = db.session.scalars(statement).first()
    case = db.session.get(Case, attachment.case_id) if attachment else None
    if attachment is None or case is None or not can_view(user, case):
        raise NotFound("No such document.")
    if not may_open(user, case, attachment):
        raise PermissionDenied("This document is confidential: it may reveal the denouncer's identity.")
    if attachment.is_confidential:
        begin_write()
        lock_case(case.id)
        append_event(
            case,
            action="attachment_viewed",
            now=now,
            actor=user,
            request_id=request_id,
            params={"attachment": attachment.id},
        )
        db.session.flush()
    return attachment

