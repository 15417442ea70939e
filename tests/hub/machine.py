"""What make test-hub changes on the machine, and how it puts every change back, whatever happens.

A real hub tells its learners apart by their system user, and so does nbgrader's exchange (its submit names the
student after ``pwd.getpwuid(os.getuid())``, and collect checks that the submission's files are owned by that user).
So the run creates three learners and an instructor as system users, with their homes in one temporary folder.
It needs root (CI runs as root). Everything it creates is named here and removed in ``Machine.close``:

- the users and their groups (``useradd`` / ``userdel``), after ending their processes by pid;
- the temporary folder with the homes, the exchange, the hub's state and the origin of the course;
- the lock file that keeps two runs apart;
- the modes of the folders on the way to the project and to its Python, if a learner could not reach them (``o+x``,
  enter but not list, is added to each folder that lacks it, and its old mode put back). The project's .venv links
  to an interpreter that may sit in root's home (pyenv's /root/.pyenv, mode 0700): a learner's server could not
  start without it.

A run that was killed before it could clean up leaves a record (``machine.json`` in the temporary folder); the next
run finds its folder by the prefix and undoes it first, then also removes any user with the run's prefix.
"""

import fcntl
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path

PREFIX = "agl-hub-"
LEARNERS = [f"{PREFIX}learner{n}" for n in (1, 2, 3)]
INSTRUCTOR = f"{PREFIX}instructor"
USERS = LEARNERS + [INSTRUCTOR]
LOCK = Path(tempfile.gettempdir()) / "autograd-lessons-test-hub.lock"
FOLDER_PREFIX = "autograd-lessons-hub-"  # the run's temporary folder, in the system's temporary folder


def uid_processes(uid):
    """The pids of every process owned by a user id (read from /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                real = next(line for line in (entry / "status").read_text().splitlines() if line.startswith("Uid:"))
            except (OSError, StopIteration):
                continue
            if int(real.split()[1]) == uid:
                pids.append(int(entry.name))
    return pids


def end_processes(pids, grace=10):
    """SIGTERM each pid, wait up to `grace` seconds, then SIGKILL the ones still there."""
    for pid in pids:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.2)
    for pid in pids:
        if _alive(pid):
            _signal(pid, signal.SIGKILL)


def _signal(pid, sig):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def remove_user(name):
    """End a user's processes, then remove the user, its group and its home (which lies in a temporary folder)."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    end_processes(uid_processes(uid))
    subprocess.run(["userdel", "--force", "--remove", name], capture_output=True, timeout=60)
    subprocess.run(["groupdel", name], capture_output=True, timeout=60)  # if userdel left it


def unreachable_folders(path):
    """The folders from / down to path that others cannot enter (no o+x): a learner could not reach path."""
    path = Path(path).resolve()
    return [folder for folder in [*reversed(path.parents), path] if not os.stat(folder).st_mode & stat.S_IXOTH]


class Machine:
    """The run's users, folder and lock; close() undoes all of it (also a killed run's, at the next start).

    reached: the paths every learner must be able to reach (the project, the real path of its Python).
    """

    def __init__(self, *reached):
        if os.geteuid() != 0:
            raise PermissionError("make test-hub creates system users for the learners (as a hub does): run it as root")
        self.lock = open(LOCK, "w")
        fcntl.flock(self.lock, fcntl.LOCK_EX)  # a second run waits here rather than removing this one's users
        undo_leftovers()
        self.folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
        self.folder.chmod(0o755)  # the learners' homes are inside
        self.modes = {str(f): stat.S_IMODE(os.stat(f).st_mode) for path in reached for f in unreachable_folders(path)}
        self._record()
        for folder, mode in self.modes.items():
            os.chmod(folder, mode | stat.S_IXOTH)
        (self.folder / "homes").mkdir(mode=0o755)
        for name in USERS:
            subprocess.run(["useradd", "--create-home", "--home-dir", str(self.folder / "homes" / name),
                            "--shell", "/bin/bash", "--user-group", name], check=True, capture_output=True, timeout=60)

    def _record(self):
        (self.folder / "machine.json").write_text(json.dumps({"modes": self.modes, "users": USERS}))

    def home(self, name):
        """A user's home folder."""
        return Path(pwd.getpwnam(name).pw_dir)

    def close(self):
        """Remove the users, put the folders' modes back, delete the temporary folder, release the lock."""
        try:
            undo(self.folder)
        finally:
            fcntl.flock(self.lock, fcntl.LOCK_UN)
            self.lock.close()
            LOCK.unlink(missing_ok=True)


def undo(folder):
    """Undo what one run recorded in folder/machine.json, and remove the folder."""
    try:
        record = json.loads((Path(folder) / "machine.json").read_text())
    except (OSError, ValueError):
        record = {"modes": {}, "users": USERS}
    for name in record["users"]:
        remove_user(name)
    for path, mode in record["modes"].items():
        if os.path.exists(path):
            os.chmod(path, mode)
    shutil.rmtree(folder, ignore_errors=True)


def undo_leftovers():
    """Undo the runs that were killed before they could clean up, and any user left with the run's prefix."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*"):
        undo(folder)
    for entry in pwd.getpwall():
        if entry.pw_name.startswith(PREFIX):
            remove_user(entry.pw_name)
