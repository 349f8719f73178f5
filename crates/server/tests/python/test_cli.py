"""The AWS CLI (awscli from the virtualenv) against pipeline-studio-server
with each CLI-form sample in shared/samples: create-pipeline,
put-pipeline-definition file://…, get-pipeline-definition,
activate-pipeline and list-runs."""

import json
import os
import pathlib
import subprocess
import sys
import unittest

from server import CLOCK_ARGS, Server, fixtures

AWS = str(pathlib.Path(sys.executable).parent / "aws")


class Cli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(*CLOCK_ARGS)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def aws(self, *args, ok=True):
        r = subprocess.run([AWS, "--endpoint-url", self.server.url, "--output", "json",
                            "datapipeline", *args], capture_output=True, text=True,
                           env=dict(os.environ), timeout=120)
        if ok:
            self.assertEqual(r.returncode, 0, r.stderr)
            return json.loads(r.stdout) if r.stdout.strip() else None
        return r

    def create(self, name):
        return self.aws("create-pipeline", "--name", name, "--unique-id", name)["pipelineId"]

    def put(self, pid, sample, *extra):
        path = fixtures("samples") / sample
        return self.aws("put-pipeline-definition", "--pipeline-id", pid,
                        "--pipeline-definition", f"file://{path}", *extra)

    def test_diagnose_pipeline_runs(self):
        pid = self.create("diagnose")
        self.assertIs(self.put(pid, "diagnose_pipeline.json")["errored"], False)
        got = self.aws("get-pipeline-definition", "--pipeline-id", pid)
        sent = json.loads((fixtures("samples") / "diagnose_pipeline.json").read_text())
        self.assertEqual(sorted(o["id"] for o in got["objects"]),
                         sorted(o["id"] for o in sent["objects"]))
        activity = next(o for o in got["objects"] if o["id"] == "ActivityId_1")
        self.assertEqual(activity["runsOn"], {"ref": "ResourceId_1"})
        self.aws("activate-pipeline", "--pipeline-id", pid)
        # The managed Task Runner on the Ec2Resource runs the activity.
        self.server.advance(6 * 3600)
        r = self.aws("list-runs", "--pipeline-id", pid,
                     "--start-interval", "2012-12-11T00:00:00,2012-12-13T00:00:00", ok=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        runs = {run["@componentParent"]: run["@status"] for run in json.loads(r.stdout)}
        self.assertEqual(runs, {"ActivityId_1": "FINISHED", "ResourceId_1": "FINISHED"})

    def test_oracle_backup_needs_its_parameter_values(self):
        pid = self.create("oracle")
        put = self.put(pid, "oracle-backup-definition.json")
        # Stored, but #{myParam} references without values are errors...
        self.assertIs(put["errored"], True)
        errors = " ".join(e for v in put["validationErrors"] for e in v["errors"])
        self.assertIn("myOracleTable", errors)
        got = self.aws("get-pipeline-definition", "--pipeline-id", pid)
        self.assertIn("BackupTable", [o["id"] for o in got["objects"]])
        # ...so activation fails with the service's error.
        r = self.aws("activate-pipeline", "--pipeline-id", pid, ok=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("InvalidRequestException", r.stderr)
        # With values for every parameter the same file activates.
        values = ["myBackupLocation=s3://bucket/backup", "myTerminateAfter=2 Hours",
                  "myPipelineLogUri=s3://bucket/logs", "myOraclePassword=secret",
                  "myOracleHost=db.example.com", "myOraclePort=1521", "myOracleDatabase=ORCL",
                  "myOracleDriverLocation=s3://bucket/ojdbc6.jar", "myOracleUser=scott",
                  "myOracleTable=EMP"]
        put = self.put(pid, "oracle-backup-definition.json", "--parameter-values", *values)
        self.assertIs(put["errored"], False, put)
        self.aws("activate-pipeline", "--pipeline-id", pid)
        described = self.aws("describe-pipelines", "--pipeline-ids", pid)
        state = {f["key"]: f.get("stringValue") for f in described["pipelineDescriptionList"][0]["fields"]}
        self.assertEqual(state["@pipelineState"], "SCHEDULED")


if __name__ == "__main__":
    unittest.main()
