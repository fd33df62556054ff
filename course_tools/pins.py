"""Pin every package the course installs, for Python 3.10 to 3.13 at once (for maintainers).

    pip install uv            # once, into any environment (uv resolves, pip installs)
    python -m course_tools.pins

    requirements.in         -> requirements.txt          the learner set (`course.py lab`)
    requirements-test.in    -> requirements-test.txt     what `course.py test` adds: test tools
    requirements-present.in -> requirements-present.txt  what `course.py present` adds: slides

The .in files name what the course uses; the .txt files pin it and everything it depends on,
the whole tree, so a set-up next year installs what was tested today. One file serves every
Python: `uv pip compile --universal` resolves for all of them together, and
`--fork-strategy fewest` keeps one version of a package across all four Pythons wherever one
release supports them (the same numpy and matplotlib everywhere give the same numbers and
pictures, so the stored outputs pass on every Python). An environment marker
(`; python_full_version < '3.11'`) appears only where one pin cannot serve all.

The test and present sets are resolved against the learner pins (a constraint), so no package
gets two versions; requirements-test.txt and requirements-present.txt start with
`-r requirements.txt` and list only what they add. Learners never need uv: pip installs the
pinned files.
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


def only_additions(test_text, learner_text, adds="the tests add"):
    """A compiled set (the test set, the present set) with the learner pins left out and
    `-r requirements.txt` in front."""
    learner = {line for line, _ in pin_blocks(learner_text)}
    header = [line for line in test_text.splitlines() if line.startswith("#")][:2]
    lines = [*header, f"# The learner set, then what {adds}:", "-r requirements.txt"]
    for line, via in pin_blocks(test_text):
        if line not in learner:
            lines += [line, *via]
    return "\n".join(lines) + "\n"


# file name: what it adds to the learner set (the comment in its first lines)
ADDED_SETS = {"requirements-test": "the tests add", "requirements-present": "presenting adds"}


def main():
    compile_pins("requirements.in", "requirements.txt")
    for name, adds in ADDED_SETS.items():
        with tempfile.TemporaryDirectory() as folder:
            full = Path(folder) / f"{name}.txt"
            compile_pins(f"{name}.in", str(full), constraints="requirements.txt")
            learner = (ROOT / "requirements.txt").read_text()
            text = only_additions(full.read_text(), learner, adds)
        (ROOT / f"{name}.txt").write_text(text)
    for name in ["requirements.txt", *(f"{added}.txt" for added in ADDED_SETS)]:
        count = len(pin_blocks((ROOT / name).read_text()))
        print(f"{name}: {count} pinned packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
