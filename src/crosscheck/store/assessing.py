"""The part of the store interface that keeps structured analysis (see ``crosscheck.assess``).

Analyst decisions (ACH questions, grades, watch rules) are an append-only log of
:class:`~crosscheck.assess.records.Action`; alerts are records of their own, keyed by an id
that hashes their rule and subject so that storing one twice keeps one. A few reads serve
the rules and the grading: which records new documents name, the claims' outlets.

None of these tables belongs to the picture: re-processing and rebuilds never touch them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from crosscheck.assess.grading import ClaimFacts, TrackRecord
from crosscheck.assess.records import Action, Alert
from crosscheck.model import Event, Statement


class AssessmentStore(ABC):
    """Structured-analysis records; :class:`crosscheck.store.Store` inherits this."""

    # -- the assessment log ------------------------------------------------------------------
    @abstractmethod
    def add_action(self, action: Action) -> Action:
        """Append one analyst action; returns it with its id and time."""

    @abstractmethod
    def actions(self, kind: str, target: str | None = None) -> list[Action]:
        """The actions of one kind (``ach``, ``grade``, ``rule``), oldest first."""

    @abstractmethod
    def action_targets(self, kind: str) -> list[str]:
        """The distinct targets with actions of ``kind``, sorted."""

    # -- alerts ------------------------------------------------------------------------------
    @abstractmethod
    def add_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        """Store the alerts not stored yet (by id); returns those that were new."""

    @abstractmethod
    def alerts_page(
        self, *, rule_id: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Alert]:
        """Alerts, newest first (then by id)."""

    @abstractmethod
    def count_alerts(self, *, rule_id: str | None = None) -> int: ...

    @abstractmethod
    def undelivered_alerts(self, rule_ids: Sequence[str], max_attempts: int) -> list[Alert]:
        """Alerts of these rules whose webhook delivery has not succeeded yet."""

    @abstractmethod
    def set_delivery(self, alert_id: str, delivery: str, attempts: int) -> None: ...

    @abstractmethod
    def rule_state(self, rule_id: str) -> dict[str, str]:
        """What a figure rule saw last: figure -> state."""

    @abstractmethod
    def save_rule_state(self, rule_id: str, state: dict[str, str]) -> None: ...

    # -- grading -----------------------------------------------------------------------------
    @abstractmethod
    def outlet_records(self) -> dict[str, TrackRecord]:
        """Each outlet's track record as last refreshed."""

    @abstractmethod
    def save_outlet_records(self, records: dict[str, TrackRecord]) -> None:
        """Replace the stored track records."""

    @abstractmethod
    def outlet_counts(self) -> dict[str, int]:
        """Documents per outlet (documents without an outlet are left out)."""

    @abstractmethod
    def claim_facts(self, claim_ids: Sequence[str] | None = None) -> dict[str, ClaimFacts]:
        """Outlet and interval per claim id (every claim when ``claim_ids`` is None)."""

    # -- reads for rules and warnings --------------------------------------------------------
    @abstractmethod
    def document_records(self, doc_ids: Sequence[str]) -> dict[str, set[str]]:
        """The entity and event ids each document names (through its resolved mentions)."""

    @abstractmethod
    def statements_with_stance(
        self, stance: str, doc_ids: Sequence[str] | None = None
    ) -> list[Statement]:
        """Statements of one stance (in these documents), in document order."""

    @abstractmethod
    def events_matching(self, words: Sequence[str]) -> list[Event]:
        """Events whose name or place holds every word (case-insensitive), without mentions."""


__all__ = ["AssessmentStore"]
