"""Start and stop pipeline-studio-server for the Python tests, and make
boto3 clients for it. The binary comes from $SERVER_BIN or target/debug;
shared documents from $SHARED_DIR or the first shared/ above the crate."""

import json
import os
import pathlib
import signal
import subprocess
import urllib.request

import boto3
from botocore.config import Config

# The workspace root (crates/server/tests/python -> ../../../..).
ROOT = pathlib.Path(__file__).resolve().parents[4]
BIN = os.environ.get("SERVER_BIN") or str(ROOT / "target" / "debug" / "pipeline-studio-server")

# Fake credentials only; never the user's own AWS configuration.
FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_PAGER": "",
}
os.environ.update(FAKE_ENV)
os.environ.pop("AWS_SESSION_TOKEN", None)
os.environ.pop("AWS_PROFILE", None)


def fixtures(sub):
    """`tests/fixtures/<sub>` at the workspace root (test data copied into the repository)."""
    return ROOT / "tests" / "fixtures" / sub


def sample(name):
    return json.loads((fixtures("samples") / name).read_text())


# The clock every boto3/CLI check runs against: `./scripts/test-server` runs
# the suite once per mode (issue 18 item 1: ids must resolve on both).
# manual: virtual time moves only through /__clock/advance; wall: it follows
# the wall clock (times with milliseconds), from the seed's start, with a
# short long-poll so an empty PollForTask answers quickly.
CLOCK = os.environ.get("PS_CLOCK", "manual")
CLOCK_ARGS = {
    "manual": ["--clock", "manual"],
    "wall": ["--clock", "wall", "--start", "2012-12-12T00:00:00", "--poll-wait", "0.5"],
}[CLOCK]


class Server:
    """One server process on a free 127.0.0.1 port."""

    def __init__(self, *args):
        self.args = [str(a) for a in args]
        self.proc = subprocess.Popen(
            [BIN, "--port", "0", "--quiet", *self.args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.proc.stdout.readline().strip()
        if not line.startswith("listening on "):
            self.proc.kill()
            raise RuntimeError(f"server did not start: {line!r} {self.proc.stderr.read()}")
        self.url = line[len("listening on "):]

    def client(self, key="test", secret="test", **config):
        return client(self.url, key, secret, **config)

    def admin(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method="POST" if data else "GET")
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())

    def now(self):
        return self.admin("/__clock/now")["now"]

    def advance(self, seconds):
        return self.admin("/__clock/advance", {"seconds": seconds})["now"]

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=10)
        self.proc.stdout.close()
        # What the server said on stderr (warnings; --quiet drops the request log).
        self.stderr_text = self.proc.stderr.read() if not self.proc.stderr.closed else ""
        self.proc.stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def client(url, key="test", secret="test", **config):
    cfg = {"retries": {"max_attempts": 1, "mode": "standard"}, "read_timeout": 120}
    cfg.update(config)
    return boto3.session.Session().client(
        "datapipeline",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(**cfg),
    )


def seed_objects():
    return sample("seed-sayhello-put-request.json")["pipelineObjects"]


def active_seed_pipeline(dp, name="hello", unique="u-hello"):
    """Create, put the seed SayHello definition, activate; returns the id."""
    pid = dp.create_pipeline(name=name, uniqueId=unique)["pipelineId"]
    put = dp.put_pipeline_definition(pipelineId=pid, pipelineObjects=seed_objects())
    assert put["errored"] is False, put
    dp.activate_pipeline(pipelineId=pid)
    return pid


def fields(obj):
    """{key: value} of a wire object (refValue or stringValue)."""
    return {f["key"]: f.get("stringValue", f.get("refValue")) for f in obj["fields"]}


def raw_poll(url, worker_group, hostname="raw"):
    """Send a signed PollForTask on a raw socket and return the socket
    (unread), so a test can hold the long poll open or hang up."""
    import socket

    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    host = url.split("//", 1)[1]
    body = json.dumps({"workerGroup": worker_group, "hostname": hostname})
    req = AWSRequest(method="POST", url=url + "/", data=body, headers={
        "X-Amz-Target": "DataPipeline.PollForTask",
        "Content-Type": "application/x-amz-json-1.1",
        "Host": host})
    SigV4Auth(Credentials("test", "test"), "datapipeline", "us-east-1").add_auth(req)
    name, port = host.rsplit(":", 1)
    sock = socket.create_connection((name, int(port)))
    head = "POST / HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in req.headers.items())
    sock.sendall((head + f"Content-Length: {len(body)}\r\n\r\n" + body).encode())
    return sock
