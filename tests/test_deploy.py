"""deploy/: the nginx site passes `nginx -t`, the systemd units verify and run commands caseflow knows."""

import configparser
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from flask import request

from caseflow import create_app
from caseflow.cli import notify, serve, sweep
from tests.conftest import app_settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
INSTALLED_CASEFLOW = "/srv/caseflow/.venv/bin/caseflow"
UNITS = sorted((DEPLOY / "systemd").iterdir())
COMMANDS = {command.name: command for module in (serve, sweep, notify) for command in module.COMMANDS}
pytestmark = pytest.mark.standalone


def unit_file(path: Path) -> configparser.ConfigParser:
    """A systemd unit read as INI (keys keep their case)."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser


def test_nginx_accepts_the_site(tmp_path):
    key, cert = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=caseflow.test",
         "-days", "1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    site = (DEPLOY / "nginx" / "caseflow.conf").read_text()
    site = site.replace("/etc/caseflow/tls/", f"{tmp_path}/").replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "caseflow.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n    include {tmp_path}/caseflow.conf;\n}}\n"
    )
    checked = subprocess.run(
        ["/usr/sbin/nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_nginx_never_logs_a_query_string_and_forwards_what_caseflow_trusts():
    site = (DEPLOY / "nginx" / "caseflow.conf").read_text()
    log_format = site.split("log_format caseflow", 1)[1].split(";", 1)[0]
    assert "$uri" in log_format and "$request " not in log_format and "$args" not in log_format
    assert "$request_uri" not in log_format and "$query_string" not in log_format
    for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Request-ID"):
        assert f"proxy_set_header {header}" in site
    metrics = site.split("location = /metrics", 1)[1].split("}", 1)[0]
    assert "return 404;" in metrics  # Prometheus reaches the nodes directly, never through the public site


def test_units_verify_with_systemd_analyze(tmp_path):
    environment = tmp_path / "env"
    environment.write_text("CASEFLOW_SECRET_KEY=x\n")
    caseflow = Path(sys.executable).parent / "caseflow"
    for unit in UNITS:
        text = unit.read_text().replace(INSTALLED_CASEFLOW, str(caseflow))
        (tmp_path / unit.name).write_text(text.replace("/etc/caseflow/env", str(environment)))
    verified = subprocess.run(
        ["systemd-analyze", "verify", *(f"./{unit.name}" for unit in UNITS)],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr


@pytest.mark.parametrize("unit", [u for u in UNITS if u.suffix == ".service"], ids=lambda u: u.name)
def test_each_service_runs_a_caseflow_command_line_that_parses(unit):
    service = unit_file(unit)["Service"]
    program, *args = shlex.split(service["ExecStart"])
    assert program == INSTALLED_CASEFLOW
    assert service["EnvironmentFile"] == "/etc/caseflow/env" and service["User"] == "caseflow"
    COMMANDS[args[0]].make_context(args[0], list(args[1:]))  # raises on an unknown option or a bad value


def test_the_web_unit_restarts_and_the_jobs_run_on_timers():
    web = unit_file(DEPLOY / "systemd" / "caseflow.service")
    assert web["Service"]["Restart"] == "on-failure" and "serve" in web["Service"]["ExecStart"]
    assert web["Install"]["WantedBy"] == "multi-user.target"
    for job in ("sweep", "notify"):
        timer = unit_file(DEPLOY / "systemd" / f"caseflow-{job}.timer")
        assert timer["Timer"]["Unit"] == f"caseflow-{job}.service" and timer["Timer"]["OnCalendar"]
        assert timer["Install"]["WantedBy"] == "timers.target"
        assert unit_file(DEPLOY / "systemd" / f"caseflow-{job}.service")["Service"]["Type"] == "oneshot"


def proxied_app(tmp_path, hops: int):
    """An app with CASEFLOW_PROXY_HOPS set and a page that shows what it believes about the request."""
    app = create_app({**app_settings(f"sqlite:///{tmp_path}/proxy.db"), "CASEFLOW_PROXY_HOPS": hops})
    app.add_url_rule("/_seen", "seen", lambda: {"addr": request.remote_addr, "url": request.url_root})
    return app


FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "cf.example"}


def test_behind_one_proxy_the_client_address_scheme_and_host_are_the_forwarded_ones(tmp_path):
    seen = proxied_app(tmp_path, 1).test_client().get("/_seen", headers=FORWARDED).get_json()
    assert seen == {"addr": "203.0.113.9", "url": "https://cf.example/"}


def test_without_declared_proxies_forwarded_headers_are_ignored(tmp_path):
    seen = proxied_app(tmp_path, 0).test_client().get("/_seen", headers=FORWARDED).get_json()
    assert seen == {"addr": "127.0.0.1", "url": "http://localhost/"}
