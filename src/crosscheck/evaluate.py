"""Score extraction, grouping and verdicts against a gold file (DESIGN.md format).

Pure functions over records: the caller loads documents, claims and groups (from the
store or straight from the extractor) and hands them over; nothing here touches the
store or the spaCy pipeline.

Matching rules:

* a gold document is the stored document whose path has the gold ``file`` name, else
  the one with the same (outlet, published, title);
* a claim matches a gold figure of its document when the measure agrees and (low, high)
  equals the figure's or one of its ``alt`` readings; a vague figure matches any vague
  claim of that measure whose span overlaps the figure's text. Claims whose sentence
  contains the first words of the gold text are preferred;
* recall counts required (non-optional) figures; precision counts every claim of a gold
  document, which is right when it matches a figure (optional ones included) or repeats
  one (same measure and values as a figure of the same document).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from crosscheck.errors import GoldError
from crosscheck.model import MEASURES, STATUSES, Claim, ClaimGroup, Document

_FIGURE_KEYS = {"id": str, "doc": str, "measure": str, "text": str}


def _check_number(path: str, fid: str, name: str, value: Any) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise GoldError(f"{path}: figure {fid!r} has {name}={value!r}; use a number or null")


def read_gold_json(path: str | Path) -> Any:
    """The parsed JSON of a gold file; raise :class:`GoldError` naming the problem."""
    where = str(path)
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(
            f"{where}: cannot read the gold file ({exc.strerror}); check the path"
        ) from exc
    except json.JSONDecodeError as exc:
        raise GoldError(f"{where}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and validate a gold file; raise :class:`GoldError` naming the problem."""
    data = read_gold_json(path)
    validate_gold(data, str(path))
    return data  # type: ignore[no-any-return]


def validate_gold(data: Any, where: str = "gold") -> None:
    """Check ``data`` follows the DESIGN.md gold format; raise :class:`GoldError` if not."""
    if not isinstance(data, dict):
        raise GoldError(f"{where}: expected a JSON object with 'documents' and 'figures'")
    docs = data.get("documents")
    figures = data.get("figures")
    if not isinstance(docs, dict):
        raise GoldError(f"{where}: 'documents' must be an object of doc key -> metadata")
    for key, meta in docs.items():
        if not isinstance(meta, dict) or not isinstance(meta.get("file"), str):
            raise GoldError(f"{where}: document {key!r} needs a 'file' name")
    if not isinstance(figures, list):
        raise GoldError(f"{where}: 'figures' must be a list")
    seen: set[str] = set()
    for n, fig in enumerate(figures):
        if not isinstance(fig, dict):
            raise GoldError(f"{where}: figure #{n} is not an object")
        for key, kind in _FIGURE_KEYS.items():
            if not isinstance(fig.get(key), kind):
                raise GoldError(f"{where}: figure #{n} ({fig.get('id')!r}) lacks a string {key!r}")
        fid = fig["id"]
        if fid in seen:
            raise GoldError(f"{where}: figure id {fid!r} appears twice; ids must be unique")
        seen.add(fid)
        if fig["doc"] not in docs:
            raise GoldError(f"{where}: figure {fid!r} names unknown document {fig['doc']!r}")
        if fig["measure"] not in MEASURES:
            raise GoldError(
                f"{where}: figure {fid!r} has measure {fig['measure']!r}; use one of "
                + ", ".join(MEASURES)
            )
        for name in ("low", "high"):
            _check_number(where, fid, name, fig.get(name))
        for flag in ("vague", "optional", "hard"):
            if not isinstance(fig.get(flag, False), bool):
                raise GoldError(f"{where}: figure {fid!r} has non-boolean {flag!r}")
        alt = fig.get("alt", [])
        if not isinstance(alt, list) or any(not isinstance(a, list) or len(a) != 2 for a in alt):
            raise GoldError(f"{where}: figure {fid!r} 'alt' must be a list of [low, high] pairs")
        for a in alt:
            _check_number(where, fid, "alt", a[0])
            _check_number(where, fid, "alt", a[1])
        if fig.get("group") is not None and not isinstance(fig["group"], str):
            raise GoldError(f"{where}: figure {fid!r} 'group' must be a string or null")
    groups = data.get("groups", {})
    if not isinstance(groups, dict):
        raise GoldError(f"{where}: 'groups' must be an object of group -> statuses or null")
    for name, statuses in groups.items():
        if statuses is None:
            continue
        if not isinstance(statuses, list) or any(s not in STATUSES for s in statuses):
            raise GoldError(
                f"{where}: group {name!r} must list statuses among " + ", ".join(STATUSES)
            )


@dataclass
class EvalReport:
    """Scores plus the evidence behind them (misses, noise, wrong verdicts)."""

    recall: float | None
    precision: float | None
    required: int
    found: int
    claims: int
    correct_claims: int
    grouping_f1: float | None = None
    verdict_accuracy: float | None = None
    unmatched_documents: list[str] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    noise: list[dict[str, Any]] = field(default_factory=list)
    wrong_verdicts: list[dict[str, Any]] = field(default_factory=list)
    matches: dict[str, str] = field(default_factory=dict)  # gold figure id -> claim id

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the scores plus misses, noise and wrong verdicts."""
        return asdict(self)


def _match_documents(gold: dict[str, Any], documents: list[Document]) -> dict[str, Document]:
    by_file = {os.path.basename(d.path): d for d in documents if d.path}
    by_meta = {(d.outlet, d.published, d.title): d for d in documents}
    out: dict[str, Document] = {}
    for key, meta in gold["documents"].items():
        doc = by_file.get(os.path.basename(meta["file"]))
        if doc is None:
            doc = by_meta.get((meta.get("outlet"), meta.get("published"), meta.get("title")))
        if doc is not None:
            out[key] = doc
    return out


def _values(fig: dict[str, Any]) -> list[tuple[Any, Any]]:
    return [(fig.get("low"), fig.get("high"))] + [(a[0], a[1]) for a in fig.get("alt", [])]


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


def _text_span(text: str, gold_text: str) -> tuple[int, int] | None:
    """Where the gold text (possibly with "..." gaps) sits in the document."""
    parts = [p.strip() for p in gold_text.replace("…", "...").split("...") if p.strip()]
    if not parts:
        return None
    low = text.lower()
    start = low.find(parts[0].lower())
    if start < 0:
        return None
    end = start + len(parts[0])
    if len(parts) > 1:
        last = low.find(parts[-1].lower(), end)
        if last >= 0 and last - end < 400:
            end = last + len(parts[-1])
    return start, end


def _fits(fig: dict[str, Any], claim: Claim, where: tuple[int, int] | None) -> bool:
    if claim.measure != fig["measure"]:
        return False
    if fig.get("vague"):
        if not claim.vague:
            return False
        return where is None or (claim.span[0] < where[1] and where[0] < claim.span[1])
    return any(_same(claim.low, lo) and _same(claim.high, hi) for lo, hi in _values(fig))


def _first_words(gold_text: str, n: int = 3) -> str:
    return " ".join(gold_text.replace("…", " ").replace("...", " ").split()[:n]).lower()


def _match_figures(
    figures: list[dict[str, Any]], claims: list[Claim], text: str
) -> dict[str, Claim]:
    """Gold figure id -> claim, each claim used once; required figures choose first."""
    used: set[str] = set()
    out: dict[str, Claim] = {}
    ordered = sorted(figures, key=lambda f: (bool(f.get("optional")), bool(f.get("vague"))))
    for fig in ordered:
        where = _text_span(text, fig["text"])
        cands = [c for c in claims if c.id not in used and _fits(fig, c, where)]
        if not cands:
            continue
        words = _first_words(fig["text"])

        def rank(c: Claim, words: str = words, where: tuple[int, int] | None = where) -> tuple:
            inside = where is not None and c.span[0] < where[1] and where[0] < c.span[1]
            return (not inside, words not in " ".join(c.sentence.lower().split()), c.span[0])

        best = min(cands, key=rank)
        used.add(best.id)
        out[fig["id"]] = best
    return out


def _f1(gold_pairs: set[tuple[str, str]], pred_pairs: set[tuple[str, str]]) -> float | None:
    if not gold_pairs and not pred_pairs:
        return None
    tp = len(gold_pairs & pred_pairs)
    if tp == 0:
        return 0.0
    p = tp / len(pred_pairs)
    r = tp / len(gold_pairs)
    return 2 * p * r / (p + r)


@dataclass
class _ClaimScore:
    """How the extracted claims fared against the gold figures of the matched documents."""

    matches: dict[str, Claim] = field(default_factory=dict)  # gold figure id -> claim
    noise: list[dict[str, Any]] = field(default_factory=list)  # claims no figure explains
    claims: int = 0
    correct: int = 0


def _score_claims(
    figures: list[dict[str, Any]], doc_map: dict[str, Document], claims: list[Claim]
) -> _ClaimScore:
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc_id, []).append(c)
    score = _ClaimScore()
    for key, doc in doc_map.items():
        figs = [f for f in figures if f["doc"] == key]
        doc_claims = sorted(by_doc.get(doc.id, []), key=lambda c: c.span)
        found = _match_figures(figs, doc_claims, doc.text)
        score.matches.update(found)
        matched_ids = {c.id for c in found.values()}
        for c in doc_claims:
            score.claims += 1
            # A figure repeated later in the report is right, though only one is matched.
            repeat = any(_fits(f, c, None) for f in figs)
            if c.id in matched_ids or repeat:
                score.correct += 1
            else:
                score.noise.append(
                    {
                        "doc": key,
                        "claim": c.id,
                        "measure": c.measure,
                        "low": c.low,
                        "high": c.high,
                        "text": doc.text[c.span[0] : c.span[1]],
                        "sentence": c.sentence,
                    }
                )
    return score


def _miss(f: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f["id"],
        "doc": f["doc"],
        "measure": f["measure"],
        "low": f.get("low"),
        "high": f.get("high"),
        "text": f["text"],
        "hard": bool(f.get("hard")),
    }


def evaluate(
    gold: dict[str, Any],
    documents: list[Document],
    claims: list[Claim],
    groups: list[ClaimGroup],
) -> EvalReport:
    """Score ``claims`` and ``groups`` against ``gold`` (see the module docstring)."""
    doc_map = _match_documents(gold, documents)
    figures: list[dict[str, Any]] = gold["figures"]
    score = _score_claims(figures, doc_map, claims)
    required = [f for f in figures if not f.get("optional") and f["doc"] in doc_map]
    misses = [_miss(f) for f in required if f["id"] not in score.matches]
    found_n = len(required) - len(misses)
    report = EvalReport(
        recall=found_n / len(required) if required else None,
        precision=score.correct / score.claims if score.claims else None,
        required=len(required),
        found=found_n,
        claims=score.claims,
        correct_claims=score.correct,
        unmatched_documents=sorted(set(gold["documents"]) - set(doc_map)),
        misses=misses,
        noise=score.noise,
        matches={fid: c.id for fid, c in score.matches.items()},
    )
    _score_groups(gold, figures, score.matches, groups, report)
    return report


def _score_groups(
    gold: dict[str, Any],
    figures: list[dict[str, Any]],
    matches: dict[str, Claim],
    groups: list[ClaimGroup],
    report: EvalReport,
) -> None:
    group_of: dict[str, ClaimGroup] = {}
    for g in groups:
        for cid in g.claims:
            group_of[cid] = g
    matched = [f for f in figures if f["id"] in matches]
    gold_pairs: set[tuple[str, str]] = set()
    pred_pairs: set[tuple[str, str]] = set()
    for a, b in combinations(matched, 2):
        pair = (a["id"], b["id"])
        if a.get("group") and a.get("group") == b.get("group"):
            gold_pairs.add(pair)
        ga = group_of.get(matches[a["id"]].id)
        gb = group_of.get(matches[b["id"]].id)
        if ga is not None and gb is not None and ga.id == gb.id:
            pred_pairs.add(pair)
    report.grouping_f1 = _f1(gold_pairs, pred_pairs)
    judged = {k: v for k, v in gold.get("groups", {}).items() if v is not None}
    right = 0
    for name, statuses in judged.items():
        members = [
            matches[f["id"]].id for f in figures if f.get("group") == name and f["id"] in matches
        ]
        counts: dict[str, int] = {}
        for cid in members:
            if cid in group_of:
                counts[group_of[cid].id] = counts.get(group_of[cid].id, 0) + 1
        predicted = None
        if counts:
            gid = max(counts, key=lambda k: counts[k])
            predicted = next(g for g in groups if g.id == gid).status
        if predicted in statuses:
            right += 1
        else:
            report.wrong_verdicts.append(
                {
                    "group": name,
                    "predicted": predicted,
                    "expected": list(statuses),
                    "claims": members,
                }
            )
    report.verdict_accuracy = right / len(judged) if judged else None


__all__ = ["EvalReport", "evaluate", "load_gold", "read_gold_json", "validate_gold"]
