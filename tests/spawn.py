"""`hoctap-bot` processes for the tests, forked from a process that has imported the bot once.

`create_subprocess_exec` and `run` take the arguments of asyncio's and subprocess's functions.
A command line that starts with the installed console script (`.venv/bin/hoctap-bot`) gets a
process forked by tests/zygote.py: a real process of its own that runs `bot.cli.main` with the
given argv, environment, working directory and standard streams, answers signals and ends with
its exit status, without paying the 0.35-0.5 s of CPU of a start's imports (the suite starts
about a hundred). Any other command line is started with exec, as are all of them when
TEST_SPAWN=exec is set (to compare, or when a fork-server is suspected). The console script's
own start (its shebang, imports, a first migration) keeps tests that exec it: test_settings,
test_secrets, test_ops, tests/content/test_loader and test_cli's closed-pipe test.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent / "hoctap-bot"
ZYGOTE = Path(__file__).with_name("zygote.py")

PIPE, DEVNULL, STDOUT = subprocess.PIPE, subprocess.DEVNULL, subprocess.STDOUT

# CPU seconds used by the processes forked for this process, added as each ends (they are the
# fork-server's children, so RUSAGE_CHILDREN does not count them): bench/suite_cpu reads it.
forked_cpu = 0.0


SHARED = "TEST_ZYGOTE"  # the socket of the run's fork-server, for the xdist workers


class _Zygote:
    """The fork-server: the run's (started by the xdist controller, `start_shared`), or this
    process's own, started at its first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self.path = ""

    def address(self) -> str:
        shared = os.environ.get(SHARED, "")
        if shared and os.path.exists(shared):
            return shared
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                folder = tempfile.mkdtemp(prefix="hoctap-zygote-")
                self.path = os.path.join(folder, "socket")
                env = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
                self._proc = subprocess.Popen(
                    [sys.executable, str(ZYGOTE), self.path], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, env=env, cwd=folder)
                assert self._proc.stdout is not None
                ready = self._proc.stdout.readline()
                if ready != b"ready\n":
                    raise RuntimeError(f"the fork-server did not start: {ready!r}")
                atexit.register(self.close)
            return self.path

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()  # it kills what it forked and ends
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(timeout=10)
        if self._proc is not None and self._proc.stdout is not None:
            self._proc.stdout.close()
        if self.path:
            shutil.rmtree(os.path.dirname(self.path), ignore_errors=True)


_ZYGOTE = _Zygote()


def start_shared() -> None:
    """Start the fork-server now and let the processes started later (xdist workers) use it:
    one preload of the bot (about 1 s of CPU) for the run instead of one per worker."""
    os.environ[SHARED] = _ZYGOTE.address()


def stop_shared() -> None:
    os.environ.pop(SHARED, None)
    _ZYGOTE.close()


def forks(argv: Sequence[str | os.PathLike[str]]) -> bool:
    return (os.environ.get("TEST_SPAWN") != "exec" and bool(argv)
            and Path(os.fspath(argv[0])) == BIN)


def _fd(spec: Any, std: int) -> tuple[int, int | None, bool]:
    """(fd for the child, our end of a pipe or None, whether to close the child's fd here)."""
    if spec == PIPE:
        r, w = os.pipe()
        return (r, w, True) if std == 0 else (w, r, True)
    if spec == DEVNULL:
        return os.open(os.devnull, os.O_RDWR), None, True
    if spec is None:
        return std, None, False
    if isinstance(spec, int):
        return spec, None, False
    return spec.fileno(), None, False


def _start(argv: Sequence[str | os.PathLike[str]], env: Mapping[str, str] | None,
           cwd: str | os.PathLike[str] | None, fds: list[int]) -> tuple[socket.socket, int]:
    header = json.dumps({
        "argv": [os.fspath(a) for a in argv],
        "env": dict(os.environ if env is None else env),
        "cwd": os.fspath(cwd) if cwd is not None else os.getcwd(),
    }).encode()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(_ZYGOTE.address())
    message = len(header).to_bytes(4, "big") + header
    sent = socket.send_fds(sock, [message], fds)
    sock.sendall(message[sent:])
    pid = b""
    while not pid.endswith(b"\n"):
        got = sock.recv(1)
        if not got:
            raise RuntimeError("the fork-server closed the connection")
        pid += got
    return sock, int(pid)


# --- asyncio.create_subprocess_exec ---------------------------------------------------------

class Process:
    """What asyncio.subprocess.Process offers, for a forked `hoctap-bot`."""

    def __init__(self, pid: int, control: tuple[asyncio.StreamReader, asyncio.StreamWriter],
                 stdin: asyncio.StreamWriter | None, stdout: asyncio.StreamReader | None,
                 stderr: asyncio.StreamReader | None) -> None:
        self.pid = pid
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.returncode: int | None = None
        # The fork-server's connection says the exit status; kept open until then (a dropped
        # StreamWriter closes its transport).
        self._control = control
        self._ended = asyncio.ensure_future(self._watch())

    async def _watch(self) -> int:
        status, control = self._control
        global forked_cpu
        line = (await status.readline()).split()
        control.close()
        # No status: the fork-server itself was killed, and its children with it.
        self.returncode = int(line[0]) if line else -signal.SIGKILL
        if len(line) > 1:
            forked_cpu += float(line[1])
        return self.returncode

    async def wait(self) -> int:
        return await asyncio.shield(self._ended)

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    async def communicate(self, input: bytes | None = None) -> tuple[bytes | None, bytes | None]:
        if self.stdin is not None:
            if input:
                self.stdin.write(input)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    await self.stdin.drain()
            self.stdin.close()

        async def read(stream: asyncio.StreamReader | None) -> bytes | None:
            return None if stream is None else await stream.read()

        out, err = await asyncio.gather(read(self.stdout), read(self.stderr))
        await self.wait()
        return out, err


async def create_subprocess_exec(
    program: str | os.PathLike[str], *args: str | os.PathLike[str], stdin: Any = None,
    stdout: Any = None, stderr: Any = None, cwd: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None, **kwargs: Any,
) -> Any:
    if not forks([program]) or kwargs:
        return await asyncio.create_subprocess_exec(
            program, *args, stdin=stdin, stdout=stdout, stderr=stderr, cwd=cwd, env=env,
            **kwargs)
    loop = asyncio.get_running_loop()
    ends = [_fd(stdin, 0), _fd(stdout, 1)]
    if stderr == STDOUT:
        ends.append((ends[1][0], None, False))
    else:
        ends.append(_fd(stderr, 2))
    try:
        sock, pid = await asyncio.to_thread(_start, [program, *args], env, cwd,
                                            [fd for fd, _, _ in ends])
    finally:
        for fd, _, close in ends:
            if close:
                os.close(fd)
    status, control = await asyncio.open_unix_connection(sock=sock)

    async def reader(fd: int | None) -> asyncio.StreamReader | None:
        if fd is None:
            return None
        stream = asyncio.StreamReader(limit=2**16, loop=loop)
        await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(stream, loop=loop), os.fdopen(fd, "rb", 0))
        return stream

    writer: asyncio.StreamWriter | None = None
    if ends[0][1] is not None:
        transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.streams.FlowControlMixin(loop=loop), os.fdopen(ends[0][1], "wb", 0))
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
    return Process(pid, (status, control), writer, await reader(ends[1][1]),
                   await reader(ends[2][1]))


# --- subprocess.run ---------------------------------------------------------------------------

def run(args: Sequence[str | os.PathLike[str]], *, input: str | bytes | None = None,
        capture_output: bool = False, text: bool = False, timeout: float | None = None,
        check: bool = False, cwd: str | os.PathLike[str] | None = None,
        env: Mapping[str, str] | None = None, stdin: Any = None, stdout: Any = None,
        stderr: Any = None, **kwargs: Any) -> subprocess.CompletedProcess[Any]:
    if not forks(args) or kwargs:
        return subprocess.run(args, input=input, capture_output=capture_output, text=text,
                              timeout=timeout, check=check, cwd=cwd, env=env, stdin=stdin,
                              stdout=stdout, stderr=stderr, **kwargs)
    if capture_output:
        stdout = stderr = PIPE
    if input is not None:
        stdin = PIPE
    data = input.encode() if isinstance(input, str) else input
    argv = [os.fspath(a) for a in args]

    async def go() -> tuple[int, bytes | None, bytes | None]:
        proc = await create_subprocess_exec(*args, stdin=stdin, stdout=stdout, stderr=stderr,
                                            cwd=cwd, env=env)
        try:
            out, err = await asyncio.wait_for(proc.communicate(data), timeout)
        except TimeoutError:
            proc.kill()
            await proc.wait()
            raise subprocess.TimeoutExpired(argv, timeout or 0) from None
        return await proc.wait(), out, err

    # A thread of its own, with its own event loop: callers may be inside a running loop.
    with ThreadPoolExecutor(1) as pool:
        code, out, err = pool.submit(asyncio.run, go()).result()

    def decode(b: bytes | None) -> Any:
        if b is None or not text:
            return b
        return b.decode().replace("\r\n", "\n").replace("\r", "\n")  # universal newlines

    done = subprocess.CompletedProcess(argv, code, decode(out), decode(err))
    if check:
        done.check_returncode()
    return done


__all__ = ["BIN", "DEVNULL", "PIPE", "STDOUT", "Process", "create_subprocess_exec", "forks",
           "run"]
