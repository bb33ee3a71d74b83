"""Drawing the steps that take a received letter to its target status, and the papers they produce."""

import random

from caseflow.demo.letters import Letter, sentence
from caseflow.demo.people import HEAD_HOST
from caseflow.demo.phrases import FILING_NOTES, REJECT_REASONS, SUSPEND_REASONS, TERMINATE_REASONS
from caseflow.demo.stories import Ref, Step
from caseflow.demo.units import UNIT_SPECS

GAPS = {
    "session": (0.0, 0.0), "intake": (0.02, 0.1), "classify": (0.5, 3), "propose_acceptance": (0.5, 2),
    "accept": (1, 3), "reject": (1, 4), "guide": (0.5, 3), "forward": (0.5, 3), "return_to_forwarder": (1, 4),
    "file": (0.5, 3), "assign": (0.5, 2), "submit_report": (8, 20), "schedule_dialogue": (1, 3),
    "record_dialogue": (7, 10), "decide": (2, 6), "answer": (5, 14), "close": (0.5, 2), "extend": (10, 20),
    "suspend": (3, 10), "resume": (10, 25), "withdraw": (3, 15), "terminate": (5, 20), "appeal": (3, 10),
}  # fmt: skip


class Paths:
    """Draws the service calls of a letter's path from the plan's shared random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.numbers = iter(range(1, 100000))

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
        """From accepted: assignment and verification, then the outcome; or an exit on the way."""
        if target == "accepted":
            return [self.suspend(on)] if option == "suspend" else []
        if target == "withdrawn" and self.rng.random() < 0.5:
            return [self.step("withdraw", "officer", {"note": f"{letter.who} có đơn rút nội dung."}, on)]
        steps = self.assignment(letter, option, on)
        if target in ("withdrawn", "terminated"):
            return steps + [self.exit(letter, target, on)]
        if target == "verifying":
            return steps + ([self.suspend(on)] if option == "suspend" else [])
        return steps + self.outcome_path(letter, target, on)

    def assignment(self, letter: Letter, option: str, on: str) -> list[Step]:
        """assign a handler; then extend the clock, or suspend and resume, when the option says so."""
        steps = [self.step("assign", "leader", {"assignee": Ref.HANDLER, "note": "Giao xác minh."}, on)]
        if option == "extend":
            steps.append(self.extend(letter, on))
        if option == "pause":
            steps += [
                self.suspend(on),
                self.step("resume", "leader", {"note": "Đã có kết quả giám định."}, on),
            ]
        return steps

    def outcome_path(self, letter: Letter, target: str, on: str) -> list[Step]:
        """After verification: the report, a dialogue for some complaints, the decision or answer, closing."""
        rng = self.rng
        if letter.kind == "petition" and target != "reported" and rng.random() < 0.5:
            return self.answer_path(letter, target, on)
        matches = rng.random() < 0.55
        steps = [self.report(letter, matches, on)]
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
        params = {"reason": reason, "complexity": "complex", "criterion": "several_places", "days": 15}
        return self.step("extend", "leader", params, on)

    def exit(self, letter: Letter, target: str, on: str) -> Step:
        """withdraw or terminate a case being verified."""
        if target == "withdrawn":
            note = f"{sentence(letter.who)} rút đơn tại buổi làm việc với tổ xác minh."
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
        schedule = {"at": Ref.MEETING, "place": place, "invitees": invitees}
        steps = [self.step("schedule_dialogue", "handler", schedule, on)]
        if stop:
            return steps
        return [*steps, self.step("record_dialogue", "handler", _dialogue_record(letter), on)]

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


def _dialogue_record(letter: Letter) -> dict:
    """What record_dialogue writes down: the minutes, who came, what was agreed and what is still disputed."""
    minutes = (
        f"Đối thoại với {letter.who} về {letter.about}. Tổ xác minh công bố kết quả xác minh; người "
        "khiếu nại trình bày ý kiến; đại diện cơ quan bị khiếu nại giải trình."
    )
    return {
        "minutes": minutes,
        "present": [letter.who, letter.respondent],
        "absent": [],
        "agreed": "Thống nhất số liệu đo đạc và nguồn gốc sử dụng.",
        "disputed": "Người khiếu nại chưa đồng ý với mức bồi thường, hỗ trợ.",
    }
