"""The command line behaves as a Unix filter, whatever the locale and the reader.

These run ``python -m wamsg`` in a child process, because what is checked is the
process's own standard streams: the locale's encoding, a closed pipe, a full disk.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wamsg import __version__
from wamsg.cli import Streams, main


def wamsg(*argv: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the command line in a child process; its exit code and standard error."""
    done = subprocess.run(
        [sys.executable, "-m", "wamsg", *argv],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return done.returncode, done.stderr.decode("utf-8", "replace")


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Streams(stdin=io.StringIO(stdin), stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def test_bytes_that_are_not_utf8_get_a_one_line_message_under_a_strict_locale() -> None:
    code, err = wamsg("bill", stdin=b"\xff\n", env={"PYTHONIOENCODING": "utf-8:strict"})
    assert code == 2
    assert err == "wamsg: line 1: stdin: not UTF-8 (byte 1 of the line)\n"


def test_utf8_input_is_read_as_utf8_under_a_latin1_locale() -> None:
    event = (
        '{"type": "message.received", "provider": "meta", "id": "m1",'
        ' "business": "+15550783881", "customer": {"phone": "+16505551234",'
        ' "user_id": null, "name": "Jyrki Hyvärinen"}, "occurred_at": "2026-11-02T02:00:00Z",'
        ' "content": {"kind": "text", "body": "Hyvää päivää"}}\n'
    )
    code, err = wamsg(
        "window", "--at", "2026-11-02T03:00:00Z", stdin=event.encode("utf-8"),
        env={"PYTHONIOENCODING": "latin-1:strict", "LC_ALL": "C"},
    )  # fmt: skip
    assert (code, err) == (0, "")


def test_a_closed_pipe_ends_quietly() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "wamsg", "demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()  # what ``| head -1`` does after its line
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait() == 0
    assert first.startswith(b"wamsg demo")
    assert b"Traceback" not in err
    assert err == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_write_error_gives_one_line_and_exit_2() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "wamsg", "demo"], stdout=full, stderr=subprocess.PIPE
        )
    assert done.returncode == 2
    assert done.stderr == b"wamsg: cannot write the output: No space left on device\n"


def test_version() -> None:
    code, err = wamsg("--version")
    assert (code, err) == (0, "")
    done = subprocess.run([sys.executable, "-m", "wamsg", "--version"], capture_output=True)
    assert done.stdout.decode() == f"wamsg {__version__}\n"


def test_help_texts_are_plain_text() -> None:
    for command in ("window", "parse"):
        code, out, _ = run(command, "--help")
        assert code == 0
        assert "``" not in out
        assert ":class:" not in out


def test_a_naive_time_is_echoed_as_the_user_wrote_it() -> None:
    code, _, err = run("price", "--to", "+4915112345678", "--template", "marketing",
                       "--at", "2026-11-02T10:00:00")  # fmt: skip
    assert code == 2
    assert "'2026-11-02T10:00:00'" in err
    assert "datetime.datetime" not in err


def test_price_refuses_an_unknown_category_and_names_the_allowed_ones() -> None:
    code, _, err = run("price", "--to", "+4915112345678", "--template", "promo",
                       "--at", "2026-11-02T10:00:00Z")  # fmt: skip
    assert code == 2
    assert "--template: unknown template category; one of authentication," in err


def test_price_refuses_a_currency_without_a_rate_card() -> None:
    code, _, err = run("price", "--to", "+4915112345678", "--template", "marketing",
                       "--at", "2026-11-02T10:00:00Z", "--currency", "XXX")  # fmt: skip
    assert code == 2
    assert "--currency: no rate card in this currency; one of INR, USD" in err


@pytest.mark.parametrize("option", ["--secret", "--signature"])
def test_parse_refuses_a_secret_or_signature_without_verify(option: str) -> None:
    code, out, err = run("parse", "--provider", "meta", option, "x", stdin="{}")
    assert (code, out) == (2, "")
    assert "only used with --verify" in err


def test_closed_standard_streams_give_no_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wamsg", "bill", "--month", "2026-11"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0
    closed_in = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(0); sys.stdin = None; "
         "from wamsg.cli import main; sys.exit(main(['bill', '--month', '2026-11']))"],
        capture_output=True, check=False,
    )  # fmt: skip
    assert closed_in.returncode == 0
    assert b"Traceback" not in closed_in.stderr
    closed_out = subprocess.run(
        [sys.executable, "-c", "import sys; sys.stdout = None; "
         "from wamsg.cli import main; sys.exit(main(['demo']))"],
        capture_output=True, check=False,
    )  # fmt: skip
    assert closed_out.returncode == 2
    assert closed_out.stderr == b"wamsg: cannot write the output: standard output is closed\n"


def test_lint_template_reads_utf8_whatever_the_locale_and_refuses_loose_json() -> None:
    template = (
        '{"name": "t", "language": "fi", "category": "utility", "components": ['
        '{"type": "BODY", "text": "Hyvää päivää"}, {"type": "BUTTONS", "buttons": ['
        '{"type": "QUICK_REPLY", "text": "' + "ä" * 20 + '"}]}]}'
    )
    code, err = wamsg(
        "lint-template", "-", stdin=template.encode("utf-8"), env={"PYTHONIOENCODING": "latin-1"}
    )
    assert (code, err) == (0, "")
    code, err = wamsg("lint-template", "-", stdin=b'{"name": NaN}')
    assert code == 2
    assert "NaN is not a JSON number" in err
    code, err = wamsg("lint-template", "-", stdin=b"[" * 100_000)
    assert code == 2
    assert "Traceback" not in err
