"""Present a notebook as live slides in JupyterLab (for instructors; `python3 course.py present`).

    python -m course_tools.present [NOTEBOOK] [options passed to `jupyter lab`]

NOTEBOOK is a path, a file name or a number (`04`); the default is notebook 00. JupyterLab opens
it in jupyterlab-slideshow's deck mode: one slide at a time, the kernel running, widgets live.
Keys: → or space for the next step, ← back, Shift+Enter runs the cell in focus, the deck icon at
the bottom right ends the slides (the notebook stays open).

jupyterlab-slideshow (and jupyterlab-fonts) are pinned in requirements-present.txt, which
`python3 course.py present` installs into .venv/ the first time (learners who never present never
download them; offline, it says so in one line and points to the kernel-free slides of the site).
Run without them, this module says the same in one line. JupyterLab runs with a settings folder
of its own (PRESENT_SETTINGS in course_tools/slides.py: deck mode on, the slide fonts), so the
instructor's own JupyterLab settings are neither used nor changed.
"""

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .slides import PRESENT_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OFFLINE = (
    "course_tools.present: jupyterlab-slideshow is not installed: `python3 course.py present` "
    "installs it (once, with internet); without it, show the kernel-free slides: "
    "`python3 course.py site`, then open site/slides/NN_name.html."
)


def installed():
    return all(
        importlib.util.find_spec(name) for name in ["jupyterlab_slideshow", "jupyterlab_fonts"]
    )


def find_notebook(name):
    """The notebook to present: '04', '04_backpropagation', '04_backpropagation.ipynb', a path."""
    if not name:
        return NOTEBOOKS / "00_start_here.ipynb"
    path = Path(name)
    if path.is_file():
        return path.resolve()
    stem = path.name.removesuffix(".ipynb")
    matches = sorted(NOTEBOOKS.glob(f"{stem}*.ipynb" if len(stem) == 2 else f"{stem}.ipynb"))
    if len(matches) != 1:
        raise SystemExit(
            f"course.py present: no notebook {name!r} in notebooks/ (try `present 04`)"
        )
    return matches[0]


def write_settings(folder):
    for name, value in PRESENT_SETTINGS.items():
        target = Path(folder) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value, indent=1), encoding="utf-8")


def lab_command(notebook, settings, workspaces, extra=()):
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        str(Path(notebook).relative_to(ROOT)),
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={workspaces}",
        *extra,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        command.append("--allow-root")
    return command


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    name = argv.pop(0) if argv and not argv[0].startswith("-") else None
    notebook = find_notebook(name)
    if not installed():
        print(OFFLINE, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="course-present-") as folder:
        settings, workspaces = Path(folder) / "settings", Path(folder) / "workspaces"
        write_settings(settings)
        workspaces.mkdir()
        try:
            return subprocess.run(
                lab_command(notebook, settings, workspaces, argv), cwd=ROOT
            ).returncode
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
