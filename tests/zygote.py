"""A process that has imported the bot once and forks a `hoctap-bot` process for each request.

Started by tests/spawn.py, one per xdist worker: `python tests/zygote.py SOCKET`. A `hoctap-bot`
process started with exec spends 0.35-0.5 s of CPU importing SQLAlchemy, aiohttp,
python-telegram-bot and our packages before its first line of work, and the suite starts about a
hundred of them. Here the imports happen once; each request forks a child that becomes the
command: its own pid, standard streams, working directory, environment and argv, exit status and
signals, as the console script would have. Nothing is started before a fork (no thread, no event
loop, no connection), so a child owns all it uses.

Protocol (one Unix-socket connection per process): the client sends a 4-byte big-endian length
and a JSON header {"argv": [...], "env": {...}, "cwd": "..."} with three file descriptors
(stdin, stdout, stderr) attached to the first bytes; the zygote answers "PID\\n", and
"EXITCODE CPU\\n" when the child has ended (EXITCODE negative: killed by that signal, as
subprocess says; CPU: the seconds of CPU the child used, user + system).
The zygote ends, killing its children, when its standard input closes (its worker is gone).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import io
import json
import os
import selectors
import signal
import socket
import sys
import traceback

# What a command imports on its way (eagerly or in the function that needs it): imported here
# once, so a child only runs its command.
PRELOAD = (
    "bot.cli", "bot.app", "bot.runner", "bot.service", "bot.settings", "bot.db.engine",
    "bot.db.models", "bot.channels.telegram", "bot.channels.zalo", "bot.channels.zalobot",
    "bot.channels.console", "bot.web", "bot.report", "alembic.command", "alembic.config",
    "alembic.runtime.migration", "alembic.script", "aiosqlite", "asyncpg",
    "sqlalchemy.dialects.sqlite.aiosqlite", "sqlalchemy.dialects.postgresql.asyncpg",
    "openpyxl", "telegram.ext", "aiohttp.web", "httpx",
)


def preload() -> None:
    for name in PRELOAD:
        with contextlib.suppress(ImportError):  # the child imports what it needs
            importlib.import_module(name)


def _recv_request(conn: socket.socket) -> tuple[dict[str, object], list[int]]:
    data, fds, _flags, _addr = socket.recv_fds(conn, 65536, 3)
    while len(data) < 4 or len(data) < 4 + int.from_bytes(data[:4], "big"):
        more = conn.recv(65536)
        if not more:
            raise EOFError("the request ended early")
        data += more
    size = int.from_bytes(data[:4], "big")
    return json.loads(data[4:4 + size]), list(fds)


def _std_streams(env: dict[str, str]) -> None:
    """New sys.stdin/stdout/stderr on fds 0-2, as the interpreter makes them at its start: the
    encoding and error handlers the zygote's interpreter chose for the same locale (for the C
    locale, UTF-8 with surrogateescape), PYTHONIOENCODING and PYTHONUNBUFFERED of the request."""
    unbuffered = bool(env.get("PYTHONUNBUFFERED"))
    name, _, errs = env.get("PYTHONIOENCODING", "").partition(":")

    def text(fd: int, mode: str, model: object) -> io.TextIOWrapper:
        tty = os.isatty(fd)
        raw = io.FileIO(fd, mode, closefd=False)
        buffered: io.BufferedReader | io.BufferedWriter
        if mode == "r":
            buffered = io.BufferedReader(raw)
        else:
            buffered = io.BufferedWriter(raw, 1 if unbuffered else io.DEFAULT_BUFFER_SIZE)
        errors = getattr(model, "errors", "strict")
        if errs and fd != 2:
            errors = errs
        return io.TextIOWrapper(buffered, encoding=name or getattr(model, "encoding", "utf-8"),
                                errors=errors, line_buffering=(mode == "w" and tty),
                                write_through=(mode == "w" and unbuffered))

    sys.stdin = text(0, "r", sys.__stdin__)
    sys.stdout = text(1, "w", sys.__stdout__)
    sys.stderr = text(2, "w", sys.__stderr__)


def _become(request: dict[str, object], fds: list[int]) -> int:
    """In the child: take the request's streams, directory, environment and argv; run main."""
    signal.set_wakeup_fd(-1)
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in set(fds):
        if fd > 2:
            os.close(fd)
    env = {str(k): str(v) for k, v in dict(request["env"]).items()}  # type: ignore[call-overload]
    os.environ.clear()
    os.environ.update(env)
    os.chdir(str(request["cwd"]))
    sys.argv = [str(a) for a in request["argv"]]  # type: ignore[attr-defined]
    sys.path.insert(0, os.path.dirname(sys.argv[0]))  # as for the console script
    _std_streams(env)
    from bot.cli import main

    code: object
    try:
        code = main()
    except SystemExit as stop:
        code = stop.code
    except KeyboardInterrupt:
        traceback.print_exc()
        code = 130
    except BaseException:  # the interpreter prints an uncaught exception and exits with 1
        traceback.print_exc()
        code = 1
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    try:
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # the interpreter exits with 120 when it cannot flush
                status = 120
    return status & 0xFF


def serve(path: str) -> None:
    preload()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(128)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    selector = selectors.DefaultSelector()
    selector.register(server, selectors.EVENT_READ)
    selector.register(wake_r, selectors.EVENT_READ)
    selector.register(sys.stdin.fileno(), selectors.EVENT_READ)
    children: dict[int, socket.socket] = {}
    ended: dict[int, str] = {}  # reaped before its pid was registered

    def report(pid: int, code: str) -> None:
        conn = children.pop(pid, None)
        if conn is None:
            ended[pid] = code
            return
        with contextlib.suppress(OSError):  # the client went away: nothing to tell
            conn.sendall(f"{code}\n".encode())
        conn.close()

    def reap() -> None:
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            cpu = usage.ru_utime + usage.ru_stime
            report(pid, f"{os.waitstatus_to_exitcode(status)} {cpu:.4f}")

    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        for key, _ in selector.select():
            if key.fileobj is server:
                conn, _ = server.accept()
                try:
                    request, fds = _recv_request(conn)
                except (OSError, EOFError, ValueError):
                    conn.close()
                    continue
                pid = os.fork()
                if pid == 0:
                    selector.close()
                    server.close()
                    conn.close()
                    for sock in children.values():
                        sock.close()
                    os.close(wake_r)
                    os.close(wake_w)
                    os._exit(_become(request, fds))
                for fd in fds:
                    os.close(fd)
                children[pid] = conn
                conn.sendall(f"{pid}\n".encode())
                if pid in ended:
                    report(pid, ended.pop(pid))
            elif key.fileobj == wake_r:
                os.read(wake_r, 4096)
                reap()
            else:  # the worker closed our stdin: it is gone, and so are we
                if not os.read(sys.stdin.fileno(), 4096):
                    for pid in list(children):
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(pid, signal.SIGKILL)
                    os._exit(0)


if __name__ == "__main__":
    # Started as a script, sys.path[0] is tests/, whose packages (tests/content ...) would
    # shadow ours; a console script has its own directory there instead (set per child).
    del sys.path[0]
    serve(sys.argv[1])
