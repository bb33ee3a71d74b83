"""The wheel installs into an empty venv and runs from any directory: migrations, demo, serve, Vietnamese."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.standalone


def clean_environment(**extra: str) -> dict[str, str]:
    """The environment without any caseflow setting of the outer shell (pip's own settings are kept)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("CASEFLOW_", "FLASK_"))}
    environment.pop("PYTHONPATH", None)
    return {**environment, **extra}


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv made empty, with only the wheel built from this checkout and its dependencies (pip's cache)."""
    where = tmp_path_factory.mktemp("wheel")
    environment = clean_environment()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(where / "dist"), str(ROOT)],
        check=True, env=environment, capture_output=True,
    )
    wheel = next((where / "dist").glob("caseflow-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(where / "venv")], check=True, env=environment)
    subprocess.run(
        [str(where / "venv" / "bin" / "pip"), "install", "--quiet", str(wheel)],
        check=True, env=environment, capture_output=True,
    )
    return where / "venv"


def caseflow(venv: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run the installed console script in `cwd`."""
    return subprocess.run(
        [str(venv / "bin" / "caseflow"), *args],
        cwd=cwd, env=clean_environment(**env), capture_output=True, text=True, timeout=300, check=False,
    )


def test_the_wheel_migrates_loads_the_demo_and_serves_from_any_directory(installed, tmp_path):
    work = tmp_path / "agency"
    work.mkdir()
    version = caseflow(installed, work, "--version")
    assert version.stdout.strip() == "caseflow 0.1.0", version.stdout + version.stderr

    upgrade = caseflow(installed, work, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    demo = caseflow(installed, work, "demo")
    assert demo.returncode == 0, demo.stderr
    assert "Demo loaded" in demo.stdout and "caseflow-demo" in demo.stdout

    instance = work / "instance"
    assert (instance / "caseflow.db").is_file() and (instance / "secret_key").is_file()
    assert not list(installed.rglob("secret_key")) and not list(installed.rglob("caseflow.db"))

    port, log = free_port(), tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(installed / "bin" / "caseflow"), "serve", "--port", str(port), "--workers", "1"],
            cwd=work, env=clean_environment(), stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            page = _get_when_up(f"http://127.0.0.1:{port}/login", server, log)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "Đăng nhập" in page  # the compiled Vietnamese catalog shipped in the wheel


def test_the_instance_directory_is_a_setting(installed, tmp_path):
    elsewhere = tmp_path / "var" / "caseflow"
    work = tmp_path / "work"
    work.mkdir()
    done = caseflow(installed, work, "db", "upgrade", CASEFLOW_INSTANCE_DIR=str(elsewhere))
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "caseflow.db").is_file() and not (work / "instance").exists()


def _get_when_up(url: str, server: subprocess.Popen, log: Path, attempts: int = 120) -> str:
    """The page's text once the server answers (it may take a few seconds to start)."""
    for _attempt in range(attempts):
        if server.poll() is not None:
            pytest.fail(f"caseflow serve exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local test server
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"caseflow serve did not answer {url}")
