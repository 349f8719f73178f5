//! The instance table's pages, read as a client reads them: QueryObjects
//! with the table's filters as the service's selectors (`@status` EQ,
//! `@componentParent` REF_EQ, `@scheduledStartTime` GE / LE), `limit` and
//! `marker`, then DescribeObjects of just that page. The panel's own reads
//! stay out of the API log.

use crate::engine::{
    DescribeObjectsInput, Operator, Query, QueryObjectsInput, Selector, WireObject,
};

use super::filters::Filter;
use super::session::{call, InstanceRow, Session};
use crate::engine::defaults::{DESCRIBE_OBJECTS_MAX_IDS, QUERY_OBJECTS_LIMIT};
use crate::model::catalog::keys::runtime;
use crate::model::time::{format_datetime, parse_datetime};

/// Rows per page of the instance table.
pub const PAGE_ROWS: usize = 300;

/// One page of instances.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    pub rows: Vec<InstanceRow>,
    /// The marker of the next page, when there is one.
    pub next: Option<String>,
}

fn selector(field: &str, op: &str, values: &[&str]) -> Selector {
    Selector {
        field_name: Some(field.to_string()),
        operator: Some(Operator {
            kind: Some(op.to_string()),
            values: values.iter().map(|v| v.to_string()).collect(),
        }),
    }
}

/// The service selectors of a filter (invalid time bounds are left out).
pub fn selectors(f: &Filter) -> Vec<Selector> {
    let mut out = Vec::new();
    if !f.status.is_empty() {
        out.push(selector(runtime::STATUS, "EQ", &[&f.status]));
    }
    if !f.component.is_empty() {
        out.push(selector(
            runtime::COMPONENT_PARENT,
            "REF_EQ",
            &[&f.component],
        ));
    }
    for (text, op) in [(&f.from, "GE"), (&f.to, "LE")] {
        if let Some(t) = parse_datetime(text.trim()) {
            out.push(selector(
                runtime::SCHEDULED_START_TIME,
                op,
                &[&format_datetime(t)],
            ));
        }
    }
    out
}

fn field(o: &WireObject, k: &str) -> String {
    o.fields
        .iter()
        .find(|f| f.key == k)
        .and_then(|f| f.string_value.as_ref().or(f.ref_value.as_ref()))
        .cloned()
        .unwrap_or_default()
}

impl Session {
    /// The page of instances matching `filter` from `marker` (None: the
    /// first), at most `size` rows.
    pub fn instance_page(&mut self, filter: &Filter, marker: Option<&str>, size: usize) -> Page {
        self.sync();
        self.service.set_call_log(false);
        let page = self.read_page(filter, marker, size);
        self.service.set_call_log(true);
        page
    }

    /// Timers due now run first, with the log on: a runner's calls they
    /// make belong in the API log.
    pub fn sync(&mut self) {
        self.service.advance_to(self.service.now());
    }

    fn read_page(&mut self, filter: &Filter, marker: Option<&str>, size: usize) -> Page {
        let sel = selectors(filter);
        let mut ids: Vec<String> = Vec::new();
        let mut next = marker.map(str::to_string);
        loop {
            let want = (size - ids.len()).min(QUERY_OBJECTS_LIMIT);
            let q = QueryObjectsInput {
                query: (!sel.is_empty()).then(|| Query {
                    selectors: sel.clone(),
                }),
                marker: next.clone(),
                limit: Some(want as i64),
                ..QueryObjectsInput::new(&self.pipeline_id, "INSTANCE")
            };
            let Ok(resp) = call(&mut self.service, q) else {
                next = None;
                break;
            };
            ids.extend(resp.ids);
            next = match (resp.has_more_results, resp.marker) {
                (true, Some(m)) => Some(m),
                _ => None,
            };
            if next.is_none() || ids.len() >= size {
                break;
            }
        }
        let mut rows = Vec::new();
        for chunk in ids.chunks(DESCRIBE_OBJECTS_MAX_IDS.min(50)) {
            let req = DescribeObjectsInput {
                pipeline_id: Some(self.pipeline_id.clone()),
                object_ids: Some(chunk.to_vec()),
                ..Default::default()
            };
            let Ok(resp) = call(&mut self.service, req) else {
                continue;
            };
            for o in &resp.pipeline_objects {
                rows.push(InstanceRow {
                    id: o.id.clone(),
                    component: field(o, runtime::COMPONENT_PARENT),
                    status: field(o, runtime::STATUS),
                    scheduled_start: field(o, runtime::SCHEDULED_START_TIME),
                    attempts: field(o, runtime::ATTEMPT_COUNT),
                });
            }
        }
        Page { rows, next }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::test_support::session;

    const HOURLY: &str = r#"{"objects":[
      {"id":"Default","name":"Default","workerGroup":"wg-1"},
      {"id":"S","name":"S","type":"Schedule","period":"1 hour","startDateTime":"2012-12-12T00:00:00"},
      {"id":"Extract","name":"Extract","type":"ShellCommandActivity","command":"x","schedule":{"ref":"S"}},
      {"id":"Load","name":"Load","type":"ShellCommandActivity","command":"y","schedule":{"ref":"S"},"dependsOn":{"ref":"Extract"}}]}"#;

    #[test]
    fn pages_follow_the_markers_and_filters_are_selectors() {
        let mut s = session(HOURLY, 1);
        s.advance(86_400);
        let all = s.instances();
        assert!(all.len() > 4, "{}", all.len());
        let first = s.instance_page(&Filter::default(), None, 3);
        assert_eq!(first.rows, all[..3]);
        let second = s.instance_page(&Filter::default(), first.next.as_deref(), 3);
        assert_eq!(second.rows, all[3..6.min(all.len())]);
        let whole = s.instance_page(&Filter::default(), None, 1000);
        assert_eq!(whole.rows, all);
        assert_eq!(whole.next, None);
        for f in [
            Filter {
                status: "FINISHED".into(),
                ..Filter::default()
            },
            Filter {
                component: "Load".into(),
                from: "2012-12-13T00:00:00".into(),
                ..Filter::default()
            },
            Filter {
                to: "2012-12-12T12:00:00".into(),
                ..Filter::default()
            },
        ] {
            let want: Vec<_> = all.iter().filter(|r| f.matches(r)).cloned().collect();
            assert!(!want.is_empty(), "{f:?}");
            assert_eq!(s.instance_page(&f, None, 1000).rows, want, "{f:?}");
        }
        // Each component's latest instance, as the graph shows it.
        let mut latest: Vec<(String, String)> = Vec::new();
        for c in ["Extract", "Load"] {
            let last = all
                .iter()
                .filter(|r| r.component == c)
                .max_by(|a, b| a.scheduled_start.cmp(&b.scheduled_start))
                .unwrap();
            latest.push((c.to_string(), last.status.clone()));
        }
        let from_engine: Vec<(String, String)> = s
            .service
            .latest_instances(&s.pipeline_id)
            .into_iter()
            .map(|l| (l.component_id, l.status.as_str().to_string()))
            .collect();
        assert_eq!(from_engine, latest);
        assert_eq!(s.service.instance_count(&s.pipeline_id), all.len());
        // The panel's reads are not in the API log.
        assert!(!s
            .service
            .call_log()
            .iter()
            .any(|c| c.action == "QueryObjects"));
    }
}
