"""Write a synthetic corpus to disk with its gold file, streaming in bounded memory.

Two layouts:

* ``txt`` (default): ``NAME.txt`` + ``NAME.meta.json`` per report, as an analyst's
  folder of reports looks;
* ``jsonl``: ``reports-NNNN.jsonl`` shards of :data:`SHARD_SIZE` reports, one JSON
  object per line with the text and its metadata. Creating two files per report is
  what limits the ``txt`` layout on most file systems; the shards write 100,000
  reports in seconds.

``expected.json`` follows the DESIGN.md gold format. Each gold document names its
``file`` (``NAME.txt``, or ``reports-0003.jsonl:17`` for line 17 of a shard, as the
JSONL reader names its documents) and also its ``url``, which is unique per report.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import IO, Literal

from crosscheck.errors import ConfigError
from crosscheck.synth.corpus import SynthCorpus, groups_of
from crosscheck.synth.gold import gold_document, gold_figures
from crosscheck.synth.render import SynthDoc

Layout = Literal["txt", "jsonl"]
LAYOUTS: tuple[Layout, ...] = ("txt", "jsonl")
SHARD_SIZE = 1000


class _Section:
    """One JSON object or array written element by element, commas in between."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.empty = True

    def add(self, item: str) -> None:
        self.fh.write("\n" + item if self.empty else ",\n" + item)
        self.empty = False


class _Shards:
    """Appends reports to ``reports-NNNN.jsonl`` files of ``size`` lines each."""

    def __init__(self, out: Path, size: int) -> None:
        self.out, self.size = out, size
        self.count = 0
        self.fh: IO[str] | None = None
        self.name = ""

    def add(self, doc: SynthDoc) -> str:
        """Write ``doc``; return the name the JSONL reader gives it (``file:line``)."""
        line = self.count % self.size + 1
        if line == 1:
            self.close()
            self.name = f"reports-{self.count // self.size:04d}.jsonl"
            self.fh = (self.out / self.name).open("w", encoding="utf-8")
        assert self.fh is not None
        record = {"id": doc.key, "text": doc.text, **doc.meta()}
        self.fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.count += 1
        return f"{self.name}:{line}"

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


def write_corpus(
    corpus: SynthCorpus,
    out_dir: Path | str,
    *,
    layout: Layout = "txt",
    shard_size: int = SHARD_SIZE,
) -> Path:
    """Write every report of ``corpus`` and ``expected.json`` to ``out_dir``; return the gold path.

    Figures and groups wait in temporary files until the documents are written, so
    memory stays flat however large the corpus.
    """
    if layout not in LAYOUTS:
        raise ConfigError(f"layout {layout!r}: choose one of {', '.join(LAYOUTS)}")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{out}: cannot create the output folder ({exc})") from exc
    expected = out / "expected.json"
    shards = _Shards(out, shard_size)
    with tempfile.TemporaryDirectory(prefix=".synth-", dir=out) as tmp:
        figures_path, groups_path = Path(tmp) / "figures", Path(tmp) / "groups"
        with (
            expected.open("w", encoding="utf-8") as gold,
            figures_path.open("w", encoding="utf-8") as figs,
            groups_path.open("w", encoding="utf-8") as grps,
        ):
            documents, figures, groups = _Section(gold), _Section(figs), _Section(grps)
            gold.write('{"documents": {')
            try:
                for inc, first in corpus.incidents():
                    for doc in corpus.render_incident(inc, first):
                        file = shards.add(doc) if layout == "jsonl" else _write_txt(out, doc)
                        entry = json.dumps(gold_document(doc, file), ensure_ascii=False)
                        documents.add(f"{json.dumps(doc.key)}: {entry}")
                        for fig in gold_figures(doc):
                            figures.add(json.dumps(fig, ensure_ascii=False))
                    for g in groups_of(inc, first):
                        groups.add(f"{json.dumps(g.name)}: {json.dumps([g.status])}")
            finally:
                shards.close()
        with expected.open("a", encoding="utf-8") as gold:
            gold.write('\n},\n"figures": [')
            _append(gold, figures_path)
            gold.write('\n],\n"groups": {')
            _append(gold, groups_path)
            gold.write("\n}}\n")
    return expected


def _write_txt(out: Path, doc: SynthDoc) -> str:
    (out / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
    meta = json.dumps(doc.meta(), ensure_ascii=False)
    (out / f"{doc.name}.meta.json").write_text(meta, encoding="utf-8")
    return doc.name + ".txt"


def _append(target: IO[str], path: Path) -> None:
    with path.open(encoding="utf-8") as src:
        shutil.copyfileobj(src, target)


__all__ = ["LAYOUTS", "Layout", "write_corpus"]
