"""Score the store against a gold file (``crosscheck eval``).

Two gold formats: DESIGN.md's figure gold (recall, precision, grouping F1, verdicts) and the
incident gold of real news (which incident each report is about and its final counts:
coreference F1, killed and injured exact; see :mod:`crosscheck.evaluate_incidents`).
"""

from __future__ import annotations

from pathlib import Path

from crosscheck.evaluate import EvalReport, evaluate, read_gold_json, validate_gold
from crosscheck.evaluate_incidents import (
    IncidentReport,
    evaluate_incidents,
    is_incident_gold,
    validate_incident_gold,
)
from crosscheck.pipeline.claims import apply_claim_corrections
from crosscheck.store import Store


def evaluate_store(store: Store, gold_path: Path) -> EvalReport | IncidentReport:
    """Evaluate every stored claim and group against ``gold_path`` (either format)."""
    gold = read_gold_json(gold_path)
    claims = apply_claim_corrections(store.claims(), store.corrections(target_kind="claim"))
    claims = [c for c in claims if c.status != "rejected"]
    if is_incident_gold(gold):
        validate_incident_gold(gold, str(gold_path))
        return evaluate_incidents(gold, store.documents(), claims, store.groups())
    validate_gold(gold, str(gold_path))  # says what a figure gold needs
    return evaluate(gold, store.documents(), claims, store.groups())


__all__ = ["evaluate_store"]
