"""Exercise checkers for the notebooks.

Each notebook's checkers live in a module of their own (``nb00.py``,
``nb02.py``, ...). This file gathers them all, so a notebook writes::

    from course_utils import checks
    checks.neuron_output(neuron)

A checker returns a `Feedback` (see ``_core.py``) and never raises.
"""

import importlib
import pkgutil

from ._core import Feedback, check_cases, check_value  # noqa: F401

for _module_info in pkgutil.iter_modules(__path__):
    if _module_info.name.startswith("nb"):
        _module = importlib.import_module(f"{__name__}.{_module_info.name}")
        for _name in _module.__all__:
            if _name in globals():
                raise ImportError(f"two checker modules define {_name!r}; rename one")
            globals()[_name] = getattr(_module, _name)
