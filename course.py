#!/usr/bin/env python3
"""Set up the course and run it: the two commands of the README's quick start.

    python3 course.py lab     set up (first time only) and open JupyterLab at notebook 00
    python3 course.py test    set up (first time only) and run every test, notebooks included

and, for maintainers:

    python3 course.py setup     only create/update the environment in .venv/
    python3 course.py execute   re-execute every notebook and store its outputs
    python3 course.py figures   redraw every picture in images/

and, for instructors (see INSTRUCTORS.md):

    python3 course.py learner   write learner copies without solutions into learner_copies/
    python3 course.py site      render the course as an offline website into site/ (open site/index.html)

"Set up" means: create a virtual environment in .venv/, install the exact
versions in requirements.txt and this course's package (course_utils) into it.
It is redone automatically when requirements.txt or pyproject.toml change.
Only the Python standard library is used here, so this runs on a fresh machine.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "course-setup.sha256"
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
# The test command of the README: unit tests, browser tests and every notebook under nbval.
TEST_COMMAND = ["-m", "pytest", "--nbval", "-n", "2", "--dist", "loadfile"]


def lab_arguments():
    """What follows `python` to open JupyterLab at notebook 00 (JupyterLab
    refuses to run as root unless told, as in a container or CI)."""
    arguments = ["-m", "jupyter", "lab", START_NOTEBOOK]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        arguments.append("--allow-root")
    return arguments


def venv_python():
    folder = "Scripts" if os.name == "nt" else "bin"
    return VENV / folder / ("python.exe" if os.name == "nt" else "python")


def setup_fingerprint():
    digest = hashlib.sha256()
    for name in ["requirements.txt", "pyproject.toml"]:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def run(command, **kwargs):
    print("+", " ".join(str(part) for part in command), flush=True)
    return subprocess.run(command, cwd=ROOT, **kwargs).returncode


def setup():
    """Create .venv and install everything, unless it is already up to date."""
    if sys.version_info < (3, 10):
        sys.exit(f"The course needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    if venv_python().exists() and STAMP.exists() and STAMP.read_text() == setup_fingerprint():
        return 0
    if not venv_python().exists():
        print("Creating a virtual environment in .venv/ ...")
        if run([sys.executable, "-m", "venv", str(VENV)]) != 0:
            sys.exit("Could not create .venv (on Debian/Ubuntu: apt install python3-venv).")
    python = str(venv_python())
    steps = [
        [python, "-m", "pip", "install", "--upgrade", "pip"],
        [python, "-m", "pip", "install", "-r", "requirements.txt"],
        [python, "-m", "pip", "install", "--no-deps", "-e", "."],
    ]
    for step in steps:
        if run(step) != 0:
            sys.exit("Set-up failed at the step above; see its message.")
    STAMP.write_text(setup_fingerprint())
    print("Set-up complete.")
    return 0


def main(argv):
    action = argv[0] if argv else "help"
    extra = argv[1:]
    if action == "help" or action not in {
        "setup",
        "lab",
        "test",
        "execute",
        "figures",
        "learner",
        "site",
    }:
        print(__doc__)
        return 0 if action == "help" else 2
    setup()
    python = str(venv_python())
    if action == "lab":
        return run([python, *lab_arguments(), *extra])
    if action == "test":
        return run([python, *TEST_COMMAND, *extra])
    if action == "execute":
        return run([python, "-m", "course_tools.execute", *extra])
    if action == "figures":
        return run([python, "-m", "course_tools.figures", *extra])
    if action in {"learner", "site"}:
        return run([python, "-m", "course_tools.build", action, *extra])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
