"""The limit ledger: which users hold a slot of a messaging limit in the trailing 24 h.

A :class:`LimitLedger` is the small, fast, mutable core a helpdesk keeps beside its
send loop: :meth:`~LimitLedger.record` a counted user when a template is delivered
outside a customer service window, ask :meth:`~LimitLedger.can_reach` before the next
send. Meta's limit counts *unique* users in a moving 24 h [rule meta.limits.definition]:
a user holds a slot while their latest counted moment lies in ``(t − 24 h, t]``; a user
already holding one costs nothing more.

How it is kept: a dict from user to the latest counted moment (epoch seconds), and a
queue of ``(moment, user)`` in time order as two parallel compact arrays (an
``array('d')`` of moments, a list of users) with a head index. Expiry walks the head
forward, dropping a user whose latest moment is the one expiring (an older entry of a
user counted again since is skipped); the arrays are compacted once the head passes
half their length, so each record costs amortised O(1) however many users the ledger
holds. A record older than the queue's tail (out of order) goes to a small heap that
expiry drains alongside. ``bench/bench_limits.py`` measures all of it.

Time only moves forward in a ledger: records stamped after ``at`` are taken as made
already (a skewed clock never frees a slot early), and a question about a moment
earlier than one the ledger has already expired to is answered as of that later moment.
A :class:`~wamsg.limits.LimitBook` folded from events answers any moment exactly.

Ledgers kept apart (one per worker) merge into one (:meth:`LimitLedger.merge`): each
user at the later of their moments, the later expiry of the two.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable
from datetime import datetime, timezone
from heapq import heappop, heappush

from wamsg._internal.fields import MAX_JSON_INT
from wamsg._internal.json import require_aware
from wamsg.errors import ValidationError

__all__ = ["LimitLedger"]

_DAY = 86_400.0  # a moving 24-hour period [rule meta.limits.definition]
_NEVER = float("-inf")
_BATCH = 1_024
_NO_MOMENT = object()  # what the one-moment memo holds before the first question
_UTC = timezone.utc


def _seconds(at: object) -> float:
    """``at`` (an aware datetime) as epoch seconds; a :class:`ValidationError` otherwise."""
    return require_aware(at, "at").timestamp()


def _unhashable(user: object) -> ValidationError:
    """The error for a user that cannot be a dict key (a list, a dict, a tuple holding one)."""
    return ValidationError("must be hashable (a phone number, an id)", field="user", value=user)


def _limit(limit: object) -> int | None:
    if limit is None or (type(limit) is int and 0 <= limit <= MAX_JSON_INT):
        return limit
    raise ValidationError(
        "must be a non-negative integer, or None for unlimited", field="limit", value=limit
    )


class LimitLedger:
    """The users holding a slot of one messaging limit (one portfolio, or one number).

    ``conversations=True`` counts as in 2022-05-02 → 2025-10-06, when a slot was a
    business-initiated conversation lasting 24 h from its first delivered message: a
    user recorded again while their slot is held does not move it (feed records in
    time order then). Otherwise (from 2025-10-07) each record moves the user's slot to
    the later moment. Users are any hashable keys (a customer key, or a (number,
    customer) pair). ``limit`` arguments are an ``int`` or None (unlimited).
    """

    __slots__ = (
        "_at",
        "_conversations",
        "_head",
        "_late",
        "_late_count",
        "_latest",
        "_mark",
        "_seconds",
        "_since_expiry",
        "_tail",
        "_times",
        "_users",
    )

    def __init__(self, *, conversations: bool = False) -> None:
        if type(conversations) is not bool:
            raise ValidationError(
                "must be True or False", field="conversations", value=conversations
            )
        self._conversations = conversations
        self._latest: dict[Hashable, float] = {}
        self._times = array("d")
        self._users: list[Hashable] = []
        self._head = 0
        self._tail = _NEVER
        self._late: list[tuple[float, int, Hashable]] = []
        self._late_count = 0
        self._mark = _NEVER
        self._since_expiry = 0
        self._at: object = _NO_MOMENT
        self._seconds = 0.0

    def merge(self, other: LimitLedger) -> LimitLedger:
        """A new ledger of both ledgers' users, each at the later of their moments.

        Neither ledger changes. Counting moments (from 2025-10-07), the merge of
        ledgers fed any records equals one ledger fed them all: associative,
        commutative and idempotent, with ``LimitLedger()`` as identity. The later of
        the two moments each ledger has expired to holds for the merge (time only
        moves forward). Counting conversations (``conversations=True``) a user's
        slot depends on the order of their records, which two latest moments cannot
        restore: merge ledgers of disjoint users (partition the records by user);
        a user held in both at different moments is a :class:`ValidationError`, and
        so is a ledger of the other counting (``docs/merging.md``). It costs a sort
        of the users kept, whatever the number of records behind them.
        """
        if not isinstance(other, LimitLedger):
            raise ValidationError("must be a LimitLedger", field="other", value=other)
        conversations = self._conversations
        if other._conversations is not conversations:
            raise ValidationError(
                "counts the other way (conversations, or moments)",
                field="other",
                value="conversations" if other._conversations else "moments",
            )
        mark = max(self._mark, other._mark)
        latest = dict(self._latest)
        for user, moment in other._latest.items():
            present = latest.get(user)
            if present is None or moment > present:
                latest[user] = moment
            clash = present is not None and present != moment and min(present, moment) > mark
            if conversations and clash:
                raise ValidationError(
                    "holds a user counted in both ledgers at other moments: merge "
                    "ledgers counting conversations only for disjoint users",
                    field="other",
                )
        merged = LimitLedger(conversations=conversations)
        held = sorted(
            ((moment, user) for user, moment in latest.items() if moment > mark),
            key=lambda item: item[0],
        )
        merged._latest = {user: moment for moment, user in held}
        merged._times = array("d", (moment for moment, _ in held))
        merged._users = [user for _, user in held]
        merged._tail = held[-1][0] if held else _NEVER
        merged._mark = mark
        return merged

    def _moment(self, at: datetime) -> float:
        """Epoch seconds of ``at``; the last conversion is reused for the same object."""
        if at is self._at:
            return self._seconds
        seconds = at.timestamp() if type(at) is datetime and at.tzinfo is _UTC else _seconds(at)
        self._at, self._seconds = at, seconds
        return seconds

    def record(self, user: Hashable, at: datetime) -> None:
        """Count ``user`` at ``at`` (a template delivered outside a window, or a pending send).

        Recording a user again at the same or an earlier moment changes nothing.
        """
        if at is self._at:
            t = self._seconds
        else:  # inline: a method call here costs a tenth of the operation
            t = at.timestamp() if type(at) is datetime and at.tzinfo is _UTC else _seconds(at)
            self._at, self._seconds = at, t
        latest = self._latest
        try:
            old = latest.get(user)
        except TypeError:
            raise _unhashable(user) from None
        if old is not None and (old >= t or (self._conversations and old > t - _DAY)):
            return
        if t <= self._mark:
            return  # outside every window the ledger can still be asked about
        latest[user] = t
        if t >= self._tail:
            self._times.append(t)
            self._users.append(user)
            self._tail = t
        else:
            self._late_count += 1
            heappush(self._late, (t, self._late_count, user))
        self._since_expiry += 1
        if self._since_expiry >= _BATCH:
            self._expire(t - _DAY)

    def _expire(self, cutoff: float) -> None:
        """Drop every user whose latest counted moment is at or before ``cutoff``."""
        self._since_expiry = 0
        if cutoff <= self._mark:
            return
        self._mark = cutoff
        times, users, latest = self._times, self._users, self._latest
        head, size = self._head, len(times)
        while head < size and times[head] <= cutoff:
            user = users[head]
            if latest.get(user) == times[head]:
                del latest[user]
            head += 1
        if head > _BATCH and 2 * head > size:
            del times[:head]
            del users[:head]
            head = 0
        self._head = head
        if self._late and self._late[0][0] <= cutoff:
            self._expire_late(cutoff)

    def _expire_late(self, cutoff: float) -> None:
        late, latest = self._late, self._latest
        while late and late[0][0] <= cutoff:
            moment, _, user = heappop(late)
            if latest.get(user) == moment:
                del latest[user]

    def can_reach(self, user: Hashable, at: datetime, limit: int | None) -> bool:
        """Whether a send to ``user`` at ``at`` stays within ``limit``.

        True when the limit is None (unlimited), when the user already holds a slot
        (it costs nothing), or when fewer than ``limit`` users hold one.
        """
        if limit is None:
            return True
        if type(limit) is not int or not 0 <= limit <= MAX_JSON_INT:
            _limit(limit)
        if at is self._at:
            t = self._seconds
        else:
            t = at.timestamp() if type(at) is datetime and at.tzinfo is _UTC else _seconds(at)
            self._at, self._seconds = at, t
        cutoff = t - _DAY
        latest = self._latest
        try:
            old = latest.get(user)
        except TypeError:
            raise _unhashable(user) from None
        if old is not None and old > cutoff:
            return True
        if len(latest) < limit:
            return True  # the users held are at most len(latest)
        self._expire(cutoff)
        return len(latest) < limit

    def counted(self, user: Hashable, at: datetime) -> bool:
        """Whether ``user`` holds a slot at ``at``."""
        try:
            return self._latest.get(user, _NEVER) > self._moment(at) - _DAY
        except TypeError:
            raise _unhashable(user) from None

    def used(self, at: datetime) -> int:
        """How many users hold a slot at ``at``."""
        self._expire(self._moment(at) - _DAY)
        return len(self._latest)

    def remaining(self, at: datetime, limit: int | None) -> int | None:
        """How many more new users may be reached at ``at`` (None when unlimited)."""
        limit = _limit(limit)
        if limit is None:
            return None
        return max(0, limit - self.used(at))

    def next_slot_at(self, at: datetime, limit: int | None) -> datetime | None:
        """When a new user can next be reached, or None while there is room (or unlimited).

        It is 24 h after the moment of the user whose slot frees one place under
        ``limit``: the oldest held slot when the ledger is exactly full. None too when
        ``limit`` is 0 and no slot is held (nothing will ever free).
        """
        limit = _limit(limit)
        if limit is None:
            return None
        over = self.used(at) - limit
        moment = None if over < 0 else self._oldest_held(over + 1)
        return None if moment is None else datetime.fromtimestamp(moment + _DAY, _UTC)

    def _oldest_held(self, rank: int) -> float | None:
        """The ``rank``-th oldest moment among the slots held (None: fewer are held).

        With a limit of 0 and no slot held, no slot ever frees: there is none to ask for.
        """
        latest = self._latest
        found: list[float] = []
        times, users = self._times, self._users
        head = self._head
        while head < len(times) and latest.get(users[head]) != times[head]:
            head += 1  # an entry of a user counted again since: it will never expire anyone
        self._head = head
        for index in range(head, len(times)):
            if len(found) >= rank:
                break
            if latest.get(users[index]) == times[index]:
                found.append(times[index])
        found += [moment for moment, _, user in self._late if latest.get(user) == moment]
        found.sort()
        return found[rank - 1] if rank <= len(found) else None

    def __len__(self) -> int:
        """The users kept (those holding a slot, and any not yet expired)."""
        return len(self._latest)
