"""Usage mistakes on the command line: one clear message and exit code 2, no traceback."""

from __future__ import annotations

import pytest

from crosscheck.cli.app import main


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["nosuchcommand"], "No such command 'nosuchcommand'"),
        (["ingest", "--nosuchflag", "x.txt"], "No such option: --nosuchflag"),
    ],
)
def test_a_usage_mistake_says_what_and_exits_2(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "--help" in err
