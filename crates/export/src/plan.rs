//! A push as plain data: the ordered steps CreatePipeline →
//! PutPipelineDefinition → optional ValidatePipelineDefinition → optional
//! ActivatePipeline, and a small state machine that hands the UI one signed
//! request at a time and reads each answer. The UI only performs fetches
//! and shows the log; it never decides what comes next.

use super::body::{ActivatePipelineInput, CreatePipelineInput};
use super::request::{self, Action, Connection, HttpRequest, SignedCall, REDACTED};
use super::response::{
    parse_response, ActionOutput, DefinitionOutcome, HttpResponse, ServiceError,
};
use chrono::NaiveDateTime;
use model::Definition;

/// What the user chose in the push dialog besides the connection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PushOptions {
    pub create: CreatePipelineInput,
    pub validate: bool,
    pub activate: bool,
    /// ActivatePipeline's `startTimestamp` (epoch seconds), if any.
    pub start_timestamp: Option<i64>,
    /// Update this pipeline (one opened from the endpoint, or pushed
    /// before) instead of creating one: CreatePipeline is skipped.
    pub update: Option<String>,
}

/// Why a push stopped before its last step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The step failed (service error, bad answer, network).
    Error(ServiceError),
    /// Put or Validate answered `errored: true`: the definition was saved
    /// with errors and cannot be activated; the errors are in the outcome.
    DefinitionHasErrors(DefinitionOutcome),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushState {
    NotStarted,
    /// A request for this step was handed out; its answer is awaited.
    Waiting(Action),
    /// Every step succeeded.
    Done,
    Stopped {
        step: Action,
        reason: StopReason,
    },
}

/// One step as the push log shows it: the request with secrets hidden, the
/// canonical request (token hidden) and string to sign, then the answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRecord {
    pub action: Action,
    pub request: HttpRequest,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub response: Option<HttpResponse>,
    pub result: Option<Result<ActionOutput, ServiceError>>,
}

/// The push state machine. Call `next_request(None, now)` to start, send
/// the request, then `next_request(Some(&answer), now)` until it returns
/// `None`; on a failed fetch call `network_error`. Calling
/// `next_request(None, now)` while waiting re-signs the pending step (a retry).
#[derive(Clone, Debug)]
pub struct PushPlan {
    connection: Connection,
    definition: Definition,
    options: PushOptions,
    state: PushState,
    pipeline_id: Option<String>,
    outcome: Option<DefinitionOutcome>,
    log: Vec<StepRecord>,
}

impl PushPlan {
    pub fn new(connection: Connection, definition: Definition, options: PushOptions) -> Self {
        PushPlan {
            connection,
            definition,
            pipeline_id: options.update.clone(),
            options,
            state: PushState::NotStarted,
            outcome: None,
            log: Vec::new(),
        }
    }

    /// The steps this push will take, in order.
    pub fn steps(&self) -> Vec<Action> {
        let mut steps = match self.options.update {
            Some(_) => vec![Action::PutPipelineDefinition],
            None => vec![Action::CreatePipeline, Action::PutPipelineDefinition],
        };
        if self.options.validate {
            steps.push(Action::ValidatePipelineDefinition);
        }
        if self.options.activate {
            steps.push(Action::ActivatePipeline);
        }
        steps
    }

    pub fn state(&self) -> &PushState {
        &self.state
    }
    /// The id CreatePipeline returned (or the updated pipeline's).
    pub fn pipeline_id(&self) -> Option<&str> {
        self.pipeline_id.as_deref()
    }
    /// The latest Put/Validate answer: errors and warnings per object id,
    /// for marking the objects on the canvas.
    pub fn definition_outcome(&self) -> Option<&DefinitionOutcome> {
        self.outcome.as_ref()
    }
    pub fn log(&self) -> &[StepRecord] {
        &self.log
    }
    pub fn is_finished(&self) -> bool {
        matches!(self.state, PushState::Done | PushState::Stopped { .. })
    }

    fn step_after(&self, action: Action) -> Option<Action> {
        let steps = self.steps();
        let i = steps.iter().position(|a| *a == action)?;
        steps.get(i + 1).copied()
    }

    fn build(&self, action: Action, time: NaiveDateTime) -> SignedCall {
        let conn = &self.connection;
        let id = self.pipeline_id.as_deref().unwrap_or_default();
        match action {
            Action::CreatePipeline => request::create_pipeline(conn, &self.options.create, time),
            Action::PutPipelineDefinition => {
                request::put_pipeline_definition(conn, id, &self.definition, time)
            }
            Action::ValidatePipelineDefinition => {
                request::validate_pipeline_definition(conn, id, &self.definition, time)
            }
            Action::ActivatePipeline => {
                let input = ActivatePipelineInput {
                    pipeline_id: Some(id.to_string()),
                    parameter_values: Vec::new(),
                    start_timestamp: self.options.start_timestamp.map(|t| t as f64),
                };
                request::activate_pipeline(conn, &input, time)
            }
            Action::GetPipelineDefinition => request::get_pipeline_definition(conn, id, None, time),
            Action::ListPipelines => request::list_pipelines(conn, None, time),
        }
    }

    fn issue(&mut self, action: Action, time: NaiveDateTime) -> HttpRequest {
        let call = self.build(action, time);
        let token_line = "x-amz-security-token:";
        let canonical = call
            .signing
            .canonical_request
            .split('\n')
            .map(|line| match line.strip_prefix(token_line) {
                Some(_) => format!("{token_line}{REDACTED}"),
                None => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        self.log.push(StepRecord {
            action,
            request: call.request.redacted(),
            canonical_request: canonical,
            string_to_sign: call.signing.string_to_sign.clone(),
            response: None,
            result: None,
        });
        self.state = PushState::Waiting(action);
        call.request
    }

    fn stop(&mut self, step: Action, reason: StopReason) {
        self.state = PushState::Stopped { step, reason };
    }

    /// Hand out the next request, reading `previous` (the answer to the
    /// pending step) first. `None` when the push is finished: see `state()`.
    pub fn next_request(
        &mut self,
        previous: Option<&HttpResponse>,
        time: NaiveDateTime,
    ) -> Option<HttpRequest> {
        let pending = match self.state {
            PushState::NotStarted => {
                let first = self.steps()[0];
                return Some(self.issue(first, time));
            }
            PushState::Done | PushState::Stopped { .. } => return None,
            PushState::Waiting(action) => action,
        };
        let Some(resp) = previous else {
            self.log.pop();
            return Some(self.issue(pending, time));
        };
        let result = parse_response(pending, resp);
        if let Some(rec) = self.log.last_mut() {
            rec.response = Some(resp.clone());
            rec.result = Some(result.clone());
        }
        match result {
            Err(e) => {
                self.stop(pending, StopReason::Error(e));
                return None;
            }
            Ok(ActionOutput::Created { pipeline_id }) => self.pipeline_id = Some(pipeline_id),
            Ok(ActionOutput::Definition(outcome)) => {
                self.outcome = Some(outcome.clone());
                if outcome.errored {
                    self.stop(pending, StopReason::DefinitionHasErrors(outcome));
                    return None;
                }
            }
            Ok(ActionOutput::Activated)
            | Ok(ActionOutput::Fetched(_))
            | Ok(ActionOutput::Listed(_)) => {}
        }
        match self.step_after(pending) {
            Some(next) => Some(self.issue(next, time)),
            None => {
                self.state = PushState::Done;
                None
            }
        }
    }

    /// The pending request got no answer (fetch rejected: endpoint down,
    /// DNS, TLS or CORS). Stops the push with a network error.
    pub fn network_error(&mut self, detail: impl Into<String>) {
        if let PushState::Waiting(action) = self.state {
            let e = ServiceError::network(detail);
            if let Some(rec) = self.log.last_mut() {
                rec.result = Some(Err(e.clone()));
            }
            self.stop(action, StopReason::Error(e));
        }
    }
}
