//! Turning a definition into components: fields resolved through `parent`
//! and `Default`, references resolved to component positions, and the
//! settings the lifecycle reads (with the defaults of `defaults.rs`).

use super::defaults;
use super::schedule::{period_secs, read_schedule};
use super::state::{Component, Kind, ScheduleType};
use crate::ix::ComponentIx;
use chrono::NaiveDateTime;
use model::catalog::{keys, names};
use model::{Definition, Field, PipelineObject};
use std::collections::BTreeMap;

/// The fields of `obj` after inheritance: its own, then those of its
/// `parent` chain (or `Default`) for keys it does not set.
pub fn resolve_fields(def: &Definition, obj: &PipelineObject) -> Vec<Field> {
    let mut out: Vec<Field> = obj.fields.clone();
    let mut seen = vec![obj.id.as_str().to_string()];
    let mut cur = obj;
    loop {
        let next = match cur.first_ref(keys::PARENT) {
            Some(p) => def.object(p.as_str()),
            None if cur.id.as_str() != names::DEFAULT => def.object(names::DEFAULT),
            None => None,
        };
        let Some(next) = next else { break };
        if seen.iter().any(|s| s == next.id.as_str()) {
            break;
        }
        seen.push(next.id.as_str().to_string());
        let have: Vec<String> = out.iter().map(|f| f.key.clone()).collect();
        for f in &next.fields {
            if !have.contains(&f.key) {
                out.push(f.clone());
            }
        }
        cur = next;
    }
    out
}

fn first_str<'a>(fields: &'a [Field], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .filter(|f| f.key == key)
        .find_map(|f| f.value.as_string())
}

fn refs<'a>(fields: &'a [Field], key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    fields
        .iter()
        .filter(move |f| f.key == key)
        .filter_map(|f| f.value.as_ref_id().map(|r| r.as_str()))
}

/// Whether the definition runs on demand (`scheduleType: ondemand` anywhere,
/// or an on-demand Schedule).
pub fn is_ondemand(def: &Definition) -> bool {
    def.objects.iter().any(|o| {
        resolve_fields(def, o).iter().any(|f| {
            f.key == keys::SCHEDULE_TYPE && f.value.as_str().eq_ignore_ascii_case("ondemand")
        }) || (o.type_name() == Some(names::SCHEDULE)
            && (o
                .first_string(keys::PERIOD)
                .is_some_and(|p| p.eq_ignore_ascii_case("ONDEMAND_PERIOD"))
                || o.first_string(keys::START_AT)
                    .is_some_and(|p| p.eq_ignore_ascii_case("ONDEMAND_ACTIVATION_TIME"))))
    })
}

/// Build the components of a definition. Errors are problems the engine
/// cannot run with (activation fails with them).
pub fn build(
    def: &Definition,
    first_activation: NaiveDateTime,
    report_progress_default: i64,
) -> Result<(Vec<Component>, BTreeMap<String, ComponentIx>), String> {
    let ondemand = is_ondemand(def);
    let mut index = BTreeMap::new();
    for (n, o) in def.objects.iter().enumerate() {
        index.insert(o.id.as_str().to_string(), ComponentIx(n as u32));
    }
    let lookup = |key: &str, fields: &[Field]| -> Vec<ComponentIx> {
        refs(fields, key)
            .filter_map(|r| index.get(r).copied())
            .collect()
    };
    let mut out = Vec::with_capacity(def.objects.len());
    for o in &def.objects {
        let fields = resolve_fields(def, o);
        let kind = Kind::of(first_str(&fields, keys::TYPE));
        let schedule_id = refs(&fields, keys::SCHEDULE).next().map(str::to_string);
        let schedule_type = if ondemand {
            ScheduleType::Ondemand
        } else {
            match first_str(&fields, keys::SCHEDULE_TYPE)
                .unwrap_or(defaults::SCHEDULE_TYPE)
                .to_ascii_lowercase()
                .as_str()
            {
                "timeseries" => ScheduleType::Timeseries,
                "ondemand" => ScheduleType::Ondemand,
                _ => ScheduleType::Cron,
            }
        };
        let schedule = match (&schedule_id, kind.is_runnable() && !ondemand) {
            (Some(sid), true) => match def.object(sid) {
                Some(s) => read_schedule(s, first_activation)?,
                None => {
                    return Err(format!(
                        "Object '{}' refers to unknown schedule '{sid}'",
                        o.id
                    ))
                }
            },
            (None, true) if kind == Kind::Activity => {
                return Err(format!("Object '{}' has no schedule", o.id));
            }
            _ => None,
        };
        let int = |key: &str| first_str(&fields, key).and_then(|s| s.trim().parse::<u32>().ok());
        let secs = |key: &str| period_secs(first_str(&fields, key));
        let max_active_default = if ondemand {
            defaults::MAX_ACTIVE_INSTANCES_ONDEMAND
        } else {
            defaults::MAX_ACTIVE_INSTANCES
        };
        out.push(Component {
            id: o.id.as_str().to_string(),
            name: o.display_name().to_string(),
            kind,
            schedule,
            schedule_id,
            schedule_type,
            worker_group: first_str(&fields, keys::WORKER_GROUP)
                .map(|w| crate::state::Name::new(w.to_string())),
            runs_on: lookup(keys::RUNS_ON, &fields).first().copied(),
            depends_on: lookup(keys::DEPENDS_ON, &fields),
            inputs: lookup(keys::INPUT, &fields),
            outputs: lookup(keys::OUTPUT, &fields),
            preconditions: lookup(keys::PRECONDITION, &fields),
            on_success: lookup(keys::ON_SUCCESS, &fields),
            on_fail: lookup(keys::ON_FAIL, &fields),
            on_late: lookup(keys::ON_LATE_ACTION, &fields),
            maximum_retries: int(keys::MAXIMUM_RETRIES)
                .unwrap_or(defaults::MAXIMUM_RETRIES)
                .min(defaults::MAXIMUM_RETRIES_LIMIT),
            retry_delay: secs(keys::RETRY_DELAY).unwrap_or(defaults::RETRY_DELAY_SECS),
            attempt_timeout: secs(keys::ATTEMPT_TIMEOUT),
            report_progress_timeout: secs(keys::REPORT_PROGRESS_TIMEOUT)
                .unwrap_or(report_progress_default),
            late_after: secs(keys::LATE_AFTER_TIMEOUT),
            precondition_timeout: secs(keys::PRECONDITION_TIMEOUT),
            terminate_after: secs(keys::TERMINATE_AFTER),
            cascade: first_str(&fields, keys::FAILURE_AND_RERUN_MODE)
                .is_some_and(|m| m.eq_ignore_ascii_case("cascade")),
            max_active: int(keys::MAX_ACTIVE_INSTANCES)
                .filter(|n| *n > 0)
                .unwrap_or(max_active_default),
            paused: false,
            next_interval: 0,
            next_bounds: None,
            instances: Vec::new(),
            by_start: Default::default(),
            held: Default::default(),
            active: 0,
            active_instances: Vec::new(),
            fields,
        });
    }
    Ok((out, index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_inherit_from_default_and_parent() {
        let mut d = Definition::default();
        let mut def = PipelineObject::new("Default", "Default");
        def.fields.push(Field::string("workerGroup", "wg"));
        def.fields.push(Field::string("maximumRetries", "1"));
        let mut p = PipelineObject::new("P", "P");
        p.fields.push(Field::string("maximumRetries", "4"));
        let mut a = PipelineObject::new("A", "A");
        a.fields.push(Field::reference("parent", "P"));
        d.objects = vec![def, p, a.clone()];
        let f = resolve_fields(&d, &a);
        assert_eq!(first_str(&f, "maximumRetries"), Some("4"));
        assert_eq!(first_str(&f, "workerGroup"), Some("wg"));
    }
}
