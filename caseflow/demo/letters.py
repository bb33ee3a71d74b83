"""Drawing the demo letters: citizens, places, topics, channels and the intake payload."""

import random
from dataclasses import dataclass
from datetime import date

from faker import Faker

from caseflow.demo.people import HANDLERS
from caseflow.demo.phrases import (
    BUSINESSES,
    FORWARDERS,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    PRESS,
    PROJECTS,
    VILLAGES,
    WARDS,
)
from caseflow.demo.stories import Ref
from caseflow.demo.topics import TOPICS, Topic
from caseflow.demo.units import DESK_UNITS, UNIT_SPECS, UNITS_BY_FIELD
from caseflow.text import fold

ASSIGNED_TARGETS = {
    "verifying",
    "reported",
    "dialogue_scheduled",
    "decided",
    "closed",
    "terminated",
    "withdrawn",
}
CHANNELS = {
    "post": 30,
    "in_person": 14,
    "online": 16,
    "email": 10,
    "forwarded": 15,
    "press": 5,
    "dialogue": 3,
}


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


class Letters:
    """Draws citizens, places and letters from the plan's shared random sources."""

    def __init__(self, rng: random.Random, fake: Faker, today: date) -> None:
        self.rng = rng
        self.fake = fake
        self.today = today

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
            "Accused": f"{sentence(honorific)} {accused['full_name']}",
        }

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


def sentence(text: str) -> str:
    """The text with its first letter in upper case (unlike str.capitalize, the rest is kept)."""
    return text[:1].upper() + text[1:]
