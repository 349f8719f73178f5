"""Durability of pipeline-studio-server --state (a journal folder): a
restart keeps every pipeline and running task, a kill -9 in the middle of
a stream of writes loses nothing the server had acknowledged, a torn last
record is dropped with a warning, a folder written by another engine is
refused naming both, the account's 100-pipeline limit still holds after a
restart, and on the wall clock every call is replayed at its own virtual
time (issue 19; the limit: AWS Data Pipeline Developer Guide, "AWS Data
Pipeline Limits", Number of pipelines 100)."""

import glob
import json
import os
import signal
import struct
import subprocess
import zlib
import tempfile
import threading
import time
import unittest

from server import BIN, Server, active_seed_pipeline, fields, seed_objects


class State(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "state")

    def tearDown(self):
        self.dir.cleanup()

    def test_restart_keeps_pipelines_and_a_running_task(self):
        s = Server("--clock", "manual", "--state", self.path)
        dp = s.client()
        pid = active_seed_pipeline(dp)
        other = dp.create_pipeline(name="second", uniqueId="second")["pipelineId"]
        task = dp.poll_for_task(workerGroup="workerGroup", hostname="r1")["taskObject"]
        dp.report_task_progress(taskId=task["taskId"])
        now = s.advance(60)
        s.stop(signal.SIGKILL)

        s = Server("--clock", "manual", "--state", self.path)
        try:
            dp = s.client()
            self.assertEqual(s.now(), now)
            ids = {p["id"] for p in dp.list_pipelines()["pipelineIdList"]}
            self.assertEqual(ids, {pid, other})
            # The lease survived: the same runner goes on and finishes.
            self.assertIs(dp.report_task_progress(taskId=task["taskId"])["canceled"], False)
            dp.set_task_status(taskId=task["taskId"], taskStatus="FINISHED")
            attempt = dp.describe_objects(pipelineId=pid, objectIds=[task["attemptId"]])
            self.assertEqual(fields(attempt["pipelineObjects"][0])["@status"], "FINISHED")
            # One folder, no temp file beside it; inside, the journal and
            # snapshots only.
            self.assertEqual(os.listdir(self.dir.name), ["state"])
            for name in os.listdir(self.path):
                self.assertRegex(name, r"^(LOCK|snapshot-\d{20}\.json|journal-\d{20}\.log)$")
        finally:
            s.stop()

    def test_kill_9_under_load_loses_nothing_acknowledged(self):
        # Writers as fast as the server acknowledges: six bump a tag on
        # their own pipeline, one puts a new definition each time, one
        # creates pipelines, one is a task runner (poll, finish, move the
        # clock an hour when nothing is due). kill -9 mid-stream; after the
        # restart ListPipelines, DescribePipelines, GetPipelineDefinition
        # and DescribeObjects must show at least what was acknowledged.
        s = Server("--clock", "manual", "--state", self.path)
        dp = s.client()
        tagged = [dp.create_pipeline(name=f"w{n}", uniqueId=f"w{n}")["pipelineId"] for n in range(6)]
        defined = dp.create_pipeline(name="def", uniqueId="def")["pipelineId"]
        run = active_seed_pipeline(dp)
        acked = {"tags": [0] * len(tagged), "def": 0, "created": [], "finished": []}
        errors = []
        stop = threading.Event()

        def client():
            return s.client(read_timeout=10, connect_timeout=2)

        def guarded(body):
            def go():
                c = client()
                k = 0
                while not stop.is_set():
                    k += 1
                    try:
                        body(c, k)
                    except Exception as e:  # the kill cuts requests off
                        if not stop.is_set():
                            errors.append(e)
                        return
            return go

        def tagger(n):
            def body(c, k):
                c.add_tags(pipelineId=tagged[n], tags=[{"key": "seq", "value": str(k)}])
                acked["tags"][n] = k
            return body

        def definer(c, k):
            objects = seed_objects()
            for o in objects:
                for f in o["fields"]:
                    if f["key"] == "command":
                        f["stringValue"] = f"echo {k}"
            c.put_pipeline_definition(pipelineId=defined, pipelineObjects=objects)
            acked["def"] = k

        def creator(c, k):
            pid = c.create_pipeline(name=f"c{k}", uniqueId=f"c{k}")["pipelineId"]
            acked["created"].append(pid)
            if len(acked["created"]) >= 80:
                stop.wait(0.05)

        def runner(c, k):
            task = c.poll_for_task(workerGroup="workerGroup", hostname="r").get("taskObject")
            if task is None:
                s.advance(3600)
                return
            c.set_task_status(taskId=task["taskId"], taskStatus="FINISHED")
            acked["finished"].append(task["attemptId"])

        bodies = [tagger(n) for n in range(len(tagged))] + [definer, creator, runner]
        threads = [threading.Thread(target=guarded(b)) for b in bodies]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while (sum(acked["tags"]) < 200 or len(acked["finished"]) < 3 or len(acked["created"]) < 60) \
                and time.monotonic() < deadline and any(t.is_alive() for t in threads):
            time.sleep(0.05)
        stop.set()
        s.stop(signal.SIGKILL)
        for t in threads:
            t.join(20)
        self.assertGreaterEqual(sum(acked["tags"]), 200, f"writers stopped early: {errors[:1]}")
        self.assertGreaterEqual(len(acked["finished"]), 3, f"runner stopped early: {errors[:1]}")
        self.assertGreaterEqual(len(acked["created"]), 60, f"creator stopped early: {errors[:1]}")

        s = Server("--clock", "manual", "--state", self.path)
        try:
            dp = s.client()
            described = dp.describe_pipelines(pipelineIds=tagged)["pipelineDescriptionList"]
            kept = {d["pipelineId"]: int({t["key"]: t["value"] for t in d.get("tags", [])}.get("seq", 0))
                    for d in described}
            for n, pid in enumerate(tagged):
                self.assertGreaterEqual(kept[pid], acked["tags"][n], f"writer {n} lost acknowledged writes")
            # ListPipelines answers 50 per page: read every page (a fast
            # machine creates more than one page before the kill).
            listed = {p["id"] for page in dp.get_paginator("list_pipelines").paginate()
                      for p in page["pipelineIdList"]}
            self.assertLessEqual(set(acked["created"]), listed, "an acknowledged CreatePipeline is gone")
            commands = [f["stringValue"] for o in dp.get_pipeline_definition(pipelineId=defined)["pipelineObjects"]
                        for f in o["fields"] if f["key"] == "command"]
            self.assertTrue(commands)
            for c in commands:
                self.assertGreaterEqual(int(c.split()[1]), acked["def"], "an acknowledged definition is gone")
            finished = acked["finished"]
            for at in range(0, len(finished), 25):
                objs = dp.describe_objects(pipelineId=run, objectIds=finished[at:at + 25])["pipelineObjects"]
                self.assertEqual(len(objs), len(finished[at:at + 25]))
                for o in objs:
                    self.assertEqual(fields(o)["@status"], "FINISHED", o["id"])
        finally:
            s.stop()

    def test_torn_last_record_is_dropped_with_a_warning(self):
        s = Server("--clock", "manual", "--state", self.path)
        dp = s.client()
        pid = dp.create_pipeline(name="a", uniqueId="a")["pipelineId"]
        dp.add_tags(pipelineId=pid, tags=[{"key": "k", "value": "kept"}])
        s.stop(signal.SIGKILL)
        segment = sorted(glob.glob(os.path.join(self.path, "journal-*.log")))[-1]
        payload = json.dumps({"seq": 3, "kind": "call", "at": "2012-12-12T00:00:00", "target": "DataPipeline.DeletePipeline",
                              "body": json.dumps({"pipelineId": pid}), "caller": "x"}).encode()
        frame = struct.pack("<II", len(payload), zlib.crc32(payload)) + payload
        with open(segment, "ab") as f:
            f.write(frame[: len(frame) - 7])  # cut off mid-write
        s = Server("--clock", "manual", "--state", self.path)
        try:
            tags = s.client().describe_pipelines(pipelineIds=[pid])["pipelineDescriptionList"][0]["tags"]
            self.assertEqual(tags, [{"key": "k", "value": "kept"}])
        finally:
            s.stop()
        self.assertIn("dropped a torn last record", s.stderr_text)

    def test_a_folder_of_another_engine_is_refused(self):
        s = Server("--clock", "manual", "--state", self.path)
        s.client().create_pipeline(name="a", uniqueId="a")
        s.stop()
        segment = sorted(glob.glob(os.path.join(self.path, "journal-*.log")))[0]
        data = open(segment, "rb").read()
        n = struct.unpack("<I", data[:4])[0]
        header = json.loads(data[8:8 + n])
        mine = header["engine"]
        header["engine"] = "pipeline-engine 0.0.1+src.0123456789ab"
        payload = json.dumps(header).encode()
        with open(segment, "wb") as f:
            f.write(struct.pack("<II", len(payload), zlib.crc32(payload)) + payload + data[8 + n:])
        r = subprocess.run([BIN, "--port", "0", "--clock", "manual", "--state", self.path],
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("pipeline-engine 0.0.1+src.0123456789ab", r.stderr)
        self.assertIn(mine, r.stderr)
        self.assertIn("Start fresh", r.stderr)

    def test_the_100_pipeline_limit_holds_after_a_restart(self):
        s = Server("--clock", "manual", "--state", self.path)
        dp = s.client()
        ids = [dp.create_pipeline(name=f"p{n}", uniqueId=f"p{n}")["pipelineId"] for n in range(100)]
        s.stop(signal.SIGKILL)
        s = Server("--clock", "manual", "--state", self.path)
        try:
            dp = s.client()
            with self.assertRaises(dp.exceptions.InvalidRequestException) as e:
                dp.create_pipeline(name="one-more", uniqueId="one-more")
            self.assertIn("Limit exceeded", str(e.exception))
            dp.delete_pipeline(pipelineId=ids[0])
            dp.create_pipeline(name="one-more", uniqueId="one-more")
        finally:
            s.stop()

    def test_wall_clock_calls_replay_at_their_own_virtual_time(self):
        # At 60x a second of wall time is a virtual minute: a replay at any
        # other time than the call's own would change @actualEndTime.
        s = Server("--clock", "wall", "--speed", "60", "--start", "2012-12-12T00:00:00",
                   "--poll-wait", "0", "--state", self.path)
        dp = s.client()
        pid = active_seed_pipeline(dp)
        task = None
        deadline = time.monotonic() + 30
        while task is None and time.monotonic() < deadline:
            task = dp.poll_for_task(workerGroup="workerGroup", hostname="r").get("taskObject")
        self.assertIsNotNone(task)
        dp.set_task_status(taskId=task["taskId"], taskStatus="FINISHED")
        ids = [task["attemptId"]]
        before = dp.describe_objects(pipelineId=pid, objectIds=ids)["pipelineObjects"]
        s.stop(signal.SIGKILL)
        time.sleep(1.5)
        s = Server("--clock", "wall", "--speed", "60", "--poll-wait", "0", "--state", self.path)
        try:
            after = s.client().describe_objects(pipelineId=pid, objectIds=ids)["pipelineObjects"]
            self.assertEqual(fields(after[0]), fields(before[0]))
            self.assertEqual(fields(after[0])["@status"], "FINISHED")
        finally:
            s.stop()


if __name__ == "__main__":
    unittest.main()
