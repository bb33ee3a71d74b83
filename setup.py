"""Build hook: the wheel carries config/ and migrations/ as package data under caseflow/_data/."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_DIRS = ("config", "migrations")  # all of config/** (rules, reception minimums, calendar data)


class BuildWithData(build_py):
    """Copy the data folders next to the package, so an installed caseflow finds them (config.PROJECT_ROOT)."""

    def run(self):
        """Build the package as usual, then add caseflow/_data/{config,migrations}."""
        super().run()
        target = Path(self.build_lib) / "caseflow" / "_data"
        for name in DATA_DIRS:
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(
                ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )


setup(cmdclass={"build_py": BuildWithData})
