//! Reading a large instance table the way a front end pages it: QueryObjects
//! with `limit` and `marker`, DescribeObjects of one page, each component's
//! `@activeInstances`, and `Service::latest_instances` for the graph colours.

use crate::support::scenario;

use engine::{DescribeObjectsInput, QueryObjectsInput, Service, WireObject};
use model::catalog::keys::runtime;

/// The benchmark scenario (10 activities, 15 minutes, slow runner) after 6 hours.
fn busy() -> (Service, String) {
    let mut s = scenario::service(3_000, 1);
    s.advance_to(scenario::at("2020-01-01T06:00:00"));
    let pid = s
        .list_pipelines(Default::default())
        .unwrap()
        .pipeline_id_list[0]
        .id
        .clone();
    (s, pid)
}

fn values<'a>(o: &'a WireObject, key: &str) -> Vec<&'a str> {
    o.fields
        .iter()
        .filter(|f| f.key == key)
        .filter_map(|f| f.string_value.as_deref().or(f.ref_value.as_deref()))
        .collect()
}

fn page(s: &mut Service, pid: &str, marker: Option<String>) -> (Vec<String>, Option<String>) {
    let out = s
        .query_objects(QueryObjectsInput {
            limit: Some(7),
            marker,
            ..QueryObjectsInput::new(pid, "INSTANCE")
        })
        .unwrap();
    assert_eq!(out.has_more_results, out.marker.is_some());
    (out.ids, out.marker)
}

#[test]
fn query_objects_pages_every_instance_once_in_creation_order() {
    let (mut s, pid) = busy();
    let mut all = Vec::new();
    let mut marker = None;
    loop {
        let (ids, next) = page(&mut s, &pid, marker);
        assert!(ids.len() <= 7);
        all.extend(ids);
        match next {
            Some(m) => marker = Some(m),
            None => break,
        }
    }
    // 24 intervals of 10 activities so far, each id once.
    assert_eq!(all.len(), 10 * 25);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len());
    assert!(all[0].starts_with("@A0_2020-01-01T00:00:00"));
}

#[test]
fn active_instances_and_latest_instances_agree_with_the_instances() {
    let (mut s, pid) = busy();
    let (ids, _) = page(&mut s, &pid, Some("200".into()));
    let components: Vec<String> = (0..10).map(|n| format!("A{n}")).collect();
    let mut wanted: Vec<&str> = components.iter().map(String::as_str).collect();
    wanted.extend(ids.iter().map(String::as_str));
    let described = s
        .describe_objects(DescribeObjectsInput::new(&pid, &wanted))
        .unwrap()
        .pipeline_objects;
    let latest = s.latest_instances(&pid);
    assert_eq!(latest.len(), 10);
    for (n, comp) in described.iter().take(10).enumerate() {
        let id = format!("A{n}");
        assert_eq!(comp.id, id);
        let l = &latest[n];
        assert_eq!(l.component_id, id);
        assert!(l
            .instance_id
            .starts_with(&format!("@{id}_2020-01-01T06:00:00")));
        // The newest instance waits behind the slow runner.
        assert!(!l.status.is_terminal(), "{l:?}");
        let active = values(comp, runtime::ACTIVE_INSTANCES);
        assert_eq!(active.len() as u32, l.active);
        for a in active {
            let inst = s
                .describe_objects(DescribeObjectsInput::new(&pid, &[a]))
                .unwrap()
                .pipeline_objects;
            let st = values(&inst[0], runtime::STATUS)[0];
            assert!(st == "RUNNING" || st == "WAITING_FOR_RUNNER", "{a} {st}");
        }
    }
    for inst in &described[10..] {
        assert_eq!(values(inst, runtime::ID), vec![inst.id.as_str()]);
    }
}
