"""boto3 against pipeline-studio-server: the task runner's whole round trip,
the 2-minute acknowledgement window, service errors as ClientErrors,
signatures (format check and --credentials verification) and CORS."""

import json
import tempfile
import unittest
import urllib.error
import urllib.request

from botocore.exceptions import ClientError

from server import CLOCK_ARGS, Server, active_seed_pipeline, fields, sample


def error_of(call, **kw):
    try:
        call(**kw)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError(f"{call.__name__} did not fail")


class RoundTrip(unittest.TestCase):
    def setUp(self):
        self.server = Server(*CLOCK_ARGS)
        self.dp = self.server.client()

    def tearDown(self):
        self.server.stop()

    def test_create_put_activate_poll_progress_finish(self):
        dp = self.dp
        pid = active_seed_pipeline(dp)
        task = dp.poll_for_task(workerGroup="workerGroup", hostname="runner-1")["taskObject"]
        self.assertEqual(task["pipelineId"], pid)
        attempt = task["objects"][task["attemptId"]]
        f = fields(attempt)
        self.assertEqual(f["command"], "echo hello")
        self.assertEqual(f["@componentParent"], "SayHello")
        self.assertEqual(dp.report_task_progress(taskId=task["taskId"])["canceled"], False)
        dp.set_task_status(taskId=task["taskId"], taskStatus="FINISHED")
        instance = f["@instanceParent"]
        got = dp.describe_objects(pipelineId=pid, objectIds=[instance, task["attemptId"]])
        status = {o["id"]: fields(o)["@status"] for o in got["pipelineObjects"]}
        self.assertEqual(status, {instance: "FINISHED", task["attemptId"]: "FINISHED"})
        # The service's own headers come through.
        meta = got["ResponseMetadata"]
        self.assertTrue(meta["RequestId"])
        self.assertEqual(meta["HTTPHeaders"]["content-type"], "application/x-amz-json-1.1")
        self.assertEqual(meta["HTTPHeaders"]["access-control-expose-headers"], "x-amzn-RequestId")

    def test_unacknowledged_task_goes_to_the_next_poller(self):
        dp = self.dp
        active_seed_pipeline(dp)
        first = dp.poll_for_task(workerGroup="workerGroup", hostname="a")["taskObject"]
        # Nobody else gets it while the window is open.
        self.assertNotIn("taskObject", dp.poll_for_task(workerGroup="workerGroup", hostname="b"))
        # 100 s, not 119: on the wall clock real seconds pass between calls too.
        self.server.advance(100)
        self.assertNotIn("taskObject", dp.poll_for_task(workerGroup="workerGroup", hostname="b"))
        self.server.advance(21)
        second = dp.poll_for_task(workerGroup="workerGroup", hostname="b")["taskObject"]
        self.assertEqual(second["attemptId"], first["attemptId"])
        self.assertNotEqual(second["taskId"], first["taskId"])
        # The first runner's task id is no longer its own.
        self.assertEqual(error_of(dp.report_task_progress, taskId=first["taskId"]),
                         ("TaskNotFoundException", 400))
        dp.set_task_status(taskId=second["taskId"], taskStatus="FINISHED")

    def test_objects_of_a_first_activation_schedule_are_found_by_id(self):
        """Issue 18 item 1: with `startAt FIRST_ACTIVATION_DATE_TIME` the
        instance id carries the activation time; DescribeObjects,
        EvaluateExpression and SetStatus find the `@instanceParent` and the
        `attemptId` PollForTask hands out, on the wall clock too (API
        Reference: DescribeObjects, EvaluateExpression, SetStatus; Developer
        Guide, dp-object-schedule, startAt)."""
        dp = self.dp
        pid = dp.create_pipeline(name="first", uniqueId="u-first")["pipelineId"]
        objs = [
            {"id": "Default", "name": "Default", "fields": [
                {"key": "workerGroup", "stringValue": "workerGroup"},
                {"key": "schedule", "refValue": "Every"}]},
            {"id": "Every", "name": "Every", "fields": [
                {"key": "type", "stringValue": "Schedule"},
                {"key": "period", "stringValue": "15 minutes"},
                {"key": "startAt", "stringValue": "FIRST_ACTIVATION_DATE_TIME"}]},
            {"id": "SayHello", "name": "SayHello", "fields": [
                {"key": "type", "stringValue": "ShellCommandActivity"},
                {"key": "command", "stringValue": "echo hello"}]},
        ]
        self.assertIs(dp.put_pipeline_definition(pipelineId=pid, pipelineObjects=objs)["errored"], False)
        dp.activate_pipeline(pipelineId=pid)
        task = dp.poll_for_task(workerGroup="workerGroup", hostname="r1")["taskObject"]
        attempt = task["attemptId"]
        instance = fields(task["objects"][attempt])["@instanceParent"]
        listed = dp.query_objects(pipelineId=pid, sphere="INSTANCE")["ids"]
        self.assertIn(instance, listed)
        got = dp.describe_objects(pipelineId=pid, objectIds=[instance, attempt])["pipelineObjects"]
        self.assertEqual([o["id"] for o in got], [instance, attempt])
        start = dp.evaluate_expression(pipelineId=pid, objectId=instance,
                                       expression="#{@scheduledStartTime}")["evaluatedExpression"]
        self.assertEqual("@SayHello_" + start, instance)
        dp.set_task_status(taskId=task["taskId"], taskStatus="FINISHED")
        dp.set_status(pipelineId=pid, objectIds=[instance], status="RERUN")
        got = dp.describe_objects(pipelineId=pid, objectIds=[instance])["pipelineObjects"]
        self.assertNotEqual(fields(got[0])["@status"], "FINISHED")

    def test_errors_are_client_errors_with_the_service_codes(self):
        dp = self.dp
        self.assertEqual(error_of(dp.describe_pipelines, pipelineIds=["df-NOPE"]),
                         ("PipelineNotFoundException", 400))
        self.assertEqual(error_of(dp.set_task_status, taskId="nope", taskStatus="FINISHED"),
                         ("TaskNotFoundException", 400))
        pid = dp.create_pipeline(name="bad", uniqueId="bad")["pipelineId"]
        bad = sample("seed-sayhello-empty-workergroup-put-request.json")["pipelineObjects"]
        self.assertEqual(error_of(dp.put_pipeline_definition, pipelineId=pid, pipelineObjects=bad),
                         ("InvalidRequestException", 400))
        dp.delete_pipeline(pipelineId=pid)
        self.assertEqual(error_of(dp.activate_pipeline, pipelineId=pid)[1], 400)

    def test_unsigned_and_garbled_requests_get_403_with_cors(self):
        def post(headers):
            req = urllib.request.Request(self.server.url + "/", data=b"{}", method="POST", headers={
                "X-Amz-Target": "DataPipeline.ListPipelines",
                "Content-Type": "application/x-amz-json-1.1",
                "Origin": "http://localhost:8080", **headers})
            try:
                urllib.request.urlopen(req, timeout=10)
            except urllib.error.HTTPError as e:
                return e.code, json.loads(e.read())["__type"], e.headers
            raise AssertionError("accepted")

        code, kind, h = post({})
        self.assertEqual((code, kind), (403, "MissingAuthenticationTokenException"))
        self.assertEqual(h["Access-Control-Allow-Origin"], "http://localhost:8080")
        self.assertTrue(h["x-amzn-RequestId"])
        code, kind, _ = post({"Authorization": "AWS4-HMAC-SHA256 Credential=test", "X-Amz-Date": "20260101T000000Z"})
        self.assertEqual((code, kind), (403, "IncompleteSignatureException"))

    def test_preflight(self):
        req = urllib.request.Request(self.server.url + "/", method="OPTIONS", headers={
            "Origin": "http://localhost:8080",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type,x-amz-date,x-amz-target"})
        with urllib.request.urlopen(req, timeout=10) as r:
            self.assertEqual(r.status, 200)
            self.assertIn("POST", r.headers["Access-Control-Allow-Methods"])
            self.assertIn("x-amz-target", r.headers["Access-Control-Allow-Headers"])
            self.assertEqual(r.headers["Access-Control-Expose-Headers"], "x-amzn-RequestId")


class Credentials(unittest.TestCase):
    def check(self, text):
        with tempfile.NamedTemporaryFile("w", suffix=".keys", delete=False) as f:
            f.write(text)
        with Server(*CLOCK_ARGS, "--credentials", f.name) as s:
            self.assertEqual(s.client("AKIDLOCAL", "s3cret").list_pipelines()["pipelineIdList"], [])
            self.assertEqual(error_of(s.client("AKIDLOCAL", "wrong").list_pipelines),
                             ("InvalidSignatureException", 403))
            self.assertEqual(error_of(s.client("AKIDOTHER", "s3cret").list_pipelines),
                             ("UnrecognizedClientException", 403))

    def test_json_file(self):
        self.check('{"AKIDLOCAL": "s3cret"}')

    def test_lines_file(self):
        self.check("# local keys\nAKIDLOCAL=s3cret\n")


if __name__ == "__main__":
    unittest.main()
