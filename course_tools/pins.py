"""Pin every package the course installs, for Python 3.10 to 3.13 at once (for maintainers).

    pip install uv            # once, into any environment (uv resolves, pip installs)
    python -m course_tools.pins

    requirements.in       -> requirements.txt        the learner set: what `course.py lab` installs
    requirements-test.in  -> requirements-test.txt   what `course.py test` adds: the test tools

The .in files name what the course uses; the .txt files pin it and everything it depends on,
the whole tree, so a set-up next year installs what was tested today. One file serves every
Python: `uv pip compile --universal` resolves for all of them together, and
`--fork-strategy fewest` keeps one version of a package across all four Pythons wherever one
release supports them (the same numpy and matplotlib everywhere give the same numbers and
pictures, so the stored outputs pass on every Python). An environment marker
(`; python_full_version < '3.11'`) appears only where one pin cannot serve all.

The test set is resolved against the learner pins (a constraint), so no package gets two
versions; requirements-test.txt starts with `-r requirements.txt` and lists only what the
tests add. Learners never need uv: pip installs the pinned files.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOWEST_PYTHON = "3.10"
COMPILE = [
    "pip",
    "compile",
    "--universal",
    f"--python-version={LOWEST_PYTHON}",
    "--fork-strategy=fewest",
    "--custom-compile-command=python -m course_tools.pins",
    "--quiet",
]


def uv_command():
    """How to run uv: the `uv` program, or the uv package of this Python."""
    if shutil.which("uv"):
        return ["uv"]
    try:
        import uv  # noqa: F401
    except ImportError:
        sys.exit("course_tools.pins needs uv: pip install uv")
    return [sys.executable, "-m", "uv"]


def compile_pins(source, target, constraints=None):
    """Resolve the requirements in `source` into the pinned file `target` (paths in ROOT)."""
    command = [*uv_command(), *COMPILE, source, "--output-file", target]
    if constraints:
        command += ["--constraint", constraints]
    # Resolve for the Pythons named above only; never download an interpreter to do it.
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def pin_blocks(text):
    """The pins of a compiled file: a list of (pin line, its `# via` lines), header left out."""
    blocks = []
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith(("#", "-")):
            blocks.append((line, []))
        elif blocks:
            blocks[-1][1].append(line)
    return blocks


def only_additions(test_text, learner_text):
    """The compiled test set with the learner pins left out and `-r requirements.txt` in front."""
    learner = {line for line, _ in pin_blocks(learner_text)}
    header = [line for line in test_text.splitlines() if line.startswith("#")][:2]
    lines = [*header, "# The learner set, then what the tests add:", "-r requirements.txt"]
    for line, via in pin_blocks(test_text):
        if line not in learner:
            lines += [line, *via]
    return "\n".join(lines) + "\n"


def main():
    compile_pins("requirements.in", "requirements.txt")
    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "requirements-test.txt"
        compile_pins("requirements-test.in", str(full), constraints="requirements.txt")
        text = only_additions(full.read_text(), (ROOT / "requirements.txt").read_text())
    (ROOT / "requirements-test.txt").write_text(text)
    for name in ["requirements.txt", "requirements-test.txt"]:
        count = len(pin_blocks((ROOT / name).read_text()))
        print(f"{name}: {count} pinned packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
