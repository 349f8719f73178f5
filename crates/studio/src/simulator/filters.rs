//! Plain-Rust reading of the instance rows for the views: the table's
//! filters (status, component, scheduled-start range) and which API calls
//! concern a selected instance or attempt (the log's highlight).

use std::collections::BTreeSet;

use serde_json::Value;

use super::session::InstanceRow;
use crate::engine::CallRecord;
use crate::model::time::parse_datetime;

/// The instance table's filters; empty means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: String,
    pub component: String,
    /// Scheduled start at or after / at or before (the service's DateTime).
    pub from: String,
    pub to: String,
}

impl Filter {
    /// Whether a time bound is set but not a valid DateTime.
    pub fn invalid_bound(text: &str) -> bool {
        !text.trim().is_empty() && parse_datetime(text.trim()).is_none()
    }

    pub fn matches(&self, r: &InstanceRow) -> bool {
        if !self.status.is_empty() && r.status != self.status {
            return false;
        }
        if !self.component.is_empty() && r.component != self.component {
            return false;
        }
        let start = parse_datetime(&r.scheduled_start);
        if let (Some(from), Some(s)) = (parse_datetime(self.from.trim()), start) {
            if s < from {
                return false;
            }
        }
        if let (Some(to), Some(s)) = (parse_datetime(self.to.trim()), start) {
            if s > to {
                return false;
            }
        }
        true
    }
}

/// The instance id of an attempt id (`…_Attempt=<n>`), or the id itself.
pub fn instance_of(id: &str) -> &str {
    id.rsplit_once("_Attempt=").map_or(id, |(i, _)| i)
}

/// Positions in `calls` of the calls about `id` (an instance or attempt):
/// PollForTask answers handing out its attempts, calls naming it, and the
/// ReportTaskProgress / SetTaskStatus calls on the taskIds handed out.
pub fn related_calls(calls: &[CallRecord], id: &str) -> BTreeSet<usize> {
    let attempt = id.contains("_Attempt=");
    let mine = |attempt_id: &str| {
        if attempt {
            attempt_id == id
        } else {
            instance_of(attempt_id) == id
        }
    };
    let mut tasks: BTreeSet<String> = BTreeSet::new();
    let mut out = BTreeSet::new();
    let quoted = format!("\"{id}\"");
    for (n, c) in calls.iter().enumerate() {
        if c.action == "PollForTask" {
            if let Ok(v) = serde_json::from_str::<Value>(&c.response) {
                let t = &v["taskObject"];
                if t["attemptId"].as_str().is_some_and(mine) {
                    if let Some(task) = t["taskId"].as_str() {
                        tasks.insert(task.to_string());
                    }
                    out.insert(n);
                }
            }
            continue;
        }
        let task = serde_json::from_str::<Value>(&c.request)
            .ok()
            .and_then(|v| v["taskId"].as_str().map(str::to_string));
        if task.is_some_and(|t| tasks.contains(&t)) || c.request.contains(&quoted) {
            out.insert(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::test_support::{session, LEASE_LAPSE};

    fn row(id: &str, comp: &str, start: &str, status: &str) -> InstanceRow {
        InstanceRow {
            id: id.into(),
            component: comp.into(),
            status: status.into(),
            scheduled_start: start.into(),
            attempts: "1".into(),
        }
    }

    #[test]
    fn filters_by_status_component_and_time() {
        let rows = [
            row("@A_1", "A", "2012-12-12T00:00:00", "FINISHED"),
            row("@A_2", "A", "2012-12-12T01:00:00", "FAILED"),
            row("@B_1", "B", "2012-12-12T02:00:00", "FAILED"),
        ];
        let ids = |f: &Filter| -> Vec<&str> {
            rows.iter()
                .filter(|r| f.matches(r))
                .map(|r| r.id.as_str())
                .collect()
        };
        assert_eq!(ids(&Filter::default()).len(), 3);
        let f = Filter {
            status: "FAILED".into(),
            ..Filter::default()
        };
        assert_eq!(ids(&f), ["@A_2", "@B_1"]);
        let f = Filter {
            component: "A".into(),
            from: "2012-12-12T00:30:00".into(),
            ..Filter::default()
        };
        assert_eq!(ids(&f), ["@A_2"]);
        let f = Filter {
            to: "2012-12-12T01:00:00".into(),
            ..Filter::default()
        };
        assert_eq!(ids(&f), ["@A_1", "@A_2"]);
        // A bound that is not a DateTime is flagged and ignored.
        assert!(Filter::invalid_bound("yesterday"));
        assert!(!Filter::invalid_bound(" "));
        let f = Filter {
            from: "yesterday".into(),
            ..Filter::default()
        };
        assert_eq!(ids(&f).len(), 3);
    }

    #[test]
    fn related_calls_follow_the_task_ids_of_each_attempt() {
        let mut s = session(LEASE_LAPSE, 1);
        s.advance(3600);
        let calls = s.service.call_log();
        let inst = "@Extract_2012-12-12T00:00:00";
        let first = related_calls(calls, &format!("{inst}_Attempt=1"));
        let second = related_calls(calls, &format!("{inst}_Attempt=2"));
        let both = related_calls(calls, inst);
        let actions = |set: &BTreeSet<usize>| -> Vec<&str> {
            set.iter().map(|&n| calls[n].action.as_str()).collect()
        };
        assert_eq!(actions(&first)[..2], ["PollForTask", "ReportTaskProgress"]);
        assert!(!actions(&first).contains(&"SetTaskStatus"));
        assert!(actions(&second).contains(&"SetTaskStatus"));
        assert!(first.is_disjoint(&second));
        assert_eq!(both.len(), first.len() + second.len());
        assert_eq!(instance_of(&format!("{inst}_Attempt=2")), inst);
    }
}
