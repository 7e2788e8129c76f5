"""Gold scoring on small synthetic gold files, claims and groups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosscheck.errors import GoldError
from crosscheck.evaluate import evaluate, load_gold, validate_gold
from crosscheck.model import Claim, ClaimGroup, Document, Estimate, Subject

TEXT_A = "Officials said at least 40 people died and dozens were hurt. Police held 6 men."
TEXT_B = "The toll rose to 52 on Sunday. About 70% of residents are farmers."


def _figure(fid: str, doc: str, measure: str, low: Any, high: Any, text: str, **kw: Any) -> dict:
    fig = {
        "id": fid,
        "doc": doc,
        "measure": measure,
        "low": low,
        "high": high,
        "text": text,
        "vague": False,
        "optional": False,
        "hard": False,
        "alt": [],
        "group": None,
    }
    fig.update(kw)
    return fig


def _gold() -> dict[str, Any]:
    return {
        "documents": {
            "a": {"file": "a.txt", "outlet": "Wire", "published": "2024-01-01", "title": "A"},
            "b": {"file": "b.txt", "outlet": "Daily", "published": "2024-01-03", "title": "B"},
        },
        "figures": [
            _figure("a-killed", "a", "killed", 40, None, "at least 40 people died", group="k"),
            _figure("a-injured", "a", "injured", None, None, "dozens were hurt", vague=True),
            _figure("a-arrested", "a", "arrested", 6, 6, "held 6 men", optional=True),
            _figure("b-killed", "b", "killed", 52, 52, "rose to 52", group="k"),
            _figure("b-share", "b", "percent", 70, 70, "About 70% of residents", alt=[[60, 80]]),
        ],
        "groups": {"k": ["evolving"]},
    }


def _docs() -> list[Document]:
    return [
        Document(id="d-a", content_hash="1", text=TEXT_A, path="/corpus/a.txt"),
        Document(
            id="d-b",
            content_hash="2",
            text=TEXT_B,
            outlet="Daily",
            published="2024-01-03",
            title="B",
        ),
    ]


def _claim(doc: Document, phrase: str, measure: str, low: Any, high: Any, **kw: Any) -> Claim:
    start = doc.text.index(phrase)
    sentence = next(s for s in doc.text.split(". ") if phrase in s)
    return Claim(
        doc_id=doc.id,
        measure=measure,
        low=low,
        high=high,
        span=(start, start + len(phrase)),
        sentence=sentence,
        label="x",
        **kw,
    )


def _group(gid: str, claims: list[Claim], status: str) -> ClaimGroup:
    return ClaimGroup(
        id=gid,
        subject=Subject("event", None, None),
        measure=claims[0].measure,
        label="x",
        status=status,
        claims=[c.id for c in claims],
        sources=1,
        estimate=Estimate(None, None, None),
    )


def test_evaluate_perfect_extraction_scores_one() -> None:
    a, b = _docs()
    claims = [
        _claim(a, "at least 40", "killed", 40, None),
        _claim(a, "dozens", "injured", 24, 99, vague=True),
        _claim(a, "6", "arrested", 6, 6),
        _claim(b, "52", "killed", 52, 52),
        _claim(b, "About 70%", "percent", 70, 70),
    ]
    groups = [_group("g1", [claims[0], claims[3]], "evolving")]
    report = evaluate(_gold(), [a, b], claims, groups)
    assert (report.recall, report.precision) == (1.0, 1.0)
    assert report.required == 4
    assert report.grouping_f1 == 1.0
    assert report.verdict_accuracy == 1.0
    assert report.misses == [] and report.noise == []
    assert report.to_dict()["matches"]["b-killed"] == claims[3].id


def test_evaluate_counts_misses_noise_and_repeats() -> None:
    a, b = _docs()
    claims = [
        _claim(a, "at least 40", "killed", 40, 40),  # wrong interval: noise and a miss
        _claim(a, "dozens", "injured", 24, 99, vague=True),
        _claim(b, "52", "killed", 52, 52),
        _claim(b, "Sunday", "killed", 52, 52),  # repeats a gold figure: not noise
        _claim(b, "About 70%", "percent", 60, 80),  # an alt reading
    ]
    report = evaluate(_gold(), [a, b], claims, [])
    assert report.recall == 3 / 4
    assert report.precision == 4 / 5
    assert [m["id"] for m in report.misses] == ["a-killed"]
    assert [n["text"] for n in report.noise] == ["at least 40"]
    assert "people died" in report.noise[0]["sentence"]


def test_evaluate_vague_figure_needs_overlap() -> None:
    a, b = _docs()
    elsewhere = _claim(a, "Police", "injured", 24, 99, vague=True)
    report = evaluate(_gold(), [a, b], [elsewhere], [])
    assert "a-injured" in [m["id"] for m in report.misses]


def test_evaluate_wrong_verdict_and_split_group() -> None:
    a, b = _docs()
    ka = _claim(a, "at least 40", "killed", 40, None)
    kb = _claim(b, "52", "killed", 52, 52)
    groups = [_group("g1", [ka], "conflict"), _group("g2", [kb], "single")]
    report = evaluate(_gold(), [a, b], [ka, kb], groups)
    assert report.grouping_f1 == 0.0
    assert report.verdict_accuracy == 0.0
    wrong = report.wrong_verdicts[0]
    assert wrong["group"] == "k" and wrong["expected"] == ["evolving"]
    assert wrong["predicted"] in ("conflict", "single")


def test_evaluate_reports_unmatched_documents() -> None:
    a, _ = _docs()
    report = evaluate(_gold(), [a], [], [])
    assert report.unmatched_documents == ["b"]
    assert report.required == 2
    assert report.recall == 0.0
    assert report.precision is None


def test_load_gold_reads_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(_gold()), encoding="utf-8")
    assert load_gold(path)["groups"] == {"k": ["evolving"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.pop("figures"), "'figures' must be a list"),
        (lambda g: g["figures"][0].update(measure="dead"), "measure 'dead'"),
        (lambda g: g["figures"][0].update(doc="zz"), "unknown document 'zz'"),
        (lambda g: g["figures"][0].update(low="forty"), "low='forty'"),
        (lambda g: g["figures"][1].update(id="a-killed"), "appears twice"),
        (lambda g: g["figures"][0].update(alt=[[1]]), "'alt' must be a list"),
        (lambda g: g["groups"].update(k=["unclear"]), "group 'k' must list statuses"),
        (lambda g: g["documents"]["a"].pop("file"), "needs a 'file'"),
    ],
)
def test_validate_gold_names_the_problem(change: Any, message: str) -> None:
    gold = _gold()
    change(gold)
    with pytest.raises(GoldError, match=message):
        validate_gold(gold, "g.json")


def test_load_gold_bad_json_names_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match=r"broken\.json: not valid JSON"):
        load_gold(path)


def test_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="cannot read"):
        load_gold(tmp_path / "absent.json")
