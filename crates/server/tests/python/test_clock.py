"""Time on pipeline-studio-server: the admin clock API, the wall clock's
PollForTask long poll (answers as soon as a task is due, gives up after
--poll-wait) and a poller that hangs up is never handed a task."""

import threading
import time
import unittest

from botocore.exceptions import ReadTimeoutError

from server import Server, active_seed_pipeline, raw_poll


class ManualClock(unittest.TestCase):
    def test_time_moves_only_when_asked_and_empty_polls_answer_at_once(self):
        with Server("--clock", "manual", "--start", "2012-12-12T00:00:00") as s:
            self.assertEqual(s.now(), "2012-12-12T00:00:00")
            t0 = time.monotonic()
            self.assertNotIn("taskObject", s.client().poll_for_task(workerGroup="nobody"))
            self.assertLess(time.monotonic() - t0, 5)
            time.sleep(1.1)
            self.assertEqual(s.now(), "2012-12-12T00:00:00")
            self.assertEqual(s.advance(90), "2012-12-12T00:01:30")
            self.assertEqual(s.now(), "2012-12-12T00:01:30")

    def test_advance_runs_every_due_event_before_answering(self):
        with Server("--clock", "manual") as s:
            dp = s.client()
            pid = active_seed_pipeline(dp)
            # Finish each hourly instance as it comes, three hours on.
            done = 0
            for _ in range(3):
                task = dp.poll_for_task(workerGroup="workerGroup")["taskObject"]
                dp.set_task_status(taskId=task["taskId"], taskStatus="FINISHED")
                done += 1
                s.advance(3600)
            ids = dp.query_objects(pipelineId=pid, sphere="INSTANCE")["ids"]
            self.assertGreaterEqual(len(ids), 4)

    def test_bad_advance_is_a_400(self):
        import urllib.error
        with Server("--clock", "manual") as s:
            with self.assertRaises(urllib.error.HTTPError) as e:
                s.admin("/__clock/advance", {"seconds": -5})
            self.assertEqual(e.exception.code, 400)


class WallClock(unittest.TestCase):
    def test_virtual_time_follows_the_wall_clock_at_speed(self):
        with Server("--clock", "wall", "--speed", "60", "--start", "2012-12-12T00:00:00") as s:
            time.sleep(1.5)
            now = s.now()
            self.assertGreaterEqual(now, "2012-12-12T00:01:00")
            self.assertLess(now, "2012-12-12T00:10:00")

    def test_empty_poll_waits_for_poll_wait(self):
        with Server("--clock", "wall", "--poll-wait", "1.5") as s:
            t0 = time.monotonic()
            self.assertNotIn("taskObject", s.client().poll_for_task(workerGroup="nobody"))
            self.assertGreaterEqual(time.monotonic() - t0, 1.4)

    def test_long_poll_answers_when_a_task_becomes_due(self):
        with Server("--clock", "wall", "--start", "2012-12-12T00:00:00") as s:
            dp = s.client()
            active_seed_pipeline(dp)
            first = dp.poll_for_task(workerGroup="workerGroup")["taskObject"]
            dp.set_task_status(taskId=first["taskId"], taskStatus="FINISHED")
            # The next hourly instance is an hour away: the poll waits for it.
            got = {}

            def poll():
                t0 = time.monotonic()
                got["answer"] = dp.poll_for_task(workerGroup="workerGroup")
                got["secs"] = time.monotonic() - t0

            t = threading.Thread(target=poll)
            t.start()
            time.sleep(1.0)
            self.assertTrue(t.is_alive(), "the poll answered before a task was due")
            s.advance(3600)
            t.join(30)
            self.assertIn("taskObject", got["answer"])
            self.assertNotEqual(got["answer"]["taskObject"]["attemptId"], first["attemptId"])
            self.assertLess(got["secs"], 10)

    def test_a_poller_that_hangs_up_is_not_handed_the_task(self):
        with Server("--clock", "wall", "--start", "2012-12-12T00:00:00") as s:
            dp = s.client()
            active_seed_pipeline(dp)
            first = dp.poll_for_task(workerGroup="workerGroup")["taskObject"]
            dp.set_task_status(taskId=first["taskId"], taskStatus="FINISHED")
            impatient = s.client(read_timeout=1, connect_timeout=5)
            with self.assertRaises(ReadTimeoutError):
                impatient.poll_for_task(workerGroup="workerGroup", hostname="gone")
            impatient.close()
            time.sleep(0.5)
            s.advance(3600)
            t0 = time.monotonic()
            task = dp.poll_for_task(workerGroup="workerGroup", hostname="here")
            self.assertIn("taskObject", task, "the task went to the poller that hung up")
            self.assertLess(time.monotonic() - t0, 5)

    def test_control_a_poller_that_stays_is_handed_the_task(self):
        # The same steps with the first poller still connected: it gets the
        # task, so the test above tells the two cases apart.
        with Server("--clock", "wall", "--start", "2012-12-12T00:00:00", "--poll-wait", "2") as s:
            dp = s.client()
            active_seed_pipeline(dp)
            first = dp.poll_for_task(workerGroup="workerGroup")["taskObject"]
            dp.set_task_status(taskId=first["taskId"], taskStatus="FINISHED")
            sock = raw_poll(s.url, "workerGroup")
            try:
                time.sleep(0.5)
                s.advance(3600)
                self.assertNotIn("taskObject", dp.poll_for_task(workerGroup="workerGroup"))
                sock.settimeout(10)
                answer = sock.recv(65536).decode()
                self.assertIn("200 OK", answer)
                self.assertIn("taskObject", answer)
            finally:
                sock.close()


if __name__ == "__main__":
    unittest.main()
