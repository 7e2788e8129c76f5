"""Reconcile holds no state at module level: everything it keeps, a Reconciler holds.

Scans every module of ``crosscheck.reconcile`` for what would hide state: mutable containers
bound at module level, ``global`` statements, and memo decorators on functions that take
arguments (a cache on a function without arguments only loads constant data once).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import crosscheck.reconcile

ROOT = Path(crosscheck.reconcile.__file__).parent
MODULES = sorted(ROOT.rglob("*.py"))
_MUTABLE_CALLS = {
    "dict",
    "list",
    "set",
    "defaultdict",
    "OrderedDict",
    "Counter",
    "deque",
    "WeakKeyDictionary",
    "WeakValueDictionary",
    "Lock",
    "RLock",
}
_MEMOS = {"cache", "lru_cache", "cached_property"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _problems(tree: ast.Module) -> list[str]:
    found = []
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if value is None or any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            continue
        if isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp):
            found.append(f"line {node.lineno}: a mutable container at module level")
        elif isinstance(value, ast.Call) and _name(value) in _MUTABLE_CALLS:
            found.append(f"line {node.lineno}: {_name(value)}() at module level")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"line {node.lineno}: global {', '.join(node.names)}")
        if isinstance(node, ast.FunctionDef) and node.args.args:
            memo = [d for d in node.decorator_list if _name(d) in _MEMOS]
            if memo:
                found.append(f"line {node.lineno}: {node.name}() remembers its answers")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_reconcile_module_keeps_no_state(path: Path) -> None:
    assert _problems(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_scan_finds_what_it_looks_for() -> None:
    sample = ast.parse(
        "import functools\n_MEMO = {}\nSEEN = set()\n"
        "@functools.lru_cache\ndef f(x):\n    global _MEMO\n    return x\n"
        "@functools.cache\ndef data():\n    return 1\n"
    )
    problems = _problems(sample)
    assert len(problems) == 4
    assert not any("data()" in p for p in problems)
