"""pytest set-up at the repository root: the `rerun` marker (tests/test_rerun.py).

(Registered here until it joins the markers in pyproject.toml.)
"""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "rerun: every notebook with each code cell run twice (costs about two nbval runs)",
    )
