"""A generated month of a helpdesk's WhatsApp traffic, as canonical event dicts.

:func:`generated_month` draws, from a seed, what a busy helpdesk records and receives in
one month: customers writing in (some from a Click-to-WhatsApp ad, some whose profile
name changes, some known only by a business-scoped user id), agents' replies and
template messages, the provider's echo of many sends (a second ``message.sent`` record of
the same id, stamped a second later or, its clock running behind, a second earlier, with
another operator), statuses of every kind (``sent``, ``delivered``, ``read``, ``failed``
with errors, some carrying the ``pricing`` Meta reports and a few of those disagreeing
with the price), statuses stamped up to two minutes before their send, statuses naming
only the message id, duplicate webhooks, business reads, and the days either side of the
month. The records come out in an arrival order shuffled from the seed.

It is the input of the Beam pipelines' tests and of ``bench beam``; any consumer of
canonical events can use it. Pure: no clock and no randomness of the process, the same
seed always gives the same list (a SplitMix64 sequence, written out here).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from wamsg._internal import fields as check
from wamsg._internal.json import UTC, Json, JsonObject, format_time
from wamsg.billing.account import parse_month
from wamsg.errors import ValidationError

__all__ = ["MONTH_BUSINESSES", "generated_month"]

MONTH_BUSINESSES: tuple[str, ...] = ("+15550783881", "+15550783882", "+358942411000")
"""The helpdesk's three business numbers."""

_PREFIXES = (
    "+1650555",
    "+5511987",
    "+9198765",
    "+4477009",
    "+4915112",
    "+3584012",
    "+5215551",
    "+6281234",
    "+1809555",
    "+9715012",
)
_NAMES = ("Aino", "Lucas", "Sheena", "Priya", "Jonas", "María", "Ahmed", "Mei", "Olu", "Sanna")
_OPERATORS = ("agent-1", "agent-3", "agent-7", "agent-12", None)
_TEMPLATES = (
    ("order_update", "utility"),
    ("shipping_delay", "utility"),
    ("winter_sale", "marketing"),
    ("login_code", "authentication"),
)
_MASK = (1 << 64) - 1


class _Draws:
    """A SplitMix64 sequence: the same seed gives the same draws on every platform."""

    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """An integer in ``[0, n)``."""
        return self.next() % n

    def chance(self, percent: int) -> bool:
        """True ``percent`` times in a hundred."""
        return self.below(100) < percent


class _Month:
    """The records of one generated month, drawn customer by customer."""

    def __init__(self, start: datetime, end: datetime, draws: _Draws) -> None:
        self.start, self.end, self.draws = start, end, draws
        self.events: list[JsonObject] = []
        self.sequence = 0

    def new_id(self, kind: str) -> str:
        self.sequence += 1
        return f"wamid.{kind}.{self.sequence:07d}"

    def moment(self) -> datetime:
        """A moment of the month, or (one time in fifty) of the day before or after it."""
        span = int((self.end - self.start).total_seconds())
        if self.draws.chance(2):
            day = timedelta(days=1).total_seconds()
            offset = -int(day) + self.draws.below(int(day)) if self.draws.chance(50) else span
            return self.start + timedelta(seconds=offset + self.draws.below(int(day)))
        return self.start + timedelta(seconds=self.draws.below(span))

    def customer(self, index: int) -> tuple[dict[str, Json], dict[str, Json]]:
        """The customer's record with a name, and the record a send carries (no name)."""
        name = _NAMES[index % len(_NAMES)]
        if index % 40 == 7:  # known only by a business-scoped user id
            user_id = f"US.{13491208655302741918 + index}"
            return (
                {"phone": None, "user_id": user_id, "name": name},
                {"phone": None, "user_id": user_id, "name": None},
            )
        phone = f"{_PREFIXES[index % len(_PREFIXES)]}{index // len(_PREFIXES):04d}"
        return (
            {"phone": phone, "user_id": None, "name": name},
            {"phone": phone, "user_id": None, "name": None},
        )

    def received(self, business: str, customer: JsonObject, at: datetime, ad: bool) -> None:
        referral: Json = (
            {"source_type": "ad", "source_id": "120208", "ctwa_clid": "ARAk"} if ad else None
        )
        event: JsonObject = {
            "type": "message.received",
            "provider": "meta",
            "id": self.new_id("in"),
            "business": business,
            "customer": customer,
            "occurred_at": format_time(at),
            "content": {"kind": "text", "body": "Where is my order?"},
            "context": {
                "reply_to": None,
                "forwarded": False,
                "frequently_forwarded": False,
                "referral": referral,
            },
        }
        self.events.append(event)
        if self.draws.chance(4):  # the same webhook delivered twice
            self.events.append(dict(event))

    def sent(
        self, business: str, customer: JsonObject, at: datetime, template: tuple[str, str] | None
    ) -> None:
        """A send, maybe echoed, with its statuses."""
        draws = self.draws
        message_id = self.new_id("out")
        content: JsonObject = (
            {"kind": "text", "body": "We are on it."}
            if template is None
            else {
                "kind": "template",
                "template": {"name": template[0], "language": "en_US", "category": template[1]},
            }
        )
        record: JsonObject = {
            "type": "message.sent",
            "provider": "meta",
            "id": message_id,
            "business": business,
            "customer": customer,
            "occurred_at": format_time(at),
            "operator": _OPERATORS[draws.below(len(_OPERATORS))],
            "reply_to": None,
            "content": content,
        }
        self.events.append(record)
        if draws.chance(35):  # the provider's echo: another record of the same send
            shift = timedelta(seconds=-1 if draws.chance(20) else 1)
            echo = dict(record, occurred_at=format_time(at + shift), operator=None)
            self.events.append(echo)
        self.statuses(message_id, business, customer, at, template)

    def statuses(
        self,
        message_id: str,
        business: str,
        customer: JsonObject,
        at: datetime,
        template: tuple[str, str] | None,
    ) -> None:
        draws = self.draws
        category = "service" if template is None else template[1]
        kind = "free_customer_service" if template is None else "regular"
        if draws.chance(3):  # a pricing report that disagrees with the prediction
            category = "marketing" if category != "marketing" else "utility"
        pricing: JsonObject = {
            "model": "PMP",
            "type": kind,
            "category": category,
            "billable": template is not None,
        }
        # statuses may be stamped before the send (a provider clock behind the helpdesk's)
        skew = timedelta(seconds=-draws.below(120) if draws.chance(10) else 1)
        reports: list[tuple[str, timedelta, JsonObject | None]] = [("sent", skew, pricing)]
        if draws.chance(6):
            reports.append(("failed", skew + timedelta(seconds=5), None))
        elif draws.chance(95):
            delivered = skew + timedelta(seconds=2 + draws.below(60))
            reports.append(("delivered", delivered, pricing if draws.chance(50) else None))
            if draws.chance(60):
                reports.append(("read", delivered + timedelta(minutes=draws.below(600)), None))
        for status, offset, priced in reports:
            named = not draws.chance(8)  # some providers name only the message id
            event: JsonObject = {
                "type": "message.status",
                "provider": "meta",
                "business": business if named else None,
                "customer": customer if named else None,
                "occurred_at": format_time(at + offset),
                "message_id": message_id,
                "status": status,
                "errors": (
                    [{"code": "131026", "title": "Message undeliverable", "detail": None}]
                    if status == "failed"
                    else []
                ),
                "pricing": priced,
            }
            self.events.append(event)
            if draws.chance(10):  # a retried webhook
                self.events.append(dict(event))

    def read(self, business: str, customer: JsonObject, at: datetime) -> None:
        self.events.append(
            {
                "type": "conversation.read",
                "provider": "meta",
                "business": business,
                "customer": customer,
                "occurred_at": format_time(at),
                "reader": "business",
                "operator": _OPERATORS[self.draws.below(len(_OPERATORS) - 1)],
            }
        )

    def conversation(self, business: str, index: int, at: datetime) -> None:
        """A customer writes (from an ad now and then) and the helpdesk answers."""
        draws = self.draws
        named, bare = self.customer(index)
        if draws.chance(15):  # the profile name changed since the last webhook
            named = dict(named, name=f"{named['name']} {'VWXYZ'[draws.below(5)]}.")
        self.received(business, named, at, ad=draws.chance(8))
        later = at
        for _ in range(1 + draws.below(3)):
            later += timedelta(seconds=30 + draws.below(3 * 3600))
            template = _TEMPLATES[0] if draws.chance(10) else None
            self.sent(business, bare, later, template)
        if draws.chance(30):
            self.received(business, named, later + timedelta(minutes=draws.below(90)), ad=False)
        if draws.chance(40):
            self.read(business, bare, later + timedelta(minutes=draws.below(120)))

    def campaign(self, business: str, index: int, at: datetime) -> None:
        """A template the business sends first (any category), outside any conversation."""
        self.sent(business, self.customer(index)[1], at, _TEMPLATES[self.draws.below(4)])

    def shuffled(self) -> list[JsonObject]:
        """The records in an arrival order drawn from the seed (Fisher–Yates)."""
        events = self.events
        for i in range(len(events) - 1, 0, -1):
            j = self.draws.below(i + 1)
            events[i], events[j] = events[j], events[i]
        return events


def generated_month(
    month: str = "2026-11", *, customers: int = 1_500, seed: int = 1
) -> list[JsonObject]:
    """Canonical event dicts of one UTC month of a helpdesk (see the module docs).

    About 30 records per customer: with the default 1,500 customers some 45,000
    records, in a shuffled arrival order. ``seed`` chooses the draws; the same
    arguments always give the same list.
    """
    start_day = parse_month(month)
    check.argument(customers, int, "customers")
    check.argument(seed, int, "seed")
    if not 1 <= customers <= 100_000:
        raise ValidationError("must be from 1 to 100,000", field="customers", value=customers)
    start = datetime(start_day.year, start_day.month, 1, tzinfo=UTC)
    following = start_day.month % 12 + 1, start_day.year + (start_day.month == 12)
    end = datetime(following[1], following[0], 1, tzinfo=UTC)
    draws = _Draws(seed)
    generated = _Month(start, end, draws)
    for index in range(customers):
        business = MONTH_BUSINESSES[index % len(MONTH_BUSINESSES)]
        for _ in range(1 + draws.below(4)):
            generated.conversation(business, index, generated.moment())
        if draws.chance(60):
            generated.campaign(business, index, generated.moment())
    return generated.shuffled()
