"""What the SQL parts of the store call on :class:`~crosscheck.store.sql.SqlStore`.

The documents, extractions and picture of a SQL store are written by mixins in their own
modules; this class only declares the statement, batch and transaction calls they share,
which SqlStore provides. This module must not know about the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from crosscheck.store.paging import SqlPaging


class SqlPlumbing(SqlPaging):
    """Statement, batch and transaction calls, as the SQL mixins see them."""

    def _exec(self, query: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError  # provided by SqlStore

    def _many(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError  # provided by SqlStore

    def transaction(self, wait: float | None = None) -> AbstractContextManager[None]:
        raise NotImplementedError  # provided by SqlStore


__all__ = ["SqlPlumbing"]
