"""``crosscheck synth``: write a synthetic corpus with known groups and verdicts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crosscheck.cli.app import app
from crosscheck.cli.output import clean, console
from crosscheck.synth import generate, write_corpus


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the reports into")],
    docs: Annotated[int, typer.Option("--docs", help="How many reports")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same corpus)")] = 0,
    layout: Annotated[str, typer.Option(help="txt (a file per report) or jsonl")] = "txt",
) -> None:
    """Write synthetic reports (our own templates) plus expected.json for `crosscheck eval`."""
    if layout not in ("txt", "jsonl"):
        raise typer.BadParameter("--layout is txt or jsonl")
    write_corpus(generate(docs, seed=seed), out, layout=layout)  # type: ignore[arg-type]
    console(stderr=True).print(f"wrote {docs} reports to {clean(str(out))}", markup=False)
