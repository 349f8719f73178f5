//! ActivatePipeline: validate, then start scheduling (backfill, the one-day
//! rule, `startTimestamp` with SKIPPED intervals, on-demand reruns).

use super::shapes::to_values;
use super::{Handler, Run};
use crate::error::ServiceError;
use crate::trace::Cause;
use crate::Service;
use model::validate::validate;
use protocol::messages::*;

impl Handler for ActivatePipelineInput {
    type Output = ActivatePipelineOutput;
    const RUN: Run<Self> = Service::activate_pipeline_impl;
}

impl Service {
    fn activate_pipeline_impl(
        &mut self,
        req: ActivatePipelineInput,
        cause: Cause,
    ) -> Result<ActivatePipelineOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let pl = &self.pipelines[p];
        let mut def = pl.latest.clone().ok_or_else(|| {
            ServiceError::InvalidRequest("Pipeline has no definition to activate".to_string())
        })?;
        if !req.parameter_values.is_empty() {
            def.values = to_values(&req.parameter_values);
        }
        let report = validate(&def);
        if pl.latest_errored || report.errored() {
            return Err(ServiceError::InvalidRequest(
                "Pipeline definition has errors: call ValidatePipelineDefinition to see them"
                    .to_string(),
            ));
        }
        for param in &def.parameters {
            let attr = |k: &str| {
                param
                    .attributes
                    .iter()
                    .find(|a| a.key == k)
                    .map(|a| a.string_value.as_str())
            };
            let optional = attr("optional").is_some_and(|v| v.eq_ignore_ascii_case("true"));
            let has_value = def.values.iter().any(|v| v.id == param.id);
            if !has_value && attr("default").is_none() && !optional {
                return Err(ServiceError::InvalidRequest(format!(
                    "Missing value for parameter '{}'",
                    param.id
                )));
            }
        }
        let start = match req.start_timestamp {
            Some(ts) if ts.is_finite() => Some(
                chrono::DateTime::from_timestamp(ts.floor() as i64, 0)
                    .ok_or_else(|| ServiceError::InvalidRequest("Invalid startTimestamp".into()))?
                    .naive_utc(),
            ),
            Some(_) => {
                return Err(ServiceError::InvalidRequest(
                    "Invalid startTimestamp".into(),
                ))
            }
            None => None,
        };
        self.activate(p, def, start, cause)?;
        Ok(ActivatePipelineOutput {})
    }
}
