"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, listening only
on a unix socket in it (no port to collide with), trust authentication, stopped and removed
at the end.

initdb and the server refuse to run as root, so as root they run as the ``postgres`` user
(which Debian's package creates), else ``nobody``, through ``runuser``; as anyone else, as
themselves.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

USER = "saraban"  # the superuser initdb creates
PORT = 5432  # names the socket file only: nothing listens on TCP


class ServerUnavailable(Exception):
    """No PostgreSQL server could be started here; the message says why."""


@dataclass
class Server:
    folder: Path
    bindir: Path
    run_as: list[str]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@/{database}?host={self.folder}&port={PORT}"

    def stop(self) -> None:
        subprocess.run([*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                        "-w", "stop"], capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def server_binaries() -> Path:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/N/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent  # Debian links only some of them onto PATH
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if not found:
        raise ServerUnavailable("PostgreSQL's server (initdb, pg_ctl) is not installed: apt-get install postgresql")
    return Path(found[-1]).parent


def unprivileged_user() -> list[str]:
    """The command prefix that runs the server's programs as a user they accept."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"]
    raise ServerUnavailable("running as root, and there is no postgres or nobody user to run PostgreSQL as")


def start() -> Server:
    bindir = server_binaries()
    run_as = unprivileged_user()
    # Under /tmp, not pytest's folder: the server's user must reach it, and a unix socket's
    # path must be short (about 100 bytes).
    folder = Path(tempfile.mkdtemp(prefix="saraban-pg-"))
    if run_as:
        user = pwd.getpwnam(run_as[2])
        os.chown(folder, user.pw_uid, user.pw_gid)
    server = Server(folder, bindir, run_as)
    try:
        _run(run_as, bindir / "initdb", "-D", folder / "data", "-U", USER, "--auth=trust", "-E", "UTF8",
             "--locale=C", "--no-sync")
        # fsync off: a test database need not survive a power cut.
        _run(run_as, bindir / "pg_ctl", "-D", folder / "data", "-l", folder / "server.log", "-w", "-t", "60",
             "-o", f"-k {folder} -c listen_addresses= -p {PORT} -F", "start")
    except ServerUnavailable as error:
        log = folder / "server.log"
        tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
        server.stop()
        raise ServerUnavailable(" ".join([str(error), *tail])) from None
    return server


def _run(run_as: list[str], *command: object) -> None:
    try:
        done = subprocess.run([*run_as, *map(str, command)], capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ServerUnavailable(f"{Path(str(command[0])).name} failed: {error}") from None
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[-400:]
        raise ServerUnavailable(f"{Path(str(command[0])).name} failed (exit {done.returncode}): {said}")
