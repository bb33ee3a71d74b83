"""Two caseflow nodes behind Debian's nginx on one PostgreSQL, with a streaming replica for the reports.

Every part is real and started here: a PostgreSQL primary and a replica made with pg_basebackup (run as the
postgres user), two `caseflow serve` nodes sharing the machine's Redis for their rate limits, nginx in front.
Runs in the suite's PostgreSQL pass (.ci/run).
"""

import datetime as dt
import glob
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
import redis

from caseflow.calendar import WorkingCalendar
from tests.test_packaging import clean_environment, free_port

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/14"  # a database of its own, emptied when the site starts
PG_BIN = (
    Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
    if glob.glob("/usr/lib/postgresql/*/bin")
    else None
)
SECRET = "two-nodes-" + "k" * 40
PASSWORD = "a-long-password-1"
pytestmark = pytest.mark.postgres


def as_postgres(*command: str, **kwargs) -> subprocess.CompletedProcess:
    """Run a PostgreSQL server tool as the postgres user (the server refuses to run as root)."""
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


class Cluster:
    """A PostgreSQL server in a directory of its own, on its own port."""

    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port

    def url(self, driver: str = "postgresql+psycopg") -> str:
        """The URL of the caseflow database on this server."""
        return f"{driver}://postgres@127.0.0.1:{self.port}/caseflow"

    def settings(self, socket_dir: Path) -> None:
        """Port, loopback only, sockets in our directory, replication allowed from 127.0.0.1."""
        with (self.directory / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{socket_dir}'\nwal_level = replica\nmax_wal_senders = 4\n"
                "fsync = off\nhot_standby = on\n"
            )
        with (self.directory / "pg_hba.conf").open("a") as hba:
            hba.write("\nhost replication postgres 127.0.0.1/32 trust\n")

    def start(self) -> None:
        """pg_ctl start, waiting until it accepts connections."""
        as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.directory),
            "-l",
            str(self.directory / "server.log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        """Stop at once (the directory is thrown away)."""
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.directory),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
            timeout=60,
        )

    def query(self, sql: str, database: str = "caseflow"):
        """One value."""
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/{database}", autocommit=True
        ) as conn:
            cursor = conn.execute(sql)
            return cursor.fetchone()[0] if cursor.description else None


class Browser:
    """Cookies, forms and JSON over plain HTTP, without following redirects."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, method: str, url: str, *, form=None, body=None, headers=None):
        """(status, headers, text)."""
        data, sent = None, dict(headers or {})
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, method=method, headers=sent)  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def form_fields(self, url: str) -> dict:
        """The hidden fields (CSRF and once-only tokens) of the page's form."""
        status, _headers, page = self.request("GET", url)
        assert status == 200, (url, status)
        return dict(re.findall(r'<input[^>]*name="(csrf_token|form_token)"[^>]*value="([^"]+)"', page))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let a 302 be seen as it is."""

    def redirect_request(self, *args, **kwargs):
        """Never follow."""
        return None


def caseflow_command(environment: dict, cwd: Path, *args: str, stdin: str | None = None) -> str:
    """Run `caseflow ARGS` against the primary; its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", "from caseflow.cli import main; main()", *args],
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll until the server answers (bounded)."""
    for _attempt in range(240):
        if process.poll() is not None:
            pytest.fail(f"{url} exited: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - a local test server
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"{url} never answered")


@pytest.fixture(scope="module")
def site():
    """Primary, replica, two nodes and nginx; torn down whatever happens."""
    assert PG_BIN is not None, "the PostgreSQL server package is missing (.ci/system-packages installs it)"
    base = Path(tempfile.mkdtemp(prefix="caseflow-two-nodes-"))
    base.chmod(0o755)
    pg = base / "pg"
    pg.mkdir()
    shutil.chown(pg, "postgres", "postgres")
    primary, replica = Cluster(pg / "primary", free_port()), Cluster(pg / "replica", free_port())
    processes: list[subprocess.Popen] = []
    try:
        as_postgres(
            str(PG_BIN / "initdb"), "-D", str(primary.directory), "-A", "trust", "-U", "postgres", "--no-sync"
        )
        primary.settings(pg)
        primary.start()
        primary.query("CREATE DATABASE caseflow", database="postgres")
        environment = clean_environment(
            PYTHONPATH=str(ROOT),
            CASEFLOW_DATABASE_URL=primary.url(),
            CASEFLOW_SECRET_KEY=SECRET,
            CASEFLOW_ARGON2_MEMORY_KIB="8",
            CASEFLOW_ARGON2_TIME_COST="1",
            CASEFLOW_INSTANCE_DIR=str(base / "i"),
        )
        tokens = seed(environment, base)
        as_postgres(
            str(PG_BIN / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(primary.port),
            "-U",
            "postgres",
            "-D",
            str(replica.directory),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            "--no-sync",
        )
        with (replica.directory / "postgresql.conf").open("a") as conf:
            conf.write(f"\nport = {replica.port}\n")
        replica.start()
        node_environment = {
            **environment,
            "CASEFLOW_REPORTS_DATABASE_URL": replica.url(),
            "CASEFLOW_PROXY_HOPS": "1",
            "CASEFLOW_SETTINGS_CHECK_SECONDS": "0",
            "CASEFLOW_LOG_FORMAT": "json",
            "CASEFLOW_REDIS_URL": REDIS_URL,
            "CASEFLOW_RATE_LIMITS": "{track = [3, 60]}",
        }
        redis.Redis.from_url(REDIS_URL).flushdb()
        nodes = {}
        for name in ("a", "b"):
            port, log = free_port(), base / f"node-{name}.log"
            with log.open("wb") as output:
                processes.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-c",
                            "from caseflow.cli import main; main()",
                            "serve",
                            "--port",
                            str(port),
                            "--workers",
                            "2",
                        ],
                        cwd=base,
                        env=node_environment,
                        stdout=output,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
            nodes[name] = {
                "url": f"http://127.0.0.1:{port}",
                "port": port,
                "log": log,
                "process": processes[-1],
            }
        for node in nodes.values():
            wait_until_up(f"{node['url']}/healthz", node["process"], node["log"])
        front = start_nginx(base, [n["port"] for n in nodes.values()], processes)
        yield {
            "primary": primary,
            "replica": replica,
            "nodes": nodes,
            "front": front,
            "tokens": tokens,
            "environment": environment,
            "base": base,
        }
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
        replica.stop()
        primary.stop()
        shutil.rmtree(base, ignore_errors=True)


def seed(environment: dict, base: Path) -> dict:
    """A unit, a receptionist, a leader and an administrator, and API tokens for the first two."""
    caseflow_command(environment, base, "db", "upgrade")
    caseflow_command(environment, base, "unit", "create", "QN", "UBND tỉnh Quảng Ninh")
    for username, role in (("tiepnhan", "reception"), ("lanhdao", "leader"), ("quantri", "admin")):
        caseflow_command(
            environment,
            base,
            "user",
            "create",
            username,
            "--role",
            role,
            "--unit",
            "QN",
            stdin=PASSWORD + "\n",
        )
    return {
        name: caseflow_command(environment, base, "token", "create", name).strip().splitlines()[0]
        for name in ("tiepnhan", "lanhdao")
    }


def start_nginx(base: Path, ports: list[int], processes: list) -> str:
    """Debian's nginx in front of the nodes, as deploy/nginx/caseflow.conf but on plain HTTP and our ports."""
    directory = base / "nginx"
    directory.mkdir()
    port = free_port()
    servers = "".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;\n" for p in ports)
    (directory / "nginx.conf").write_text(
        f"daemon off;\npid {directory}/nginx.pid;\nerror_log {directory}/error.log;\nworker_processes 1;\n"
        "events {}\nhttp {\n"
        f"    client_body_temp_path {directory}/body;\n    proxy_temp_path {directory}/proxy;\n"
        f"    fastcgi_temp_path {directory}/fastcgi;\n    uwsgi_temp_path {directory}/uwsgi;\n"
        f"    scgi_temp_path {directory}/scgi;\n"
        f"    log_format caseflow '$remote_addr \"$request_method $uri\" $status request_id=$request_id';\n"
        f"    access_log {directory}/access.log caseflow;\n"
        f"    upstream caseflow {{\n{servers}    }}\n"
        f"    server {{\n        listen 127.0.0.1:{port};\n        location / {{\n"
        "            proxy_pass http://caseflow;\n            proxy_set_header Host $host;\n"
        "            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        "            proxy_set_header X-Forwarded-Proto $scheme;\n"
        "            proxy_set_header X-Request-ID $request_id;\n"
        "            proxy_next_upstream error timeout http_502;\n        }\n    }\n}\n"
    )
    log = directory / "nginx.out"
    with log.open("wb") as output:
        processes.append(
            subprocess.Popen(
                ["/usr/sbin/nginx", "-p", str(directory), "-c", str(directory / "nginx.conf")],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    wait_until_up(f"http://127.0.0.1:{port}/healthz", processes[-1], directory / "error.log")
    return f"http://127.0.0.1:{port}"


def letter(number: int) -> dict:
    """A letter for the intake API."""
    return {
        "channel": "post",
        "subject": f"Kiến nghị số {number} về đường liên thôn",
        "content": f"Đề nghị sửa chữa đoạn đường {number} bị sạt lở sau mưa lớn, ảnh hưởng đi lại của thôn.",
        "petitioner": {"full_name": f"Người dân {number}", "address": f"Thôn {number}, xã Hạ Long"},
    }


def bearer(token: str, **extra: str) -> dict:
    """The Authorization header."""
    return {"Authorization": f"Bearer {token}", **extra}


def test_a_pin_issued_through_node_a_tracks_through_node_b(site):
    a, b = site["nodes"]["a"]["url"], site["nodes"]["b"]["url"]
    status, _h, text = Browser().request(
        "POST", f"{a}/api/v1/cases", body=letter(1), headers=bearer(site["tokens"]["tiepnhan"])
    )
    assert status == 201, text
    case = json.loads(text)
    status, _h, text = Browser().request(
        "POST", f"{b}/api/v1/public/track/{case['tracking_code']}", body={"pin": case["pin"]}
    )
    assert status == 200 and json.loads(text)["tracking_code"] == case["tracking_code"]
    logs = site["nodes"]["a"]["log"].read_text() + site["nodes"]["b"]["log"].read_text()
    assert case["pin"] not in logs


def test_the_rate_limit_holds_across_both_nodes(site):
    a, b = site["nodes"]["a"]["url"], site["nodes"]["b"]["url"]
    redis.Redis.from_url(REDIS_URL).flushdb()  # the counts start empty, whatever ran before
    statuses = [
        Browser().request("POST", f"{url}/api/v1/public/track/QN-2027-999999", body={"pin": "00000000"})[0]
        for url in (a, a, b, b)
    ]
    assert statuses[:3] == [404, 404, 404] and statuses[3] == 429


def test_a_login_session_moves_between_nodes(site):
    a, b = site["nodes"]["a"]["url"], site["nodes"]["b"]["url"]
    browser = Browser()
    fields = browser.form_fields(f"{a}/login")
    status, headers, _t = browser.request(
        "POST", f"{a}/login", form={**fields, "username": "lanhdao", "password": PASSWORD}
    )
    assert status == 302 and "/login" not in headers["Location"]
    status, headers, page = browser.request("GET", f"{b}/")
    assert status in (200, 302) and "/login" not in (headers.get("Location") or "")
    assert Browser().request("GET", f"{b}/")[1].get("Location", "").find("/login") >= 0  # without the cookie


def test_a_calendar_day_added_on_a_changes_due_dates_on_b_without_a_restart(site):
    a, b = site["nodes"]["a"]["url"], site["nodes"]["b"]["url"]
    reception = bearer(site["tokens"]["tiepnhan"])
    before = json.loads(Browser().request("POST", f"{b}/api/v1/cases", body=letter(2), headers=reception)[2])
    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    calendar, day, working_days = WorkingCalendar(), today, 0
    while working_days < 2:
        day += dt.timedelta(days=1)
        working_days += calendar.is_working_day(day)
    admin = Browser()
    fields = admin.form_fields(f"{a}/login")
    admin.request("POST", f"{a}/login", form={**fields, "username": "quantri", "password": PASSWORD})
    fields = admin.form_fields(f"{a}/admin/calendar")
    status, _h, text = admin.request(
        "POST",
        f"{a}/admin/calendar",
        form={**fields, "day": day.isoformat(), "kind": "off", "note": "Nghỉ bù"},
    )
    assert status in (302, 303), text
    after = json.loads(Browser().request("POST", f"{b}/api/v1/cases", body=letter(3), headers=reception)[2])
    assert before["received_on"] == after["received_on"]
    assert dt.date.fromisoformat(after["due_on"]) > dt.date.fromisoformat(before["due_on"])


def test_a_report_read_from_the_replica_equals_the_primarys(site):
    primary, replica = site["primary"], site["replica"]
    assert replica.query("SELECT pg_is_in_recovery()") is True
    target = primary.query("SELECT pg_current_wal_lsn()::text")
    for _attempt in range(200):
        if replica.query(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
            break
        time.sleep(0.05)
    else:
        pytest.fail("the replica never caught up with the primary")
    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    start = (today - dt.timedelta(days=30)).isoformat()
    url = f"{site['nodes']['a']['url']}/api/v1/reports/processing?from={start}&to={today.isoformat()}"
    status, _h, text = Browser().request("GET", url, headers=bearer(site["tokens"]["lanhdao"]))
    assert status == 200, text
    from_replica = json.loads(text)
    from_primary = json.loads(
        caseflow_command(
            site["environment"],
            site["base"],
            "report",
            "processing",
            "--from",
            start,
            "--to",
            today.isoformat(),
            "--format",
            "json",
        )
    )
    assert from_replica == from_primary and from_primary["totals"]["received"] >= 1


def test_killing_a_node_loses_no_acknowledged_write(site):
    front, reception = site["front"], bearer(site["tokens"]["tiepnhan"])
    keys = [uuid.uuid4().hex for _ in range(40)]
    acknowledged: dict[str, int] = {}
    killed = False

    def send(key: str, number: int):
        status, _h, text = Browser().request(
            "POST",
            f"{front}/api/v1/cases",
            body=letter(100 + number),
            headers={**reception, "Idempotency-Key": key},
        )
        return key, status, text

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(send, key, number) for number, key in enumerate(keys)]
        for future in futures:
            key, status, text = future.result()
            if status == 201:
                acknowledged[key] = json.loads(text)["id"]
            if len(acknowledged) >= 8 and not killed:
                node_a = site["nodes"]["a"]["process"]
                os.killpg(node_a.pid, signal.SIGKILL)
                node_a.wait(timeout=30)
                killed = True
    assert killed
    for number, key in enumerate(keys):  # a client retries what was not acknowledged, with the same key
        for _attempt in range(20):
            if key in acknowledged:
                break
            _key, status, text = send(key, number)
            if status == 201:
                acknowledged[key] = json.loads(text)["id"]
    assert set(acknowledged) == set(keys)
    ids = ",".join(str(i) for i in acknowledged.values())
    primary = site["primary"]
    assert primary.query(f"SELECT count(*) FROM cases WHERE id IN ({ids})") == len(keys)
    assert primary.query("SELECT count(*) FROM cases WHERE subject LIKE 'Kiến nghị số 1__ %'") == len(keys)
