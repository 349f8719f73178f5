//! QueryObjects: ids of one sphere (COMPONENT / INSTANCE / ATTEMPT)
//! matching every selector (EQ, REF_EQ, LE, GE, BETWEEN), paged by `marker`
//! and `limit` (default 100): a page is cut first, then filtered.

use super::list_pipelines::parse_marker;
use super::{Handler, Run};
use crate::defaults;
use crate::error::{require, ServiceError};
use crate::trace::Cause;
use crate::Service;
use model::catalog::keys::runtime;
use protocol::messages::*;

const TIME_FIELDS: &[&str] = &[
    runtime::SCHEDULED_START_TIME,
    runtime::SCHEDULED_END_TIME,
    runtime::ACTUAL_START_TIME,
    runtime::ACTUAL_END_TIME,
];

/// Whether a selector matches an object's fields (a missing field fails).
fn matches(sel: &Selector, obj: &super::shapes::WireObject) -> bool {
    let (Some(name), Some(op)) = (&sel.field_name, &sel.operator) else {
        return false;
    };
    let kind = op.kind.as_deref().unwrap_or("EQ");
    let name_field;
    let field = if name == "name" {
        name_field = super::shapes::WireField::string("name", obj.name.clone().unwrap_or_default());
        Some(&name_field)
    } else {
        obj.fields.iter().find(|f| f.key == *name)
    };
    let Some(field) = field else { return false };
    match kind {
        "REF_EQ" => field
            .ref_value
            .as_ref()
            .is_some_and(|r| op.values.iter().any(|v| v == r)),
        "EQ" => field
            .string_value
            .as_ref()
            .is_some_and(|s| op.values.iter().any(|v| v == s)),
        "LE" | "GE" | "BETWEEN" if TIME_FIELDS.contains(&name.as_str()) => {
            // The service's DateTime format sorts as text.
            let Some(s) = field.string_value.as_deref() else {
                return false;
            };
            match (kind, op.values.as_slice()) {
                ("LE", [v, ..]) => s <= v.as_str(),
                ("GE", [v, ..]) => s >= v.as_str(),
                ("BETWEEN", [a, b, ..]) => s >= a.as_str() && s <= b.as_str(),
                _ => false,
            }
        }
        _ => false,
    }
}

impl Handler for QueryObjectsInput {
    type Output = QueryObjectsOutput;
    const RUN: Run<Self> = Service::query_objects_impl;
}

impl Service {
    fn query_objects_impl(
        &mut self,
        req: QueryObjectsInput,
        _cause: Cause,
    ) -> Result<QueryObjectsOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let sphere = require(&req.sphere, "sphere", 0, 1024)?.to_ascii_uppercase();
        if !matches!(sphere.as_str(), "COMPONENT" | "INSTANCE" | "ATTEMPT") {
            return Err(ServiceError::InvalidRequest(format!(
                "Invalid sphere '{sphere}': use COMPONENT, INSTANCE or ATTEMPT"
            )));
        }
        let selectors = req
            .query
            .as_ref()
            .map(|q| q.selectors.as_slice())
            .unwrap_or(&[]);
        if selectors.len() > 10 {
            return Err(ServiceError::InvalidRequest(
                "At most 10 selectors per query".to_string(),
            ));
        }
        let limit = match req.limit {
            Some(l) if l >= 1 => (l as usize).min(defaults::QUERY_OBJECTS_LIMIT),
            Some(_) => {
                return Err(ServiceError::InvalidRequest(
                    "limit must be at least 1".to_string(),
                ))
            }
            None => defaults::QUERY_OBJECTS_LIMIT,
        };
        // Positions retention forgot are not listed.
        let start = parse_marker(&req.marker)?.max(self.first_kept(p, &sphere));
        let (total, nth) = self.sphere_objects(p, &sphere);
        // Page first, then filter: the page is the next `limit` objects of
        // the sphere, and only those matching every selector come back, so
        // a page may hold fewer ids than `limit`, even none, while
        // `hasMoreResults` is true (issue 18 item 4; botocore service
        // model, operation QueryObjects: "The objects returned by
        // QueryObjects are paginated and then filtered by the value you set
        // for query. This means the action may return an empty result set
        // with a value set for marker").
        let end = total.min(start.saturating_add(limit));
        let mut ids = Vec::new();
        for n in start..end {
            let o = nth(n as u32);
            if selectors.is_empty() {
                ids.push(self.object_id(p, o));
            } else {
                let view = self.object_view(p, o);
                if selectors.iter().all(|s| matches(s, &view)) {
                    ids.push(view.id);
                }
            }
        }
        let more = end < total;
        Ok(QueryObjectsOutput {
            ids,
            marker: more.then(|| end.to_string()),
            has_more_results: more,
        })
    }
}
