"""What one change to the ledger changed, so each view updates only what it shows.

Every undoable command says what it did (streams added, edited or removed, by id and as
they are now; or only income, payouts or goals); the session passes it on, and the stream
log inserts, replaces or removes those rows instead of reading 100,000 streams again. A
change that cannot say exactly (an import, a restore, sample data) is :data:`EVERYTHING`.
Modelled on Anki's ``OpChanges``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from livetally.core.records import LoggedStream


@dataclass(frozen=True)
class LedgerChange:
    #: Streams that are new in the ledger, as stored.
    added: tuple[LoggedStream, ...] = ()
    #: Streams changed in place (same id), as they are now.
    edited: tuple[LoggedStream, ...] = ()
    #: Ids of streams no longer in the ledger.
    removed: tuple[int, ...] = ()
    #: Whether any stream changed at all (False: income, payouts or goals only).
    streams: bool = True
    #: Streams changed in ways not listed: a view reads them all again.
    whole: bool = False

    @classmethod
    def streams_added(cls, streams: Sequence[LoggedStream]) -> LedgerChange:
        return cls(added=tuple(streams))

    @classmethod
    def streams_edited(cls, streams: Sequence[LoggedStream]) -> LedgerChange:
        return cls(edited=tuple(streams))

    @classmethod
    def streams_removed(cls, stream_ids: Sequence[int]) -> LedgerChange:
        return cls(removed=tuple(stream_ids))


#: Anything may have changed: every view reads the ledger again.
EVERYTHING = LedgerChange(whole=True)
#: Income entries, payouts or goals changed; no stream did.
NO_STREAMS = LedgerChange(streams=False)
