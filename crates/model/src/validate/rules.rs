//! Rules on an object's fields after inheritance: required fields and the
//! catalog's rules (one-of groups, "not with", "requires", "after"), and
//! pipeline-wide rules: `dependsOn` and `parent` cycles (naming every
//! object of the cycle, §10) and an on-demand pipeline with a real Schedule.

use super::messages as msg;
use super::resolve::Doc;
use super::{Problem, Severity};
use crate::catalog::{keys, keys::values, names, Rule};
use crate::definition::FieldValue;
use crate::time::parse_datetime;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

fn error(doc: &Doc, i: usize, key: &str, message: String) -> Problem {
    let id = &doc.object(i).id;
    Problem {
        severity: Severity::Error,
        object_id: (!id.as_str().is_empty()).then(|| id.clone()),
        field: Some(key.to_string()),
        message,
    }
}

pub(super) fn check_object(doc: &Doc, i: usize, out: &mut Vec<Problem>) {
    let Some(t) = doc.type_info(i).filter(|t| !t.open) else {
        return;
    };
    let all_fields = t
        .fields
        .iter()
        .chain(t.shared.iter().flat_map(|g| g.fields.iter()));
    for f in all_fields.filter(|f| f.required) {
        if !doc.has(i, f.key) {
            out.push(error(doc, i, f.key, msg::missing_required(f.key, t.name)));
        }
    }
    for rule in t.all_rules() {
        match *rule {
            Rule::OneOf {
                keys,
                required,
                exclusive,
            } => {
                let mut present = keys.iter().filter(|k| doc.has(i, k));
                let first = present.next();
                let second = present.next();
                if required && first.is_none() {
                    out.push(error(doc, i, keys[0], msg::missing_one_of(keys, t.name)));
                }
                if let (true, Some(k)) = (exclusive, second) {
                    out.push(error(doc, i, k, msg::more_than_one_of(keys)));
                }
            }
            Rule::NotWith(a, b) => {
                if doc.has(i, a) && doc.has(i, b) {
                    out.push(error(doc, i, a, msg::not_with(a, b)));
                }
            }
            Rule::Requires(a, b) => {
                if doc.has(i, a) && !doc.has(i, b) {
                    out.push(error(doc, i, a, msg::requires(a, b)));
                }
            }
            Rule::After(a, b) => {
                let when = |k| {
                    doc.first(i, k)
                        .and_then(FieldValue::as_string)
                        .and_then(parse_datetime)
                };
                if let (Some(ta), Some(tb)) = (when(a), when(b)) {
                    if ta <= tb {
                        out.push(error(doc, i, a, msg::not_after(a, b)));
                    }
                }
            }
        }
    }
}

pub(super) fn check_pipeline(doc: &Doc, out: &mut Vec<Problem>) {
    for cycle in &doc.parent_cycles {
        report_cycle(doc, keys::PARENT, cycle, out);
    }
    for cycle in depends_on_cycles(doc) {
        report_cycle(doc, keys::DEPENDS_ON, &cycle, out);
    }
    check_ondemand(doc, out);
}

fn report_cycle(doc: &Doc, key: &str, members: &[usize], out: &mut Vec<Problem>) {
    let ids: Vec<&str> = members.iter().map(|&m| doc.object(m).id.as_str()).collect();
    let message = msg::cycle(key, &ids);
    for &m in members {
        out.push(error(doc, m, key, message.clone()));
    }
}

/// Each `dependsOn` cycle (after inheritance), members in document order.
fn depends_on_cycles(doc: &Doc) -> Vec<Vec<usize>> {
    let n = doc.def.objects.len();
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, n);
    for _ in 0..n {
        g.add_node(());
    }
    let mut any = false;
    for i in 0..n {
        if doc.position(doc.object(i).id.as_str()) != Some(i) {
            continue; // a duplicate id; reported elsewhere
        }
        for v in doc.resolved(i, keys::DEPENDS_ON) {
            if let Some(j) = v.as_ref_id().and_then(|t| doc.position(t.as_str())) {
                g.add_edge(NodeIndex::new(i), NodeIndex::new(j), ());
                any = true;
            }
        }
    }
    if !any {
        return Vec::new();
    }
    let mut cycles: Vec<Vec<usize>> = tarjan_scc(&g)
        .into_iter()
        .filter(|scc| scc.len() > 1 || g.contains_edge(scc[0], scc[0]))
        .map(|scc| {
            let mut m: Vec<usize> = scc.into_iter().map(NodeIndex::index).collect();
            m.sort_unstable();
            m
        })
        .collect();
    cycles.sort();
    cycles
}

/// An on-demand pipeline (Default's `scheduleType`) runs once per
/// activation: a Schedule object other than the on-demand form is an error
/// (§3.1, §5.1).
fn check_ondemand(doc: &Doc, out: &mut Vec<Problem>) {
    let Some(d) = doc.position(names::DEFAULT) else {
        return;
    };
    let st = doc.object(d).first_string(keys::SCHEDULE_TYPE);
    let Some(st) = st.filter(|s| s.eq_ignore_ascii_case(values::ONDEMAND)) else {
        return;
    };
    for i in 0..doc.def.objects.len() {
        if doc.type_info(i).map(|t| t.name) != Some(names::SCHEDULE) {
            continue;
        }
        let period = doc.first(i, keys::PERIOD).and_then(FieldValue::as_string);
        if !period.is_some_and(|p| p.eq_ignore_ascii_case(values::ONDEMAND_PERIOD)) {
            out.push(error(doc, i, keys::PERIOD, msg::ondemand_with_schedule(st)));
        }
    }
}
