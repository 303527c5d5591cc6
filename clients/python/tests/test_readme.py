"""The README's quick start, run as it is written against the real server, so that it cannot rot:
its Python block is taken from README.md, pointed at PROXIMA_URL with a fresh collection name, run
in a new interpreter, and what it prints must be what the README says it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from proximadb import Client

README = Path(__file__).resolve().parents[1] / "README.md"
DEFAULT_URL = "http://127.0.0.1:7700"


def section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M)


def test_quick_start_runs_and_prints_what_the_readme_says(db: Client, url: str, unique_name: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    quick_start = section(README.read_text(encoding="utf-8"), "Quick start")
    code, = blocks(quick_start, "python")
    printed, = blocks(quick_start.split("It prints:", 1)[1], "")
    assert DEFAULT_URL in code and '"docs"' in code
    script = code.replace(DEFAULT_URL, url).replace('"docs"', f'"{unique_name}"')

    env = dict(os.environ, PYTHONPATH=str(README.parent / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"the quick start failed:\n{done.stderr}"
    assert done.stdout == printed
    with capsys.disabled():  # shown in the suite's output
        print(f"\nREADME quick start output (collection {unique_name}):\n{done.stdout}", end="")
