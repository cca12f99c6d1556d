"""The package: pyproject.toml agrees with the requirements files Community Cloud and CI install, lists every
library package, and builds a wheel with the console script, the stop-word data and the licences."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from alignment.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirements(name: str) -> set[str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return {re.sub(r"\s+", "", line.split("#")[0]) for line in lines if line.split("#")[0].strip() and not line.startswith("-r")}


def test_requirements_txt_is_pyprojects_dependencies():
    """Community Cloud installs requirements.txt, pip install . reads pyproject: the same packages, the same bounds."""
    assert _requirements("requirements.txt") == {re.sub(r"\s+", "", d) for d in PYPROJECT["project"]["dependencies"]}


def test_requirements_dev_is_the_dev_extra():
    assert _requirements("requirements-dev.txt") == set(PYPROJECT["project"]["optional-dependencies"]["dev"])
    assert (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").startswith("-r requirements.txt")


def test_every_requirement_is_bounded_and_numpy_declared():
    names = set()
    for requirement in PYPROJECT["project"]["dependencies"]:
        name, spec = re.match(r"([A-Za-z0-9_.\-]+)(.*)", requirement).groups()
        names.add(name.lower())
        assert ">=" in spec and "<" in spec.replace("<=", ""), f"{requirement} needs a lower and an upper bound"
    assert "numpy" in names  # imported directly by the library
    assert "scikit-learn" not in names


def test_every_library_package_is_listed():
    packages = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "alignment").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert packages == set(PYPROJECT["tool"]["setuptools"]["packages"])


def test_console_script_points_at_main_and_main_returns_exit_codes(capsys, tmp_path):
    assert PYPROJECT["project"]["scripts"] == {"alignment": "alignment.__main__:main"}
    assert main(["items", "--json"]) == 0
    assert '"id"' in capsys.readouterr().out
    assert main(["analyze", str(tmp_path / "missing.csv")]) == 2  # an input error is exit code 2, not a traceback


def _setuptools_version() -> tuple[int, ...]:
    try:
        import setuptools
    except ImportError:
        return (0,)
    return tuple(int(part) for part in re.findall(r"\d+", setuptools.__version__)[:2])


def test_wheel_holds_the_library_data_licences_and_script(tmp_path):
    if _setuptools_version() < (77,):
        if os.environ.get("CI"):
            pytest.fail("setuptools>=77 (requirements-dev.txt) is needed to build the wheel")
        pytest.skip("setuptools>=77 not installed (pip install -r requirements-dev.txt)")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        cwd=tmp_path,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("alignment-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
        metadata = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    assert {
        "alignment/__main__.py",
        "alignment/ingest/__init__.py",
        "alignment/checks/__init__.py",
        "alignment/export/__init__.py",
    } <= names
    assert "alignment/data/stop_words.txt" in names
    assert any(n.endswith("licenses/LICENSE") for n in names) and any(
        n.endswith("licenses/THIRD_PARTY_NOTICES.md") for n in names
    )
    assert not any(n.startswith(("ui/", "pages/", "bench/", "tests/", "sample_data/")) or n == "app.py" for n in names)
    # the checks' test cases sit beside them in the repository, not in the installed library
    assert not any(n.startswith("alignment/checks/cases/") for n in names)
    assert "alignment = alignment.__main__:main" in entry_points
    assert "Requires-Dist: numpy" in metadata and "scikit-learn" not in metadata
    assert "License-Expression: MIT" in metadata
