"""Durability of pipeline-studio-server --state: a restart keeps every
pipeline and running task, and a kill -9 in the middle of a stream of
writes loses nothing the server had acknowledged."""

import os
import signal
import tempfile
import threading
import time
import unittest

from server import Server, active_seed_pipeline, fields


class State(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "state.json")

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
            # No temp file is left beside the state file.
            self.assertEqual(os.listdir(self.dir.name), ["state.json"])
        finally:
            s.stop()

    def test_kill_9_under_load_loses_nothing_acknowledged(self):
        # Eight writers each bump a tag on their own pipeline as fast as the
        # server acknowledges; kill -9 mid-stream; after the restart every
        # pipeline must carry at least the last acknowledged value.
        s = Server("--clock", "manual", "--state", self.path)
        dp = s.client()
        pids = [dp.create_pipeline(name=f"w{n}", uniqueId=f"w{n}")["pipelineId"] for n in range(8)]
        acked = [0] * len(pids)
        errors = []
        stop = threading.Event()

        def writer(n):
            c = s.client(read_timeout=10, connect_timeout=2)
            k = 0
            while not stop.is_set():
                k += 1
                try:
                    c.add_tags(pipelineId=pids[n], tags=[{"key": "seq", "value": str(k)}])
                except Exception as e:  # the kill cuts requests off
                    if not stop.is_set():
                        errors.append(e)
                    return
                acked[n] = k

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(len(pids))]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while sum(acked) < 200 and time.monotonic() < deadline and any(t.is_alive() for t in threads):
            time.sleep(0.05)
        stop.set()
        s.stop(signal.SIGKILL)
        for t in threads:
            t.join(20)
        self.assertGreaterEqual(sum(acked), 200, f"writers stopped early: {errors[:1]}")

        s = Server("--clock", "manual", "--state", self.path)
        try:
            dp = s.client()
            described = dp.describe_pipelines(pipelineIds=pids)["pipelineDescriptionList"]
            kept = {d["pipelineId"]: int({t["key"]: t["value"] for t in d.get("tags", [])}.get("seq", 0))
                    for d in described}
            for n, pid in enumerate(pids):
                self.assertGreaterEqual(kept[pid], acked[n], f"writer {n} lost acknowledged writes")
        finally:
            s.stop()

if __name__ == "__main__":
    unittest.main()
