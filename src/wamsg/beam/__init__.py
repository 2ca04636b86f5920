"""wamsg's folds on Apache Beam (optional extra: ``pip install 'wamsg[beam]'``).

Composite transforms over a PCollection of canonical events (:class:`ParseEvents` reads
JSON lines or dicts), each equal to the single-process fold it distributes, built on the
folded states' own merges (:class:`FoldFn`, ``docs/merging.md``) and keyed by the core's
keys (:mod:`wamsg.beam.keys`): :class:`BillMonth` (``bill_events``), :class:`FoldWindows`
(``WindowBook``), :class:`FoldInbox` and :class:`SummarizeInbox` (``Inbox``),
:class:`CountLimits` (``LimitBook`` per portfolio) and :class:`ReconcilePricing`
(``reconcile``). See ``docs/beam.md``.
"""

from __future__ import annotations

from wamsg.beam.bill import BillMonth
from wamsg.beam.combine import FoldFn, Folding, StateCoder
from wamsg.beam.inbox import FoldInbox, SummarizeInbox
from wamsg.beam.keys import inbox_pair, pair_order, route_statuses, status_pair, window_pair
from wamsg.beam.limits import CountLimits
from wamsg.beam.parse import ParseEvents, event_of, numbered_lines
from wamsg.beam.reconcile import ReconcilePricing
from wamsg.beam.windows import FoldWindows

__all__ = [
    "BillMonth",
    "CountLimits",
    "FoldFn",
    "FoldInbox",
    "FoldWindows",
    "Folding",
    "ParseEvents",
    "ReconcilePricing",
    "StateCoder",
    "SummarizeInbox",
    "event_of",
    "inbox_pair",
    "numbered_lines",
    "pair_order",
    "route_statuses",
    "status_pair",
    "window_pair",
]
