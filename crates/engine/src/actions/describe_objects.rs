//! DescribeObjects: components, instances or attempts by id, with their
//! runtime fields; `evaluateExpressions` substitutes `#{…}`; paged by `marker`.

use super::list_pipelines::parse_marker;
use super::{Handler, Run};
use crate::defaults;
use crate::error::ServiceError;
use crate::scope::ObjectScope;
use crate::trace::Cause;
use crate::Service;
use model::expr::interpolate;
use protocol::messages::*;

impl Handler for DescribeObjectsInput {
    type Output = DescribeObjectsOutput;
    const RUN: Run<Self> = Service::describe_objects_impl;
}

impl Service {
    fn describe_objects_impl(
        &mut self,
        req: DescribeObjectsInput,
        _cause: Cause,
    ) -> Result<DescribeObjectsOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let ids = req
            .object_ids
            .as_ref()
            .ok_or_else(|| ServiceError::missing("objectIds"))?;
        if ids.len() > defaults::DESCRIBE_OBJECTS_MAX_IDS {
            return Err(ServiceError::InvalidRequest(format!(
                "At most {} objectIds per call",
                defaults::DESCRIBE_OBJECTS_MAX_IDS
            )));
        }
        let start = parse_marker(&req.marker)?;
        let evaluate = req.evaluate_expressions.unwrap_or(false);
        let mut out = Vec::new();
        let mut n = start;
        while n < ids.len() && out.len() < defaults::DESCRIBE_OBJECTS_PAGE {
            if let Some(o) = self.find_object(p, &ids[n]) {
                let mut view = self.object_view(p, o);
                if evaluate {
                    let scope = ObjectScope {
                        service: self,
                        p,
                        obj: o,
                    };
                    for f in &mut view.fields {
                        if let Some(s) = &f.string_value {
                            if s.contains("#{") {
                                if let Ok(v) = interpolate(s, &scope) {
                                    f.string_value = Some(v);
                                }
                            }
                        }
                    }
                }
                out.push(view);
            }
            n += 1;
        }
        let more = n < ids.len();
        Ok(DescribeObjectsOutput {
            pipeline_objects: out,
            marker: more.then(|| n.to_string()),
            has_more_results: more,
        })
    }
}
