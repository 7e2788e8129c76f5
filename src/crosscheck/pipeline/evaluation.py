"""Score the store against a gold file (``crosscheck eval``)."""

from __future__ import annotations

from pathlib import Path

from crosscheck.evaluate import EvalReport, evaluate, load_gold
from crosscheck.pipeline.claims import apply_claim_corrections
from crosscheck.store import Store


def evaluate_store(store: Store, gold_path: Path) -> EvalReport:
    """Evaluate every stored claim and group against ``gold_path``."""
    gold = load_gold(gold_path)
    claims = apply_claim_corrections(store.claims(), store.corrections(target_kind="claim"))
    claims = [c for c in claims if c.status != "rejected"]
    return evaluate(gold, store.documents(), claims, store.groups())


__all__ = ["evaluate_store"]
