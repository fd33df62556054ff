#!/usr/bin/env python3
"""Set up the course and run it: `python3 course.py help` lists the commands.

Setting up makes a virtual environment in .venv/ and installs into it the exact
versions pinned in requirements.txt, the learner set (`present` adds the
live-slide extension of requirements-present.txt, so learners who never present
never download it; `test` adds both it and the test tools of requirements-test.txt).
That needs the internet once; afterwards everything runs offline. When a pinned
file changes, the next command updates .venv/; if the package index cannot be
reached then, the command goes on with the environment it has and says what is
out of date. course_utils is not installed: a one-line file
in .venv/ (course.pth) puts this folder on the path of its Python, so nothing has
to be built or downloaded for it. A .venv/ whose Python no longer runs is rebuilt.

Stopping this script (Ctrl-C, `kill`, closing its terminal) stops what it started.
Only the Python standard library is used here, so this runs on a fresh machine.
"""

import errno
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "course-setup.json"
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
# The test command of the README: unit tests, browser tests and every notebook under nbval.
TEST_COMMAND = ["-m", "pytest", "--nbval", "-n", "2", "--dist", "loadfile"]
TESTED_PYTHONS = ((3, 10), (3, 13))  # the oldest and the newest Python the course is tested on
# What each set-up installs (pinned files). Live slides (jupyterlab-slideshow) come the first time
# an instructor presents; the test set has them too, because the browser tests present notebooks.
PINS = {
    "learner": ["requirements.txt"],
    "present": ["requirements.txt", "requirements-present.txt"],
    "test": ["requirements.txt", "requirements-present.txt", "requirements-test.txt"],
}
POSIX = os.name == "posix"

# Each command: who it is for and what it does. A learner copy has only the learners' commands.
COMMANDS = {
    "lab": ("learners", "set up (the first time) and open JupyterLab at notebook 00"),
    "setup": ("learners", "set up or update the environment in .venv/ only (needs the internet)"),
    "test": ("instructors", "add the test tools and run every test, every notebook included"),
    "learner": ("instructors", "write learner copies, without solutions, into learner_copies/"),
    "site": ("instructors", "render the course as an offline website into site/"),
    "present": ("instructors", "show a notebook as live slides: present 04 (installs once)"),
    "execute": ("maintainers", "re-execute notebooks and store their outputs"),
    "figures": ("maintainers", "redraw every picture in images/"),
}
GROUPS = {
    "learners": "For learners",
    "instructors": "For instructors (see INSTRUCTORS.md)",
    "maintainers": "For maintainers",
}


class Failure(Exception):
    """A step failed; the message says what happened and what to do, in one line."""


class Stopped(Exception):
    """This script was asked to stop: Ctrl-C, `kill`, or its terminal was closed."""


def say(text, stream=None):
    """Print one line; a closed terminal (after SIGHUP) is no reason to fail."""
    try:
        print(text, file=stream or sys.stdout, flush=True)
    except (OSError, ValueError):
        pass


def is_learner_copy():
    """A learner copy (course.py learner) has the notebooks but not the maintainers' tooling."""
    return not (ROOT / "course_tools").is_dir()


def available_commands():
    if is_learner_copy():
        return [name for name, (group, _) in COMMANDS.items() if group == "learners"]
    return list(COMMANDS)


def usage():
    lines = ["Usage: python3 course.py COMMAND [words passed on to the tool it runs]"]
    for group, title in GROUPS.items():
        names = [name for name in available_commands() if COMMANDS[name][0] == group]
        if names:
            lines += ["", f"{title}:"]
            lines += [f"  python3 course.py {name:8} {COMMANDS[name][1]}" for name in names]
    lines += [
        "",
        "Examples: python3 course.py lab --port 8899",
        '          python3 course.py test -m "not browser"',
    ]
    if is_learner_copy():
        lines += ["", "This is a learner copy of the course: README.md says how to start."]
    return "\n".join(lines)


# --- running a step, and stopping it when this script is stopped ---------------------------


def on_signal(signum, frame):
    raise Stopped(signum)


def stop_on_signals():
    """Turn Ctrl-C (SIGINT), `kill` (SIGTERM) and a closed terminal (SIGHUP) into Stopped.
    A signal ignored on purpose (`nohup python3 course.py lab`) stays ignored."""
    for name in ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]:
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) != signal.SIG_IGN:
            signal.signal(getattr(signal, name), on_signal)


def signal_step(child, signum):
    """Send `signum` to a step and to every process it started (its process group)."""
    try:
        if POSIX:
            os.killpg(child.pid, signum)
        elif signum == signal.SIGTERM:
            child.terminate()
        else:
            child.kill()
    except (ProcessLookupError, PermissionError):
        pass  # it has ended already


def stop_step(child):
    """Stop a running step: SIGTERM first (JupyterLab then shuts its kernels down), and
    SIGKILL if it is still running after 30 s or this script is stopped once more."""
    if child.poll() is not None:
        return
    signal_step(child, signal.SIGTERM)
    try:
        child.wait(timeout=30)
    except (subprocess.TimeoutExpired, Stopped, KeyboardInterrupt):
        signal_step(child, getattr(signal, "SIGKILL", signal.SIGTERM))
        child.wait()


def run(command, keep_output=False):
    """Run one step in the course folder, its output shown as it comes.

    Returns (exit code, output); the output is kept only with keep_output. The step runs in
    a process group of its own, so that when this script is stopped, stop_step stops the
    step and everything it started, whatever signal reached this script.
    """
    command = [str(part) for part in command]
    say("+ " + " ".join(command))
    pipe = subprocess.PIPE if keep_output else None
    child = subprocess.Popen(
        command,
        cwd=ROOT,
        start_new_session=POSIX,
        stdout=pipe,
        stderr=subprocess.STDOUT if keep_output else None,
        text=True,
        errors="replace",
    )
    output = []
    try:
        if keep_output:
            for line in child.stdout:
                output.append(line)
                say(line.rstrip("\n"))
        return child.wait(), "".join(output)
    except BaseException:
        stop_step(child)
        raise


# --- the environment in .venv/ ---------------------------------------------------------------


def venv_python():
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


COPY_ADVICE = (
    "Copy the course folder to a place where you can write (your home folder) and run the "
    "command there."
)


def require_writable(folder, purpose):
    """Fail in one line if this script cannot write into `folder`."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise Failure(f"cannot {purpose}: {folder} is read-only ({error.strerror}). {COPY_ADVICE}")


def site_packages():
    """The site-packages folder of .venv/, or None when there is no .venv/.

    A .venv/ whose Python does not run (the Python it was made from was removed or
    upgraded, or the copy is incomplete) is removed here, so that set-up rebuilds it.
    """
    if not VENV.exists():
        return None
    command = [str(venv_python()), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode == 0:
            return Path(result.stdout.strip())
        problem = (result.stderr.strip().splitlines() or [f"exit code {result.returncode}"])[-1]
    except (OSError, subprocess.TimeoutExpired) as error:
        problem = getattr(error, "strerror", None) or str(error)
    say(f"course.py: the environment in .venv/ is broken (its Python: {problem}); rebuilding it.")
    require_writable(ROOT, "rebuild .venv/")
    shutil.rmtree(VENV)
    return None


def link_course(packages):
    """Put this folder on the path of .venv's Python, so that `import course_utils` works
    anywhere: a one-line .pth file. Installing the package instead would need a build step,
    and that the network. Rewritten when the course folder has moved."""
    pth = packages / "course.pth"
    if not pth.exists() or pth.read_text(encoding="utf-8").strip() != str(ROOT):
        pth.write_text(f"{ROOT}\n", encoding="utf-8")


def fingerprint(names):
    digest = hashlib.sha256()
    for name in names:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def read_stamp():
    """What the last complete set-up installed: {"learner": fingerprint, "test": ...}."""
    try:
        return json.loads(STAMP.read_text())
    except (OSError, ValueError):
        return {}


def pinned(names):
    """(name, version, marker) for every `name==version ; marker` line of the pinned files."""
    pins = []
    for name in names:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split(" #")[0].strip()
            if not line or line.startswith(("#", "-")):
                continue
            requirement, _, marker = line.partition(";")
            package, _, version = requirement.partition("==")
            pins.append((normalised(package), version.strip(), marker.strip()))
    return pins


def normalised(package):
    return re.sub(r"[-_.]+", "-", package).lower().strip()


INSTALLED = (
    "import json; from importlib import metadata; "
    "print(json.dumps({d.metadata['Name'] or '': d.version for d in metadata.distributions()}))"
)


def out_of_date(names):
    """Pinned packages that .venv/ lacks or has in another version: ['numpy 2.2.5 -> 2.2.6', ...].

    A package with an environment marker that is not installed is left out: the marker
    probably excludes it here (this script does not evaluate markers).
    """
    result = subprocess.run([str(venv_python()), "-c", INSTALLED], capture_output=True, text=True)
    found = json.loads(result.stdout or "{}")
    installed = {normalised(name): version for name, version in found.items()}
    changes = []
    for package, version, marker in pinned(names):
        have = installed.get(package)
        if have != version and not (have is None and marker):
            changes.append(f"{package} {have or 'missing'} -> {version}")
    return changes


# pip's words when it cannot reach the package index (no network, no DNS, a proxy, a timeout).
NETWORK_TROUBLE = re.compile(
    r"NewConnectionError|Failed to establish a new connection|Max retries exceeded|"
    r"Temporary failure in name resolution|Name or service not known|getaddrinfo failed|"
    r"Network is unreachable|ConnectTimeout|Read timed out|ProxyError|\(from versions: none\)"
)


def pip_problem(output):
    """pip's own last error line, for our one-line message."""
    errors = [
        line[len("ERROR:") :].strip() for line in output.splitlines() if line.startswith("ERROR:")
    ]
    return errors[-1] if errors else "see pip's messages above"


def setup(kind="learner"):
    """Make .venv/ ready for `kind` ("learner" or "test") and return its Python.

    Does nothing (in a fraction of a second) when the pinned files have not changed since the
    last complete set-up. Offline with a complete set-up from before, goes on with it and says
    what is out of date; offline without one, fails in one line that names the internet.
    """
    names = PINS[kind]
    packages = site_packages()
    stamp = read_stamp() if packages else {}
    if packages and stamp.get(kind) == fingerprint(names):
        link_course(packages)
        return venv_python()
    require_writable(ROOT, "set up the environment in .venv/")
    if packages is None:
        packages = create_venv()
    complete_before = kind in stamp
    command = [venv_python(), "-m", "pip", "install", "--disable-pip-version-check"]
    for name in names:
        command += ["-r", name]
    if complete_before:  # there is something to fall back on: do not wait long for the network
        command += ["--retries", "1", "--timeout", "10"]
    code, output = run(command, keep_output=True)
    link_course(packages)
    if code != 0:
        offline = bool(NETWORK_TROUBLE.search(output))
        reason = "the package index cannot be reached" if offline else pip_problem(output)
        if complete_before:
            changes = out_of_date(names)
            listed = ", ".join(changes[:4]) + (
                f" and {len(changes) - 4} more" if len(changes) > 4 else ""
            )
            say(
                f"course.py: could not update .venv/ ({reason}); going on with the environment "
                f"you have ({listed or 'nothing pinned is missing'}). Once online, run: "
                "python3 course.py setup",
                sys.stderr,
            )
            return venv_python()
        what = "the test tools" if kind == "test" and "learner" in stamp else "the course"
        if offline and kind == "present" and "learner" in stamp:
            raise Failure(
                "presenting needs the live-slide extension (requirements-present.txt, 1.3 MB) "
                f"once, and {reason}: connect and run it again, or show the slides without a "
                "kernel: python3 course.py site, then open site/slides/NN_name.html."
            )
        if offline:
            raise Failure(
                f"setting up {what} needs the internet once, and {reason}: connect and run "
                "the command again (afterwards the course runs offline)."
            )
        raise Failure(f"set-up failed: pip could not install {' and '.join(names)} ({reason}).")
    for other, files in PINS.items():  # the sets this one contains are complete too
        if set(files) <= set(names):
            stamp[other] = fingerprint(files)
    STAMP.write_text(json.dumps(stamp, indent=1) + "\n")
    check = [venv_python(), "-c", "import course_utils"]
    if subprocess.run(check, cwd=tempfile.gettempdir()).returncode != 0:
        raise Failure(
            "set-up finished, but Python in .venv/ cannot import course_utils (see above)."
        )
    say(f"Set-up complete: .venv/ has the {kind} set for Python {python_version()}.")
    return venv_python()


def python_version():
    result = subprocess.run(
        [str(venv_python()), "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() or "?"


def create_venv():
    """Create .venv/ with the Python running this script; returns its site-packages folder."""
    version = sys.version_info[:2]
    oldest, newest = TESTED_PYTHONS
    if version < oldest:
        raise Failure(
            f"the course needs Python {oldest[0]}.{oldest[1]} or newer; this is "
            f"{platform.python_version()} ({sys.executable}). Install a newer Python "
            "(python.org) and run this command with it."
        )
    if version > newest:
        say(
            f"course.py: Python {platform.python_version()} is newer than the course is tested "
            f"with ({oldest[0]}.{oldest[1]} to {newest[0]}.{newest[1]}); trying anyway."
        )
    say("Creating a virtual environment in .venv/ ...")
    code, _ = run([sys.executable, "-m", "venv", VENV])
    packages = site_packages() if code == 0 else None
    if packages is None:
        shutil.rmtree(VENV, ignore_errors=True)
        raise Failure(
            "could not create .venv/ (on Debian or Ubuntu: sudo apt install python3-venv)."
        )
    return packages


# --- the commands -------------------------------------------------------------------------------


def lab_arguments():
    """What follows `python` to open JupyterLab at notebook 00 (JupyterLab
    refuses to run as root unless told, as in a container or CI)."""
    arguments = ["-m", "jupyter", "lab", START_NOTEBOOK]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        arguments.append("--allow-root")
    return arguments


def run_command(command, extra):
    if command == "setup":
        setup("test" if "test" in read_stamp() else "learner")
        return 0
    python = setup(command if command in PINS else "learner")
    if command == "lab":
        require_writable(ROOT / "notebooks", "save your notebooks")
        step = [python, *lab_arguments(), *extra]
    elif command == "test":
        step = [python, *TEST_COMMAND, *extra]
    elif command == "execute":
        step = [python, "-m", "course_tools.execute", *extra]
    elif command == "figures":
        step = [python, "-m", "course_tools.figures", *extra]
    elif command == "present":
        step = [python, "-m", "course_tools.present", *extra]
    else:  # learner, site
        step = [python, "-m", "course_tools.build", command, *extra]
    return run(step)[0]  # a step that fails says why itself


def main(argv):
    command, extra = (argv[0], argv[1:]) if argv else ("help", [])
    if command in {"help", "-h", "--help"}:
        print(usage())
        return 0
    if command not in available_commands():
        where = " in a learner copy" if command in COMMANDS else ""
        say(
            f"course.py: unknown command {command!r}{where}; the commands are "
            f"{', '.join(available_commands())} (python3 course.py help says what each does).",
            sys.stderr,
        )
        return 2
    stop_on_signals()
    try:
        return run_command(command, extra)
    except Failure as failure:
        say(f"course.py: {failure}", sys.stderr)
    except OSError as error:
        if error.errno in {errno.EROFS, errno.EACCES, errno.EPERM}:
            say(f"course.py: cannot write {error.filename}: read-only. {COPY_ADVICE}", sys.stderr)
        else:
            say(f"course.py: {error.strerror or error}: {error.filename or ''}", sys.stderr)
    except Stopped as stopped:
        say(f"course.py: stopped ({signal.Signals(stopped.args[0]).name}).", sys.stderr)
        return 128 + stopped.args[0]
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
