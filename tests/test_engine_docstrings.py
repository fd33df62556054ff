"""The engine's docstrings: one style, and every function names the notebook section behind it.

Like d2l's tags, each public function and class of the engine says where a learner meets
its maths ("Notebook: 05 §6 (a sigmoid that does not overflow)"), and this test keeps those
references true: the notebook exists and has that numbered section. Every public function
and method uses the house style (Formula / Inputs / Returns), never numpydoc sections.
"""

import importlib
import inspect
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENGINE = [
    "activations",
    "losses",
    "layers",
    "model",
    "optim",
    "autograd",
    "gradcheck",
    "xor",
    "data",
]
STYLE_ONLY = ["_validation"]  # helpers behind the error messages: house style, no notebook tag
REFERENCE = re.compile(r"(\d\d) §(\d+(?:\.\d+)?)")
SKIPPED_METHODS = {"__init__", "__repr__", "__len__", "__getitem__"}


def public_members(module):
    """(qualified name, object, owning class or None) of every public function, class, method."""
    for name, member in vars(module).items():
        if name.startswith("_") or getattr(member, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(member):
            yield name, member, None
        elif inspect.isclass(member):
            yield name, member, None
            for method_name, method in vars(member).items():
                if method_name in SKIPPED_METHODS or not callable(method):
                    continue
                if method_name.startswith("_") and not method_name.startswith("__"):
                    continue
                if not written_in(method, module):  # e.g. what NamedTuple generates
                    continue
                yield f"{name}.{method_name}", method, member


def written_in(function, module):
    """True if the function's source is in the module's file."""
    try:
        return inspect.getsourcefile(function) == module.__file__
    except TypeError:
        return False


def notebook_sections():
    """{"05": {"1", "2", ..., "2.6", ...}}: the numbered headings of every notebook."""
    sections = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        numbers = set()
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for line in "".join(cell["source"]).splitlines():
                match = re.match(r"#{2,3} (\d+(?:\.\d+)?)[ .·]", line)
                if match:
                    numbers.add(match.group(1))
        sections[path.name[:2]] = numbers
    return sections


SECTIONS = notebook_sections()


@pytest.mark.parametrize("module_name", ENGINE + STYLE_ONLY)
def test_one_docstring_style(module_name):
    module = importlib.import_module(f"course_utils.{module_name}")
    for name, member, _ in public_members(module):
        doc = inspect.getdoc(member)
        assert doc, f"{module_name}.{name} has no docstring"
        assert "----------" not in doc and "Parameters\n" not in doc, f"numpydoc in {name}"
        if inspect.isfunction(member):
            assert re.search(r"\b(Formula|Inputs|Returns):", doc), (
                f"{module_name}.{name}: say the maths and shapes as Formula / Inputs / Returns"
            )


@pytest.mark.parametrize("module_name", ENGINE)
def test_every_engine_function_names_its_notebook_section(module_name):
    module = importlib.import_module(f"course_utils.{module_name}")
    for name, member, owner in public_members(module):
        doc = inspect.getdoc(member)
        if owner is not None and "Notebook:" in (inspect.getdoc(owner) or ""):
            if "Notebook:" not in doc:
                continue  # a method inherits its class's reference
        tag = re.search(r"Notebook: (.*(?:\n +.*)*)", doc)
        assert tag, f"{module_name}.{name}: add 'Notebook: NN §S (title)'"
        text = tag.group(1)
        if text.startswith("none"):
            assert "(" in text, f"{module_name}.{name}: say why no notebook derives it"
            continue
        references = REFERENCE.findall(text)
        assert references, f"{module_name}.{name}: no 'NN §S' in {text!r}"
        for notebook, section in references:
            assert notebook in SECTIONS, f"{module_name}.{name}: no notebook {notebook}"
            assert section in SECTIONS[notebook], (
                f"{module_name}.{name}: notebook {notebook} has no section {section}"
            )


def test_the_references_are_checked_against_real_headings():
    assert {"1", "6"} <= SECTIONS["05"] and {"2.6", "5.3"} <= SECTIONS["10"]
    assert "99" not in SECTIONS["05"]
