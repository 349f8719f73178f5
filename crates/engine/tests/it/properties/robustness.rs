//! User input never panics the service: any action with any JSON body, and
//! definitions with odd field values (huge periods, bad dates) activated
//! and run.

use super::{cases, f, r};
use engine::{
    ActivatePipelineInput, CreatePipelineInput, PutPipelineDefinitionInput, RunnerPolicy,
    RunnerSpec, Service, ServiceConfig, WireField, WireObject,
};
use proptest::prelude::*;

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-zA-Z@#{}0-9 :_-]{0,12}".prop_map(Value::from),
        prop_oneof![
            Just("2012-12-12T00:00:00"),
            Just("1 hour"),
            Just("999999999 years"),
            Just("FINISHED"),
            Just("TRY_CANCEL"),
            Just("df-0000001"),
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("pipelineId".to_string()),
                    Just("pipelineObjects".to_string()),
                    Just("objectIds".to_string()),
                    Just("taskId".to_string()),
                    Just("key".to_string()),
                    Just("stringValue".to_string()),
                    Just("refValue".to_string()),
                    Just("id".to_string()),
                    Just("fields".to_string()),
                    "[a-z]{1,6}",
                ],
                inner,
                0..4
            )
            .prop_map(|m| json!(m)),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases() * 4, ..ProptestConfig::default() })]

    /// User input never panics: any action, any JSON body.
    #[test]
    fn dispatch_never_panics(action in 0usize..19, body in json_value(), raw in "[ -~]{0,20}") {
        let mut s = Service::new(ServiceConfig::default());
        let pid = s.create_pipeline(CreatePipelineInput {
            name: Some("x".into()), unique_id: Some("x".into()), ..Default::default()
        }).unwrap().pipeline_id;
        let name = engine::Action::ALL[action].as_str();
        let target = format!("DataPipeline.{name}");
        let text = body.to_string().replace("df-0000001", &pid);
        let (status, out) = s.dispatch(&target, &text);
        prop_assert!(status == 200 || status == 400, "{status} {out}");
        let (status, _) = s.dispatch(&target, &raw);
        prop_assert!(status == 200 || status == 400);
    }

    /// Odd field values (huge periods, bad dates) never panic the lifecycle.
    #[test]
    fn odd_definitions_never_panic(values in proptest::collection::vec(
        prop_oneof![Just("999999999 years"), Just("0 minutes"), Just("1 month"), Just("bad"),
                    Just("9999-12-31T23:59:59"), Just("-5"), Just("4294967296"), Just("15 minutes")], 8)) {
        let mut s = Service::new(ServiceConfig::default());
        let pid = s.create_pipeline(CreatePipelineInput {
            name: Some("x".into()), unique_id: Some("x".into()), ..Default::default()
        }).unwrap().pipeline_id;
        let keys = ["period", "endDateTime", "occurrences", "retryDelay", "lateAfterTimeout",
                    "attemptTimeout", "maximumRetries", "reportProgressTimeout"];
        let sched: Vec<WireField> = vec![f("type", "Schedule"), f("startDateTime", "2012-12-12T00:00:00"),
            f(keys[0], values[0]), f(keys[1], values[1]), f(keys[2], values[2])];
        let mut act = vec![f("type", "ShellCommandActivity"), f("workerGroup", "wg"), r("schedule", "S"),
            r("onLateAction", "T")];
        for k in 3..8 { act.push(f(keys[k], values[k])); }
        let objects = vec![
            WireObject { id: "S".into(), name: Some("S".into()), fields: sched },
            WireObject { id: "A".into(), name: Some("A".into()), fields: act },
            WireObject { id: "T".into(), name: Some("T".into()), fields: vec![f("type", "Terminate")] },
        ];
        s.put_pipeline_definition(PutPipelineDefinitionInput {
            pipeline_id: Some(pid.clone()), pipeline_objects: Some(objects), ..Default::default()
        }).unwrap();
        let _ = s.activate_pipeline(ActivatePipelineInput { pipeline_id: Some(pid), ..Default::default() });
        s.add_runner(RunnerSpec { label: "r".into(), worker_group: "wg".into(), hostname: "h".into(),
            policy: RunnerPolicy { failure_probability: 0.5, ..RunnerPolicy::default() } });
        s.run_until_idle_bounded(2_000);
        prop_assert!(s.audit().is_empty(), "{:?}", s.audit());
    }
}
