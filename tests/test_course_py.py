"""course.py as a learner meets it: set-up offline, a broken .venv, a read-only folder,
stopping it, an unknown command, and the hand-out's own set-up.

Each test runs course.py as a program, in a course folder of its own under a temporary
directory, with the network replaced by a dead address: pip's index is
http://127.0.0.1:9 and no pip configuration, find-links or cache offers another way. So
"offline" is real for pip whatever the machine's network does. Set-up itself installs
a tiny wheel made here (tiny-pin), from a local folder, in seconds.

JupyterLab is a stand-in in most tests (a module `jupyter` in the folder's .venv that
records its process id and that of a child, then waits): what is tested is that course.py
starts it, and stops it and its children when course.py is stopped. The hand-out test
starts the real JupyterLab, in a .venv that reuses this test environment's packages.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

import course
from course_tools import build

ROOT = Path(__file__).resolve().parent.parent
# The Python a learner types: the interpreter this test environment was made from.
PYTHON = str(
    next(
        (
            path
            for path in [
                Path(sys.base_prefix)
                / "bin"
                / f"python{sys.version_info[0]}.{sys.version_info[1]}",
                Path(sys.base_prefix) / "python.exe",
            ]
            if path.exists()
        ),
        sys.executable,
    )
)
posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and /proc: POSIX only")

STAND_IN = '''"""Stands in for JupyterLab in tests: starts a child, records both ids, waits."""
import os, subprocess, sys, time
from pathlib import Path

child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
Path("lab-pids.tmp").write_text(f"{os.getpid()} {child.pid}")
Path("lab-pids.tmp").replace("lab-pids.txt")
print("stand-in JupyterLab started with", sys.argv[1:], flush=True)
time.sleep(300)
'''


# --- helpers ------------------------------------------------------------------------------


def offline(**settings):
    """The environment of a machine without internet: pip's index is a dead local address and
    nothing else (configuration files, find-links, the cache) can bring a package."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_INDEX_URL="http://127.0.0.1:9/simple",
        PIP_RETRIES="0",
        PIP_NO_CACHE_DIR="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    env.update(settings)
    return env


def make_wheel(folder, version, name="tiny_pin"):
    """A tiny pure-Python wheel, tiny-pin `version` (or another `name`), in `folder` (a local
    package index)."""
    dist = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f"VERSION = {version!r}\n",
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\n"
        f"Version: {version}\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n",
    }
    files[f"{dist}/RECORD"] = "".join(f"{path},,\n" for path in [*files, f"{dist}/RECORD"])
    folder.mkdir(exist_ok=True)
    with zipfile.ZipFile(folder / f"{name}-{version}-py3-none-any.whl", "w") as wheel:
        for path, text in files.items():
            wheel.writestr(path, text)
    return folder


def local_index(folder):
    """Settings that let pip install from the wheels in `folder` and nothing else."""
    return offline(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(folder))


def mini_course(folder):
    """A course folder with the real course.py and pyproject.toml and the smallest set-up
    there is: one pinned package, tiny-pin 1.0."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ["course.py", "pyproject.toml", "README.md", "LICENSE"]:
        (folder / name).write_bytes((ROOT / name).read_bytes())
    (folder / "requirements.txt").write_text("tiny-pin==1.0\n")
    (folder / "requirements-test.txt").write_text("-r requirements.txt\n")
    (folder / "requirements-present.txt").write_text("-r requirements.txt\n")
    for package in ["course_utils", "course_tools"]:
        (folder / package).mkdir()
        (folder / package / "__init__.py").write_text("")
    (folder / "notebooks").mkdir()
    return folder


def course_py(folder, *words, env=None, timeout=300):
    """Run `python3 course.py WORDS...` in `folder`; returns the finished process (text output)."""
    return subprocess.run(
        [PYTHON, "course.py", *words],
        cwd=folder,
        env=env or offline(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def venv_packages(folder):
    python = folder / ".venv" / "bin" / "python"
    command = [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
    return Path(subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip())


def add_stand_in(folder):
    (venv_packages(folder) / "jupyter.py").write_text(STAND_IN)


def linked_venv(folder):
    """A .venv in `folder` that uses this test environment's packages (through a .pth file)
    instead of downloading its own. The folder's own set-up still has to make it work: its
    pins must be satisfied and its course.pth must point at the folder."""
    subprocess.run([PYTHON, "-m", "venv", "--without-pip", folder / ".venv"], check=True)
    (venv_packages(folder) / "test-environment.pth").write_text(sysconfig.get_path("purelib"))
    # `jupyter lab` runs the program jupyter-lab beside the venv's Python, as pip would install it
    program = folder / ".venv" / "bin" / "jupyter-lab"
    program.write_text(
        f"#!{folder / '.venv' / 'bin' / 'python'}\n"
        "import sys\nfrom jupyterlab.labapp import main\nsys.exit(main())\n"
    )
    program.chmod(0o755)


def alive(pid):
    """True while process `pid` exists and is not a zombie (Linux /proc)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(condition, timeout=120, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def as_from_a_terminal():
    """Signal handling as in a program started from a terminal (a test runner's worker may
    ignore some signals, and children inherit that)."""
    for signum in [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]:
        signal.signal(signum, signal.SIG_DFL)


def start_lab(folder, *words, env=None):
    """Start `python3 course.py lab WORDS...` in `folder` in the background."""
    return subprocess.Popen(
        [PYTHON, "course.py", "lab", *words],
        cwd=folder,
        env=env or offline(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=as_from_a_terminal if os.name == "posix" else None,
    )


def stand_in_pids(folder, process):
    """The process ids the stand-in JupyterLab recorded, once it runs."""
    pids = folder / "lab-pids.txt"
    wait_until(lambda: pids.exists() or process.poll() is not None, what="the stand-in JupyterLab")
    assert pids.exists(), f"JupyterLab was not started:\n{process.communicate()[0]}"
    return [int(pid) for pid in pids.read_text().split()]


def last_line(result):
    lines = (result.stdout + result.stderr).strip().splitlines()
    return lines[-1] if lines else ""


def assert_one_clear_line(result, *words):
    text = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in text, text
    line = last_line(result)
    assert line.startswith("course.py: ") or "course.py" not in line, line
    for word in words:
        assert word in line, f"{word!r} not in the last line: {line!r}"


def read_only_command(folder, command):
    """`command`, run with `folder` mounted read-only in a mount namespace of its own (so the
    folder stays writable for everyone else, and the mount ends with the command)."""
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, folder, *command]


@pytest.fixture(scope="session")
def can_make_read_only(tmp_path_factory):
    folder = tmp_path_factory.mktemp("probe")
    command = read_only_command(folder, ["sh", "-c", f"! touch {folder}/x"])
    if subprocess.run(command, capture_output=True).returncode != 0:
        pytest.skip("making a folder read-only needs root and mount namespaces (unshare)")


# --- the command line ---------------------------------------------------------------------


def test_unknown_command_is_named_with_the_valid_ones(capsys):
    assert course.main(["nonsense"]) == 2
    captured = capsys.readouterr()
    line = captured.err.strip()
    assert len(line.splitlines()) == 1 and "'nonsense'" in line
    assert all(name in line for name in course.COMMANDS)


def test_help_groups_commands_for_learners_instructors_and_maintainers(capsys):
    assert course.main(["help"]) == 0
    text = capsys.readouterr().out
    sections = [text.index(title) for title in course.GROUPS.values()]
    assert sections == sorted(sections)
    for name, (group, _) in course.COMMANDS.items():
        position = text.index(f"python3 course.py {name} ")
        group_start = text.index(course.GROUPS[group])
        assert position > group_start and all(
            not group_start < other < position for other in sections if other != group_start
        ), f"{name} is not listed under {course.GROUPS[group]}"


def test_pip_trouble_is_told_apart_from_the_network():
    offline_output = (
        "WARNING: Retrying (...) after connection broken by 'NewConnectionError(...)'\n"
        "ERROR: Could not find a version that satisfies the requirement numpy==2.2.6 "
        "(from versions: none)\nERROR: No matching distribution found for numpy==2.2.6\n"
    )
    assert course.NETWORK_TROUBLE.search(offline_output)
    no_wheel = (
        "ERROR: Could not find a version that satisfies the requirement numpy==2.4.6 "
        "(from versions: 2.2.5, 2.2.6)\nERROR: No matching distribution found for numpy==2.4.6\n"
    )
    assert not course.NETWORK_TROUBLE.search(no_wheel)
    assert course.pip_problem(no_wheel) == "No matching distribution found for numpy==2.4.6"


def test_pins_are_read_with_their_markers(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text(
        "# a comment\nnumpy==2.2.6\n    # via x\n"
        "tomli==2.5.0 ; python_full_version < '3.11'\n-r other.txt\nTyping_Extensions==4.16.0\n"
    )
    monkeypatch.setattr(course, "ROOT", tmp_path)
    assert course.pinned(["requirements.txt"]) == [
        ("numpy", "2.2.6", ""),
        ("tomli", "2.5.0", "python_full_version < '3.11'"),
        ("typing-extensions", "4.16.0", ""),
    ]


# --- set-up offline ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    return make_wheel(tmp_path_factory.mktemp("wheels"), "1.0")


def test_first_set_up_offline_says_in_one_line_that_it_needs_the_internet(tmp_path):
    folder = mini_course(tmp_path / "course")
    result = course_py(folder, "lab")
    assert_one_clear_line(result, "needs the internet")
    assert not (folder / "lab-pids.txt").exists()


def test_set_up_installs_the_pins_and_course_utils_without_a_build_step(tmp_path, wheels):
    folder = mini_course(tmp_path / "course")
    (folder / "course_utils" / "__init__.py").write_text("WHERE = 'the course folder'\n")
    result = course_py(folder, "setup", env=local_index(wheels))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Set-up complete" in result.stdout
    python = folder / ".venv" / "bin" / "python"
    check = "import course_utils, tiny_pin; print(course_utils.WHERE, tiny_pin.VERSION)"
    found = subprocess.run([python, "-c", check], cwd=tmp_path, capture_output=True, text=True)
    assert found.stdout.strip() == "the course folder 1.0", found.stderr
    # Done once: the next command does not run pip at all.
    again = course_py(folder, "setup")
    assert again.returncode == 0 and "pip" not in again.stdout


# --- presenting: the live-slide extension comes with the first `present`, never with set-up ---

STAND_IN_PRESENT = """import sys
from pathlib import Path

Path("presented.txt").write_text(" ".join(sys.argv[1:]))
"""


def with_present_set(folder):
    """The folder's present set: the learner set and slide-pin 1.0 (standing in for the
    extension), and a stand-in course_tools.present that records what it was asked."""
    (folder / "requirements-present.txt").write_text("-r requirements.txt\nslide-pin==1.0\n")
    (folder / "course_tools" / "present.py").write_text(STAND_IN_PRESENT)
    return folder


def has_package(folder, module):
    python = folder / ".venv" / "bin" / "python"
    return subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0


@posix_only
def test_present_offline_without_the_extension_says_so_in_one_line(set_up_course):
    folder = with_present_set(set_up_course)
    result = course_py(folder, "present", "04")
    assert_one_clear_line(result, "live-slide extension", "site/slides/")
    assert not (folder / "presented.txt").exists()


@posix_only
def test_present_installs_its_set_once_and_the_learner_set_up_never_does(set_up_course, wheels):
    folder = with_present_set(set_up_course)
    make_wheel(wheels, "1.0", name="slide_pin")
    assert course_py(folder, "setup", env=local_index(wheels)).returncode == 0
    assert not has_package(folder, "slide_pin"), "learners must not download the extension"
    result = course_py(folder, "present", "04", "--port", "9", env=local_index(wheels))
    assert result.returncode == 0, result.stdout + result.stderr
    assert has_package(folder, "slide_pin")
    assert (folder / "presented.txt").read_text() == "04 --port 9"
    again = course_py(folder, "present", "05")  # offline now: nothing to install
    assert again.returncode == 0 and "pip" not in again.stdout
    assert (folder / "presented.txt").read_text() == "05"


@posix_only
def test_the_test_set_up_brings_the_slides_too(set_up_course, wheels):
    """The browser tests present notebooks, so `course.py test` installs the present set with
    the test tools, and `present` afterwards needs nothing more."""
    folder = with_present_set(set_up_course)
    make_wheel(wheels, "1.0", name="slide_pin")
    course_py(folder, "test", env=local_index(wheels))  # pytest is not in this mini course
    assert has_package(folder, "slide_pin")
    again = course_py(folder, "present", "05")  # offline: nothing to install
    assert again.returncode == 0 and "pip" not in again.stdout, again.stdout + again.stderr
    assert (folder / "presented.txt").read_text() == "05"


@pytest.fixture(scope="module")
def prepared_course(tmp_path_factory, wheels):
    """A mini course after a complete set-up (from the local wheels), with the stand-in lab."""
    folder = mini_course(tmp_path_factory.mktemp("prepared") / "course")
    result = course_py(folder, "setup", env=local_index(wheels))
    assert result.returncode == 0, result.stdout + result.stderr
    add_stand_in(folder)
    return folder


@pytest.fixture
def set_up_course(prepared_course, tmp_path):
    """A copy of the prepared course, for one test to change. It sits in another folder, so
    course.py's first command there also shows that a moved course folder keeps working."""
    return shutil.copytree(prepared_course, tmp_path / "course", symlinks=True)


def run_lab_until_started(folder, *words, env=None):
    """Start `course.py lab`, wait for the stand-in, stop it; returns (output, stand-in pids)."""
    process = start_lab(folder, *words, env=env)
    try:
        pids = stand_in_pids(folder, process)
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=120)[0]
    return output, pids


def test_offline_a_comment_in_the_pins_or_pyproject_changes_nothing(set_up_course):
    for name in ["requirements.txt", "pyproject.toml"]:
        with open(set_up_course / name, "a") as file:
            file.write("# a comment\n")
    output, _ = run_lab_until_started(set_up_course)
    assert "stand-in JupyterLab started" in output
    assert "could not update" not in output and "Traceback" not in output
    pth = venv_packages(set_up_course) / "course.pth"
    assert pth.read_text().strip() == str(set_up_course), "course.pth follows a moved folder"


def test_offline_with_new_pins_lab_starts_and_says_what_is_out_of_date(set_up_course):
    (set_up_course / "requirements.txt").write_text("tiny-pin==2.0\n")
    output, _ = run_lab_until_started(set_up_course)
    assert "stand-in JupyterLab started" in output and "Traceback" not in output
    warnings = [line for line in output.splitlines() if "could not update" in line]
    assert len(warnings) == 1, output
    assert "tiny-pin 1.0 -> 2.0" in warnings[0]
    assert "python3 course.py setup" in warnings[0]


def test_online_again_set_up_brings_the_new_pins(set_up_course, wheels):
    (set_up_course / "requirements.txt").write_text("tiny-pin==2.0\n")
    make_wheel(wheels, "2.0")
    result = course_py(set_up_course, "setup", env=local_index(wheels))
    assert result.returncode == 0, result.stdout + result.stderr
    python = set_up_course / ".venv" / "bin" / "python"
    version = subprocess.run(
        [python, "-c", "import tiny_pin; print(tiny_pin.VERSION)"], capture_output=True, text=True
    )
    assert version.stdout.strip() == "2.0"


@pytest.mark.parametrize("damage", ["dangling link", "missing"])
def test_a_venv_whose_python_is_gone_is_rebuilt_saying_so(set_up_course, wheels, damage):
    python = set_up_course / ".venv" / "bin" / "python"
    python.unlink()
    if damage == "dangling link":  # the Python it was made from was removed or upgraded
        python.symlink_to(set_up_course / "no-such-python")
    result = course_py(set_up_course, "setup", env=local_index(wheels))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "broken" in line]
    assert len(lines) == 1 and "rebuilding" in lines[0], result.stdout
    assert subprocess.run([python, "-c", "import tiny_pin"]).returncode == 0


# --- stopping course.py stops JupyterLab ----------------------------------------------------


@posix_only
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_stopping_course_py_stops_jupyterlab_and_its_children(set_up_course, signum):
    process = start_lab(set_up_course)
    pids = []
    try:
        pids = stand_in_pids(set_up_course, process)
        assert all(alive(pid) for pid in pids)
        process.send_signal(signum)
        output = process.communicate(timeout=120)[0]
        wait_until(lambda: not any(alive(pid) for pid in pids), timeout=60, what="the stand-in")
        assert "Traceback" not in output
        assert process.returncode == 128 + signum
    finally:
        process.kill()
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


# --- a read-only course folder --------------------------------------------------------------


def test_read_only_folder_without_set_up_says_so_in_one_line(tmp_path, can_make_read_only):
    folder = mini_course(tmp_path / "course")
    result = subprocess.run(
        read_only_command(folder, [PYTHON, "course.py", "lab"]),
        cwd=folder,
        env=offline(),
        capture_output=True,
        text=True,
    )
    assert_one_clear_line(result, "read-only")
    assert not (folder / ".venv").exists()


def test_read_only_folder_lab_refuses_before_it_starts(set_up_course, can_make_read_only):
    assert course_py(set_up_course, "setup").returncode == 0  # writable: course.pth follows
    result = subprocess.run(
        read_only_command(set_up_course, [PYTHON, "course.py", "lab"]),
        cwd=set_up_course,
        env=offline(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_one_clear_line(result, "read-only", "notebooks")
    assert not (set_up_course / "lab-pids.txt").exists()


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory):
    """A copy of the whole course with a .venv set up from this test environment's packages."""
    folder = tmp_path_factory.mktemp("copy") / "course"
    ignore = ["__pycache__", ".venv", ".git", "learner_copies", "site", "screenshots"]
    shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(*ignore))
    linked_venv(folder)
    result = course_py(folder, "setup")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.mark.parametrize(
    "words",
    [
        ["learner"],
        ["site"],
        ["execute", "notebooks/00_start_here.ipynb"],
    ],
    ids=lambda words: words[0],
)
def test_read_only_folder_builds_and_execute_say_so_in_one_line(
    course_copy, words, can_make_read_only
):
    result = subprocess.run(
        read_only_command(course_copy, [PYTHON, "course.py", *words]),
        cwd=course_copy,
        env=offline(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert "read-only" in last_line(result)


# --- the hand-out: its own set-up, and the real JupyterLab -------------------------------------


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handout") / "learner_copies"
    build.build_learner(folder)
    linked_venv(folder)
    return folder


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_hand_out_sets_up_with_its_own_files(handout):
    result = course_py(handout, "setup")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Set-up complete" in result.stdout
    python = handout / ".venv" / "bin" / "python"
    where = subprocess.run(
        [python, "-c", "import course_utils; print(course_utils.__file__)"],
        cwd=handout.parent,
        capture_output=True,
        text=True,
    )
    assert Path(where.stdout.strip()).parent == handout / "course_utils", where.stderr
    refused = course_py(handout, "test")
    assert refused.returncode == 2 and "learner copy" in refused.stderr


@posix_only
def test_the_hand_out_opens_real_jupyterlab_and_kill_stops_it(handout):
    assert course_py(handout, "setup").returncode == 0
    port, token = free_port(), "course-test-token"
    process = start_lab(
        handout,
        "--no-browser",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
    )
    url = f"http://127.0.0.1:{port}/api/status?token={token}"

    def answers():
        assert process.poll() is None, process.communicate()[0]
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            return False

    try:
        wait_until(answers, timeout=180, what="JupyterLab")
        process.send_signal(signal.SIGTERM)  # `kill <pid>` of course.py
        process.communicate(timeout=120)
        with socket.socket() as sock:  # the port is free again: JupyterLab has stopped
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", port))
    finally:
        process.kill()
