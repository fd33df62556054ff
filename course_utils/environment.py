"""The environment check of notebook 00: is everything the course needs here?

`versions()` lists what is installed, `check()` says whether it is enough,
`widget_demo()` and `plot_demo()` prove that widgets and plots render.
"""

import platform
import sys
from importlib import metadata

from .checks import Feedback

# The oldest versions the notebooks are known to work with. requirements.txt
# pins the exact versions the course is tested on; anything at least this new
# should work too.
MINIMUM_VERSIONS = {
    "numpy": (2, 0),
    "matplotlib": (3, 8),
    "ipywidgets": (8, 0),
    "jupyterlab": (4, 0),
    "ipykernel": (6, 0),
}
MINIMUM_PYTHON = (3, 10)


def installed_version(package):
    """The installed version of `package` as a string, or None if it is missing."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def version_tuple(version):
    """'3.11.2' -> (3, 11, 2); stops at the first part that is not a number ('4.0rc1' -> (4,))."""
    numbers = []
    for part in version.split("."):
        if not part.isdigit():
            break
        numbers.append(int(part))
    return tuple(numbers)


def versions():
    """Python and the versions of the packages the course uses, as a dict of strings.

    course_utils is not installed as a package (course.py puts the course folder on
    Python's path instead), so its version comes from the package itself.
    """
    from . import __version__

    found = {"python": platform.python_version()}
    for package in MINIMUM_VERSIONS:
        found[package] = installed_version(package) or "not installed"
    found["course_utils"] = __version__
    return found


def check(python_version=None, package_versions=None):
    """Check that Python and every package are new enough.

    Inputs (only for testing; by default the running interpreter is checked)
    ------
    python_version : tuple like (3, 11), or None
    package_versions : dict package -> version string or None (missing)

    Returns
    -------
    Feedback, one line per item; the lines contain no version numbers so the
    output is the same on every machine that passes.
    """
    python_version = python_version or tuple(sys.version_info[:2])
    if package_versions is None:
        package_versions = {package: installed_version(package) for package in MINIMUM_VERSIONS}
    feedback = Feedback("your environment")
    needed = ".".join(map(str, MINIMUM_PYTHON))
    if tuple(python_version) >= MINIMUM_PYTHON:
        feedback.ok(f"Python is {needed} or newer")
    else:
        feedback.fail(
            f"Python {'.'.join(map(str, python_version))} is too old: "
            f"the course needs {needed} or newer",
            "install a newer Python, then run the set-up command from the README again.",
        )
    for package, minimum in MINIMUM_VERSIONS.items():
        wanted = ".".join(map(str, minimum))
        version = package_versions.get(package)
        if version is None:
            feedback.fail(
                f"{package} is not installed",
                "run the set-up command from the README (it installs requirements.txt).",
            )
        elif version_tuple(version) < minimum:
            feedback.fail(
                f"{package} {version} is too old: the course needs {wanted} or newer",
                "run the set-up command from the README again to get the tested versions.",
            )
        else:
            feedback.ok(f"{package} is {wanted} or newer")
    return feedback


def widget_demo():
    """A slider and a label that follows it: if you can drag the slider and the
    label changes, ipywidgets works (the kernel answered the browser). Where no
    kernel runs (GitHub, the site) it shows one line saying what it is."""
    import ipywidgets as widgets

    from .widgets.picture import PictureHBox

    slider = widgets.IntSlider(value=3, min=0, max=10, description="x")
    label = widgets.Label()

    def show_square(change=None):
        label.value = f"x squared is {slider.value**2}"

    slider.observe(show_square, names="value")
    show_square()
    return PictureHBox([slider, label], None, lambda: "A slider x and a label showing x squared")


def plot_demo():
    """A small figure: if you see a sine wave below the cell, inline plots work."""
    import matplotlib.pyplot as plt
    import numpy as np

    x = np.linspace(0, 2 * np.pi, 200)
    fig, ax = plt.subplots(figsize=(5, 2.5))
    ax.plot(x, np.sin(x), linewidth=2.5)
    ax.set(title="If you can read this, plots work", xlabel="x", ylabel="sin(x)")
    fig.tight_layout()
    return fig
