"""The demo plan: about 200 stories of steps, drawn once from fixed seeds, oldest letter first."""

import random
from datetime import date

from faker import Faker

from caseflow.demo.letters import Letter, Letters
from caseflow.demo.paths import Paths
from caseflow.demo.phrases import FILING_NOTES
from caseflow.demo.stories import Ref, Step, Story
from caseflow.demo.topics import COMPLAINTS, DENUNCIATIONS, TOPICS
from caseflow.demo.units import ROOT

SEED = 20260701
HISTORY_DAYS = 148
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
DESK_SHARE = 0.09
OLD_SHARE = 0.4


class Planner:
    """Draws the whole demo plan from the seeds; knows nothing of the database."""

    def __init__(self, today: date) -> None:
        self.rng = random.Random(SEED)
        fake = Faker("vi_VN")
        fake.seed_instance(SEED)
        self.letters = Letters(self.rng, fake, today)
        self.paths = Paths(self.rng)

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
        letter = self.letters.letter(kind, target, desk=desk)
        steps = [self.paths.session_step(letter)] if desk else []
        extra = {"reception_session_id": Ref.SESSION} if desk else {}
        steps.append(
            self.paths.step(
                "intake",
                "reception" if letter.channel == "in_person" else "officer",
                self.letters.intake_data(letter, **extra),
            )
        )
        steps += self.paths.path(letter, target, option)
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

    def group_story(self) -> Story:
        """A group of 12 households at the city desk, three representatives, and their group complaint."""
        letters, paths = self.letters, self.paths
        letter = letters.letter("complaint", "verifying", unit=ROOT)
        letter = Letter(
            "complaint", COMPLAINTS[0], ROOT, letter.values, letter.petitioner, letter.honorific, "in_person"
        )
        co_petitioners = [letters.person(letter.values["ward"])[0] for _ in range(11)]
        representatives = [letter.petitioner, co_petitioners[0], co_petitioners[1]]
        names = [p["full_name"] for p in representatives]
        session = paths.session_step(letter, kind="periodic_head", people_count=12, representatives=names)
        data = letters.intake_data(
            letter,
            reception_session_id=Ref.SESSION,
            signatories=12,
            co_petitioners=co_petitioners,
            representatives=representatives,
        )
        steps = [session, paths.step("intake", "reception", data)]
        steps += [paths.classify(letter, eligible=True, within=True, on="main", level=1)]
        steps[-1].params["signatories"] = 12
        steps += [paths.step("propose_acceptance", "officer", {"note": "Đơn tập thể, đủ điều kiện thụ lý."})]
        accept = paths.accept(letter, "verifying", "main")
        accept.params["complexity"] = "complex"
        steps += [accept, paths.step("assign", "leader", {"assignee": Ref.HANDLER, "note": "Đơn tập thể."})]
        return Story("group complaint (12 signatories, 3 representatives)", ROOT, 52.0, steps)

    def appeal_story(self, *, closed: bool) -> Story:
        """A level-1 complaint decided (maybe closed), appealed soon after, and the level-2 case's path."""
        unit = "HN-PCG" if closed else "HN-TNMT"
        letter = self.letters.letter("complaint", "closed", unit=unit)
        steps = [self.paths.step("intake", "officer", self.letters.intake_data(letter))]
        steps += self.paths.path(letter, "closed" if closed else "decided")
        content = f"Tôi không đồng ý với quyết định giải quyết khiếu nại lần đầu về {letter.about}."
        subject = f"Khiếu nại lần hai {letter.about}"[:300]
        appeal = {"received_on": Ref.TODAY, "subject": subject, "content": content}
        steps.append(self.paths.step("appeal", "reception", appeal))
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
        steps += self.paths.path(level2, "closed" if closed else "verifying", on="appeal", level=2)
        days_ago = 140.0 if closed else 70.0
        return Story(f"level-2 complaint ({'closed' if closed else 'verifying'})", unit, days_ago, steps)

    def anonymous_story(self, *, filed: bool) -> Story:
        """An anonymous denunciation: filed, or kept for checking because its content is specific."""
        letter = self.letters.letter("denunciation", "classified", unit="HN-XSS" if filed else "HN-TT")
        letter = Letter(
            "denunciation", DENUNCIATIONS[0 if filed else 1], letter.unit, letter.values, None, "", "post"
        )
        data = self.letters.intake_data(letter, is_anonymous=True, petitioner=None)
        steps = [self.paths.step("intake", "officer", data)]
        classify = self.paths.classify(letter, eligible=not filed, within=True, on="main", level=1)
        if not filed:
            classify.params["reason"] = (
                "Đơn nặc danh nhưng nội dung rõ ràng, kèm tài liệu, chứng cứ cụ thể; chuyển kiểm tra, xác "
                "minh theo Điều 25 Luật Tố cáo 2018."
            )
        steps.append(classify)
        if filed:
            filing = {"reason": "anonymous", "note": FILING_NOTES["anonymous"]}
            steps.append(self.paths.step("file", "officer", filing))
        return Story(
            f"anonymous denunciation ({'filed' if filed else 'classified'})",
            letter.unit,
            40.0 if filed else 4.0,
            steps,
        )

    def session_only_story(self, index: int) -> Story:
        """A reception at the city desk that ended with guidance, forwarding or an online answer."""
        kind = self.rng.choice(list(TOPICS))
        letter = self.letters.letter(kind, "guided", unit=ROOT)
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
        step = self.paths.session_step(letter, **extra)
        return Story(f"reception only ({handling})", ROOT, self.rng.uniform(1, HISTORY_DAYS), [step])


def build_plan(today: date) -> list[Story]:
    """The demo plan; the same list for the same code (dates in the texts use `today`'s year)."""
    return Planner(today).plan()
