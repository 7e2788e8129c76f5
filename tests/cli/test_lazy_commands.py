"""A command line imports only its own command's module: `crosscheck ingest` starts without
the web server, the exporters, the ACH workbench or the distributed scheduler."""

from __future__ import annotations

import subprocess
import sys

from crosscheck.cli.app import COMMAND_MODULES, _command_name

# What ingest never needs: the faces and formats of other commands.
_NOT_FOR_INGEST = ("fastapi", "stix2", "pymisp", "dask", "jinja2", "playwright", "crosscheck.web")

_PROBE = """
import sys
from crosscheck.cli.app import load_commands
load_commands(sys.argv[1:])
print(" ".join(sorted(sys.modules)))
"""


def _loaded(*argv: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_ingest_loads_no_module_of_other_commands() -> None:
    loaded = _loaded("--db", "x.db", "ingest", "one.txt")
    assert "crosscheck.cli.documents" in loaded
    assert "crosscheck.cli.interop" not in loaded and "crosscheck.cli.serve" not in loaded
    heavy = sorted(m for m in loaded if m.startswith(_NOT_FOR_INGEST))
    assert not heavy, heavy


def test_ingest_starts_without_the_ach_scorer() -> None:
    """The store needs assess's records, not its numpy-backed scorer."""
    loaded = _loaded("--db", "x.db", "ingest", "one.txt")
    assert "crosscheck.assess" in loaded
    assert "crosscheck.assess.ach" not in loaded and "numpy" not in loaded


def test_the_scorer_is_still_reachable_from_the_package() -> None:
    from crosscheck.assess import Scores, score
    from crosscheck.assess.ach import Scores as Direct
    from crosscheck.assess.ach import score as direct

    assert Scores is Direct and score is direct


def test_help_and_unknown_words_load_every_command() -> None:
    loaded = _loaded("--help")
    assert {f"crosscheck.cli.{m}" for m in set(COMMAND_MODULES.values())} <= loaded


def test_the_command_word_is_found_after_global_options() -> None:
    assert _command_name(["--db", "ingest", "-v", "groups"]) == "groups"
    assert _command_name(["--verbose", "ingest", "a.txt"]) == "ingest"
    assert _command_name(["--help", "ingest"]) is None
    assert _command_name([]) is None


def test_every_registered_command_is_in_the_table() -> None:
    """A new command must be listed in COMMAND_MODULES, or `crosscheck NEW` would not find it."""
    import typer

    from crosscheck.cli.app import app, load_commands

    load_commands()
    names = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert names == set(COMMAND_MODULES)


def test_ingest_prints_its_lines_without_rich() -> None:
    """A one-report ingest prints a line or two: the table library is for listings (and
    the progress bar for a terminal)."""
    loaded = _loaded("--db", "x.db", "ingest", "one.txt")
    assert not sorted(m for m in loaded if m == "rich" or m.startswith("rich."))


def test_the_update_follow_up_loads_no_feed_or_web_client() -> None:
    """Every picture update runs the follow-up; only a feed or a webhook needs these."""
    probe = "import sys, crosscheck.pipeline.followup; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "feedgen" not in loaded and "urllib.request" not in loaded
