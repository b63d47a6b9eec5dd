"""The fork-server (tests/spawn.py, tests/zygote.py) gives what exec gives: the same output,
exit status, signals and streams, for the commands the suite runs through it."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests import spawn
from tests.conftest import new_sqlite_schema


@pytest.fixture(autouse=True)
def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests compare the fork with exec: they fork even under TEST_SPAWN=exec."""
    monkeypatch.delenv("TEST_SPAWN", raising=False)


def _both(tmp_path: Path, *args: str, stdin: str | bytes = ""
          ) -> tuple[subprocess.CompletedProcess[bytes], subprocess.CompletedProcess[bytes]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    env["HOCTAP_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"
    data = stdin.encode() if isinstance(stdin, str) else stdin
    forked = spawn.run([str(spawn.BIN), *args], input=data, capture_output=True, cwd=tmp_path,
                       env=env, timeout=60)
    executed = subprocess.run([str(spawn.BIN), *args], input=data, capture_output=True,
                              cwd=tmp_path, env=env, timeout=60, check=False)
    return forked, executed


def test_a_forked_command_prints_and_exits_as_an_executed_one(tmp_path: Path) -> None:
    asyncio.run(new_sqlite_schema(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"))
    assert spawn.forks([spawn.BIN, "chat"]) and not spawn.forks(["bash", "-c", "true"])
    for args, stdin in ((("bogus",), ""), (("announce", "list"), ""),
                        (("chat", "--now", "2020-10-01T07:30", "--user", "u1"),
                         "/start\nlich hom nay\n\xff bytes\n".encode("utf-8", "replace")
                         + b"\xff\xfe\n")):
        forked, executed = _both(tmp_path, *args, stdin=stdin)
        assert (forked.returncode, forked.stdout, forked.stderr) == (
            executed.returncode, executed.stdout, executed.stderr), args
    usage, _ = _both(tmp_path, "bogus")
    assert usage.returncode == 2 and "hoctap-bot: lỗi:" in usage.stderr.decode()


async def test_signals_reach_the_forked_process(tmp_path: Path) -> None:
    """SIGTERM ends `chat` as it ends any command; SIGKILL gives -9, as asyncio reports."""
    await new_sqlite_schema(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    results = []
    for sig in (signal.SIGTERM, signal.SIGKILL):
        codes = []
        for start in (spawn.create_subprocess_exec, asyncio.create_subprocess_exec):
            proc = await start(str(spawn.BIN), "chat", cwd=tmp_path, env=env,
                               stdin=spawn.PIPE, stdout=spawn.PIPE, stderr=spawn.DEVNULL)
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(b"/start\n")
            await proc.stdin.drain()
            assert await asyncio.wait_for(proc.stdout.readline(), 30)
            proc.send_signal(sig)
            codes.append(await asyncio.wait_for(proc.wait(), 30))
            assert proc.returncode == codes[-1]
        results.append(codes)
    assert results[1] == [-signal.SIGKILL, -signal.SIGKILL]
    assert results[0][0] == results[0][1]


@pytest.mark.parametrize("stderr", [spawn.PIPE, spawn.STDOUT])
async def test_streams_as_asked(tmp_path: Path, stderr: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    proc = await spawn.create_subprocess_exec(str(spawn.BIN), "bogus", cwd=tmp_path, env=env,
                                              stdout=spawn.PIPE, stderr=stderr)
    out, err = await proc.communicate()
    assert proc.returncode == 2
    assert out is not None
    if stderr == spawn.STDOUT:
        assert err is None and b"hoctap-bot: l" in out
    else:
        assert err is not None and b"hoctap-bot: l" in err and out == b""
