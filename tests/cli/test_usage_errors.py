"""Bad command-line input: exit code 2 and one line naming what was wrong.

argparse's own way (the usage, then the error, on several lines) is replaced in
the shared plumbing (``wamsg.cli._Parser``), so every command behaves the same.
"""

from __future__ import annotations

import io

import pytest

from wamsg.cli import Streams, main

AT = "2026-11-02T10:00:00Z"

# For each command: arguments that are complete (so only the change is wrong).
COMPLETE: dict[str, tuple[str, ...]] = {
    "demo": (),
    "window": ("--at", AT),
    "lint-template": ("-",),
    "bill": (),
    "price": ("--to", "+4915112345678", "--template", "marketing", "--at", AT),
    "parse": ("--provider", "meta"),
    "limits": ("--account", "a.json", "--at", AT),
}

# For each command: input with something required missing (or a value missing).
MISSING: dict[str, tuple[tuple[str, ...], str]] = {
    "demo": (("--json", "--events"), "--events: not allowed with --json"),
    "window": ((), "the following arguments are required: --at"),
    "lint-template": ((), "the following arguments are required: FILE.json"),
    "bill": (("--tz",), "--tz: expected one argument"),
    "price": (("--to", "+4915112345678", "--at", AT), "one of the arguments"),
    "parse": ((), "the following arguments are required: --provider"),
    "limits": (("--at", AT), "the following arguments are required: --account"),
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Streams(stdin=io.StringIO(""), stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def one_line(err: str) -> str:
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert "usage:" not in err
    return err.rstrip("\n")


@pytest.mark.parametrize("command", sorted(MISSING))
def test_missing_input_gives_one_line_and_exit_2(command: str) -> None:
    argv, expected = MISSING[command]
    code, out, err = run(command, *argv)
    assert (code, out) == (2, "")
    line = one_line(err)
    assert line.startswith(f"wamsg {command}: ")
    assert expected in line
    assert "argument --" not in line  # argparse's wording is tidied: "--tz: ..."


@pytest.mark.parametrize("command", sorted(COMPLETE))
def test_an_unknown_option_gives_one_line_and_exit_2(command: str) -> None:
    code, out, err = run(command, *COMPLETE[command], "--no-such-option")
    assert (code, out) == (2, "")
    assert one_line(err) == f"wamsg {command}: --no-such-option: unknown option"


@pytest.mark.parametrize("command", sorted(COMPLETE))
def test_an_unknown_option_before_the_required_ones_names_what_is_missing(command: str) -> None:
    code, _, err = run(command, "--no-such-option", *COMPLETE[command])
    assert code == 2
    assert one_line(err).startswith(f"wamsg {command}: ")


def test_the_reviewers_case_names_both_options() -> None:
    code, _, err = run("limits", "--account", "a.json", "--at", AT,
                       "--template", "utility", "--free-form")  # fmt: skip
    assert code == 2
    assert one_line(err) == "wamsg limits: --free-form: not allowed with --template"


def test_no_command_or_an_unknown_command_gives_one_line() -> None:
    code, _, err = run()
    assert code == 2
    assert one_line(err) == "wamsg: the following arguments are required: COMMAND"
    code, _, err = run("nosuch")
    assert code == 2
    assert one_line(err).startswith("wamsg: COMMAND: invalid choice: 'nosuch'")


@pytest.mark.parametrize("command", sorted(COMPLETE))
def test_help_still_prints_the_full_help_and_exits_0(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(command, "--help")
    assert (code, err) == (0, "")
    assert capsys.readouterr().out.startswith(f"usage: wamsg {command}")
