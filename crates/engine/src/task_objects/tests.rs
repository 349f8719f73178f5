//! The task object snapshot renders exactly as the full rendering.

use crate::ix::{AttemptIx, PipelineIx};
use crate::{
    ActivatePipelineInput, CreatePipelineInput, PutPipelineDefinitionInput, Service, ServiceConfig,
    WireField, WireObject,
};
use model::catalog::{keys, names};
use model::time::parse_datetime;

fn object(id: &str, fields: Vec<WireField>) -> WireObject {
    WireObject {
        id: id.into(),
        name: Some(id.into()),
        fields,
    }
}

#[test]
fn the_snapshot_renders_as_the_full_task_object() {
    let start = "2020-01-01T00:00:00";
    let mut s = Service::new(ServiceConfig {
        start_time: parse_datetime(start).unwrap(),
        ..ServiceConfig::default()
    });
    let pid = s
        .create_pipeline(CreatePipelineInput {
            name: Some("p".into()),
            unique_id: Some("p".into()),
            ..Default::default()
        })
        .unwrap()
        .pipeline_id;
    let act = |id: &str, command: &str| {
        object(
            id,
            vec![
                WireField::string(keys::TYPE, names::SHELL_COMMAND_ACTIVITY),
                WireField::string(keys::COMMAND, command),
                WireField::reference(keys::SCHEDULE, "Sched"),
            ],
        )
    };
    let objects = vec![
        object(
            names::DEFAULT,
            vec![WireField::string(keys::WORKER_GROUP, "wg")],
        ),
        object(
            "Sched",
            vec![
                WireField::string(keys::TYPE, names::SCHEDULE),
                WireField::string(keys::PERIOD, "1 hour"),
                WireField::string(keys::START_DATE_TIME, start),
            ],
        ),
        act("Plain", "echo hi"),
        act("Expr", "echo #{@scheduledStartTime}"),
    ];
    s.put_pipeline_definition(PutPipelineDefinitionInput {
        pipeline_id: Some(pid.clone()),
        pipeline_objects: Some(objects),
        ..Default::default()
    })
    .unwrap();
    s.activate_pipeline(ActivatePipelineInput {
        pipeline_id: Some(pid),
        ..Default::default()
    })
    .unwrap();
    s.advance_to(parse_datetime("2020-01-01T02:00:00").unwrap());
    let attempts = s.pipelines[PipelineIx(0)].attempts.len() as u32;
    assert_eq!(attempts, 2);
    let mut snapshots = 0;
    for a in (0..attempts).map(AttemptIx) {
        s.pipelines[PipelineIx(0)].attempts[a].hostname = Some("h1".to_string().into());
        let lazy = s.task_object(PipelineIx(0), a, "t".into());
        let full = s.task_object_full(PipelineIx(0), a, "t".into());
        snapshots += matches!(lazy.objects, super::TaskObjects::Attempt(_)) as u32;
        assert_eq!(lazy.attempt_type(), Some(names::SHELL_COMMAND_ACTIVITY));
        assert_eq!(
            serde_json::to_string(&lazy).unwrap(),
            serde_json::to_string(&full).unwrap()
        );
        assert_eq!(lazy, full);
        assert_eq!(
            lazy.objects.object_type(&lazy.attempt_id()),
            Some(names::SHELL_COMMAND_ACTIVITY)
        );
    }
    assert_eq!(snapshots, attempts / 2);
}
