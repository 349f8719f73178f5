//! PutPipelineDefinition: validate and save the whole definition (fatal
//! problems are not saved and answer InvalidRequestException), with the
//! service's warning for cascade combined with a backfill.

use super::shapes::{to_definition, WireObject, WireParameterObject, WireParameterValue};
use super::{Handler, Run};
use crate::defaults;
use crate::error::ServiceError;
use crate::state::PipelineState;
use crate::trace::Cause;
use crate::Service;
use model::validate::validate;
use protocol::messages::*;

/// The definition a Put or Validate request carries (`pipelineObjects` is
/// required).
pub(crate) fn definition(
    objects: &Option<Vec<WireObject>>,
    parameters: &[WireParameterObject],
    values: &[WireParameterValue],
) -> Result<model::Definition, ServiceError> {
    let objects = objects
        .as_ref()
        .ok_or_else(|| ServiceError::missing("pipelineObjects"))?;
    to_definition(objects, parameters, values)
}

/// The message for an object sent without `name` (API Reference,
/// PutPipelineDefinition: "An object is missing a name or identifier
/// field" is one of the errors that keep a definition from being saved).
pub(crate) const MISSING_NAME: &str = "An object is missing a name or identifier field.";

/// The ids of the objects sent without a `name` (the service model's
/// `PipelineObject` requires `id`, `name` and `fields`; the model's
/// definition defaults a missing name to the id, so check the wire).
pub(crate) fn unnamed(objects: &Option<Vec<WireObject>>) -> Vec<String> {
    objects
        .iter()
        .flatten()
        .filter(|o| o.name.is_none())
        .map(|o| o.id.clone())
        .collect()
}

impl Handler for PutPipelineDefinitionInput {
    type Output = PutPipelineDefinitionOutput;
    const RUN: Run<Self> = Service::put_pipeline_definition_impl;
}

impl Service {
    fn put_pipeline_definition_impl(
        &mut self,
        req: PutPipelineDefinitionInput,
        _cause: Cause,
    ) -> Result<PutPipelineDefinitionOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let def = definition(
            &req.pipeline_objects,
            &req.parameter_objects,
            &req.parameter_values,
        )?;
        let pipeline = &self.pipelines[p];
        let fatal = || ServiceError::InvalidRequest(defaults::FATAL_DEFINITION_MESSAGE.to_string());
        if pipeline.state == PipelineState::Finished
            || def.objects.len() > defaults::MAX_OBJECTS
            || !unnamed(&req.pipeline_objects).is_empty()
        {
            return Err(fatal());
        }
        let report = validate(&def);
        if report.has_fatal() {
            return Err(fatal());
        }
        if let Some(active) = &self.pipelines[p].active {
            // An activated pipeline refuses some edits (Developer Guide,
            // dp-manage-pipeline-modify-console, Limitations): reported as
            // validation errors; the running definition stays.
            let refused = model::validate::activated::refused_edits(active, &def);
            if !refused.is_empty() {
                return Ok(PutPipelineDefinitionOutput::from_report(
                    &model::validate::Report { problems: refused },
                ));
            }
        }
        let mut out = PutPipelineDefinitionOutput::from_report(&report);
        for (id, warning) in self.cascade_backfill_warnings(&def) {
            match out.validation_warnings.iter_mut().find(|w| w.id == id) {
                Some(w) => w.warnings.push(warning),
                None => out.validation_warnings.push(ValidationWarning {
                    id,
                    warnings: vec![warning],
                }),
            }
        }
        let pipeline = &mut self.pipelines[p];
        pipeline.latest = Some(def);
        pipeline.latest_errored = report.errored();
        pipeline.version += 1;
        Ok(out)
    }

    /// The warning the service gives when saving an object with
    /// `failureAndRerunMode` cascade whose schedule starts in the past (a
    /// backfill): Developer Guide, dp-manage-cascade-failandrerun,
    /// "Cascade-Failure and Backfills" (its wording).
    fn cascade_backfill_warnings(&self, def: &model::Definition) -> Vec<(String, String)> {
        let now = self.clock.now();
        let Ok((components, _)) =
            crate::components::build(def, now, self.config.default_report_progress_timeout_secs)
        else {
            return Vec::new();
        };
        components
            .iter()
            .filter(|c| c.cascade && c.kind.is_runnable())
            .filter_map(|c| {
                let start = c.schedule.as_ref()?.start;
                (start < now).then(|| {
                    (
                        c.id.clone(),
                        format!(
                            "{} has '{}' field set to '{}' and you are about to create a backfill with scheduleStartTime {}. This can result in rapid creation of pipeline objects in case of failures.",
                            c.name,
                            model::catalog::keys::FAILURE_AND_RERUN_MODE,
                            model::catalog::keys::values::CASCADE,
                            model::time::format_datetime(start)
                        ),
                    )
                })
            })
            .collect()
    }
}
