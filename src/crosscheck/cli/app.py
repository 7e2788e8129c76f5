"""The ``crosscheck`` command: global options and error handling.

Commands live in the modules imported at the bottom, each a thin face over
one library function in :mod:`crosscheck.pipeline` (or below). User errors
print one line and exit non-zero, never a traceback.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from crosscheck.config import Settings, load_settings
from crosscheck.errors import CrosscheckError
from crosscheck.store import Store, open_store

app = typer.Typer(
    name="crosscheck",
    help="Turn open-source reports about security events into a sourced, cross-checked picture.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclass
class State:
    """Per-invocation settings and a lazily opened store."""

    overrides: dict[str, Any] = field(default_factory=dict)
    config_file: Path | None = None
    _settings: Settings | None = None
    _store: Store | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.overrides, config_file=self.config_file)
        return self._settings

    @property
    def store(self) -> Store:
        if self._store is None:
            from crosscheck.pipeline.picture import configure

            self._store = open_store(self.settings.db)
            configure(self._store, self.settings)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


STATE = State()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Store: a SQLite file or postgresql:// URL [env CROSSCHECK_DB]"),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="spaCy pipeline for English [env CROSSCHECK_SPACY_MODEL]"),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Settings file (TOML) [env CROSSCHECK_CONFIG]")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details")] = False,
) -> None:
    """Global options apply to every command."""
    STATE.overrides = {"db": db, "spacy_model": model}
    STATE.config_file = config
    STATE._settings = None
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(message)s")
    # A saved picture state that cannot be used makes the command rebuild the picture, which
    # takes far longer than usual: say so on one line (on stderr) instead of a silent wait.
    logging.getLogger("crosscheck.pipeline.saved").setLevel(
        logging.INFO if verbose else logging.WARNING
    )


def _exit_now() -> None:
    """End a finished command-line process without tearing its objects down one by one.

    After ``crosscheck ingest`` the process holds the picture's Reconciler, about a million
    objects; freeing them at exit takes a quarter of a second at 10,000 reports, for
    nothing. Everything that matters is done by now (the store is closed, its writes
    committed), so output and logs are flushed and the process ends. Only when no other
    non-daemon thread is running, whose end the interpreter would otherwise wait for.
    """
    if any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.main_thread()
    ):
        return
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


#: The module that registers each command. A command line imports only its command's module,
#: so ``crosscheck ingest`` loads neither the web server nor the exporters nor ACH; anything
#: else (``--help``, an unknown name) imports them all, in this order.
COMMAND_MODULES: dict[str, str] = {
    "ach": "ach",
    **dict.fromkeys(
        ("info", "ingest", "reprocess", "docs", "show", "search", "stats"), "documents"
    ),
    **dict.fromkeys(("claims", "entities", "events", "statements", "eval"), "extraction"),
    **dict.fromkeys(("export", "import"), "interop"),
    **dict.fromkeys(
        (
            "groups",
            "conflicts",
            "event",
            "entity",
            "merge",
            "split",
            "correct",
            "audit",
            "brief",
        ),
        "picture",
    ),
    "serve": "serve",
    "synth": "synth",
    "watch": "watch",
    **dict.fromkeys(("alerts", "warnings", "grades", "grade", "rules"), "watching"),
}
_ALL_MODULES = tuple(dict.fromkeys(COMMAND_MODULES.values()))
#: Global options that take a value (the word after them is not the command).
_VALUED_OPTIONS = frozenset({"--db", "--model", "--config"})


def _command_name(argv: Sequence[str]) -> str | None:
    """The command word of a command line, or None when help or no command comes first."""
    words = iter(argv)
    for word in words:
        if word in _VALUED_OPTIONS:
            next(words, None)
        elif word == "--help" or not word.startswith("-"):
            return None if word == "--help" else word
    return None


def load_commands(argv: Sequence[str] | None = None) -> None:
    """Register the commands ``argv`` needs on :data:`app` (all of them when ``argv`` is None)."""
    name = _command_name(argv) if argv is not None else None
    module = COMMAND_MODULES.get(name) if name is not None else None
    modules = (module,) if module is not None else _ALL_MODULES
    for module in modules:
        importlib.import_module(f"crosscheck.cli.{module}")


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (``argv`` None: the process's own arguments)."""
    load_commands(sys.argv[1:] if argv is None else argv)
    try:
        # Without standalone mode click returns typer.Exit codes instead of exiting.
        code = app(args=argv, standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
        if argv is None:
            # Closed but still referenced: dropping the store would free its Reconciler.
            if STATE._store is not None:
                STATE._store.close()
            _exit_now()
    except CrosscheckError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted: whole documents already stored are kept", err=True)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # click usage errors carry their own exit codes
        import click

        # Typer raises usage errors ("No such command") from its own copy of click.
        usage = isinstance(exc, click.ClickException | typer.TyperException)
        if usage and hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    finally:
        STATE.close()


__all__ = ["STATE", "app", "load_commands", "main"]
