"""Ingest is deterministic: the same files in any order and batching give the same export."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from crosscheck.config import Settings, load_settings
from crosscheck.export.jsonl import dump_lines
from crosscheck.export.selection import select
from crosscheck.pipeline.ingest import ingest_paths
from crosscheck.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _corpus(root: Path) -> list[Path]:
    """The sample reports plus a copy of each with one line changed: the copies share the
    originals' sidecars (same URL, same date), so each pair is two versions of one source."""
    root.mkdir()
    reports: list[Path] = []
    for src in sorted(EXAMPLES.iterdir()):
        if src.name == "gold.json" or src.name.endswith(".meta.json"):
            continue
        shutil.copy(src, root / src.name)
        text = src.read_text(encoding="utf-8")
        extra = "Officials gave no further details that evening."
        if src.suffix == ".html":
            # A paragraph in the middle: the first and last ones may be page furniture.
            ends = [i for i in range(len(text)) if text.startswith("</p>", i)]
            at = ends[len(ends) // 2]
            text = f"{text[:at]} {extra}{text[at:]}"
        else:
            lines = text.splitlines()
            lines.insert(min(3, len(lines)), extra)
            text = "\n".join(lines) + "\n"
        copy = root / f"copy_{src.name}"
        copy.write_text(text, encoding="utf-8")
        sidecar = src.with_name(src.name.rsplit(".", 1)[0] + ".meta.json")
        if sidecar.exists():
            shutil.copy(sidecar, root / sidecar.name)
            shutil.copy(sidecar, root / f"copy_{sidecar.name}")
        reports += [root / src.name, copy]
    return reports


def _stage(reports: list[Path], folder: Path) -> None:
    folder.mkdir()
    for report in reports:
        shutil.copy(report, folder / report.name)
        sidecar = report.with_name(report.name.rsplit(".", 1)[0] + ".meta.json")
        if sidecar.exists():
            shutil.copy(sidecar, folder / sidecar.name)


def _export(settings: Settings) -> list[str]:
    """The JSONL export without what only says when and from which folder it was run."""
    store = open_store(settings.db)
    try:
        lines: list[dict[str, Any]] = list(dump_lines(select(store)))
    finally:
        store.close()
    for line in lines:
        doc = line.get("document")
        if doc:
            doc.pop("ingested_at", None)
            # The name is shown relative to the folder named to ingest (its last part too).
            for key in ("path", "name"):
                doc[key] = Path(doc[key]).name if doc.get(key) else None
    return sorted(json.dumps(line, sort_keys=True) for line in lines)


def _run(tmp_path: Path, name: str, batches: list[list[Path]]) -> list[str]:
    settings = load_settings({"db": str(tmp_path / f"{name}.db")}, environ={})
    store = open_store(settings.db)
    try:
        for number, batch in enumerate(batches):
            folder = tmp_path / f"{name}-{number}"
            _stage(batch, folder)
            assert ingest_paths(store, [str(folder)], settings).ok
    finally:
        store.close()
    return _export(settings)


def test_any_order_and_batching_give_the_same_export(tmp_path: Path) -> None:
    reports = _corpus(tmp_path / "corpus")
    whole = _run(tmp_path, "whole", [reports])
    shuffled = list(reports)
    random.Random(7).shuffle(shuffled)
    thirds = [shuffled[i::3] for i in range(3)]
    assert _run(tmp_path, "batched", thirds) == whole
    reverse = [[r] for r in reversed(reports[:8])] + [reports[8:]]
    assert _run(tmp_path, "one-by-one", reverse) == whole
    # The pairs that share a URL are versions of one source: one of each pair is current.
    docs = {d["id"]: d for d in (json.loads(line).get("document") for line in whole) if d}
    links = [(d["path"], docs[d["supersedes"]]["path"]) for d in docs.values() if d["supersedes"]]
    assert len(links) >= len(reports) // 2 - 2
    assert all(a.removeprefix("copy_") == b.removeprefix("copy_") for a, b in links)
