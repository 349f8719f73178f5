//! The wire protocol: `X-Amz-Target: DataPipeline.<Action>` plus a JSON
//! body in, `(HTTP status, JSON body)` out, with `__type` errors. The route
//! of each action is made from the table (`protocol::for_each_action!`);
//! every call goes through `call`, which also feeds the call log.

use super::actions::Handler;
use super::error::ServiceError;
use super::service::CallRecord;
use super::trace::Cause;
use super::Service;
use protocol::Answer;
use serde::{de::DeserializeOwned, Serialize};

pub use protocol::Action;

fn parse_body<I: DeserializeOwned>(body: &str) -> Result<I, ServiceError> {
    let body = if body.trim().is_empty() { "{}" } else { body };
    serde_json::from_str(body).map_err(|e| ServiceError::Serialization(e.to_string()))
}

fn answer<O: Serialize>(r: Result<O, ServiceError>, answer: Answer) -> (u16, String) {
    match r {
        Ok(_) if answer == Answer::Empty => (200, String::new()),
        Ok(o) => match serde_json::to_string(&o) {
            Ok(s) => (200, s),
            Err(e) => {
                let err = ServiceError::InternalServiceError(e.to_string());
                (err.status(), err.to_json())
            }
        },
        Err(e) => (e.status(), e.to_json()),
    }
}

macro_rules! route {
    ($($name:ident { method: $method:ident, input: $input:ident, $($rest:tt)* }),* $(,)?) => {
        impl Service {
            /// The typed call the wire request names, its answer as the wire's.
            fn route_wire(&mut self, action: Action, body: &str) -> (u16, String) {
                match action {
                    $(Action::$name => self.route_to::<protocol::$input>(body),)*
                }
            }
        }
    };
}
protocol::for_each_action!(route);

impl Service {
    /// Answer one wire request: `target` is the X-Amz-Target header
    /// (`DataPipeline.<Action>`), `body` the JSON body.
    pub fn dispatch(&mut self, target: &str, body: &str) -> (u16, String) {
        let Some(action) = Action::from_target(target) else {
            let e = ServiceError::UnknownOperation(format!("Unknown operation: {target}"));
            return (e.status(), e.to_json());
        };
        self.route_wire(action, body)
    }

    /// Any typed call: the generic form of the per-action methods
    /// (`list_pipelines`, …), for callers that hold the request's type.
    pub fn send<I: Handler>(&mut self, req: I) -> Result<I::Output, ServiceError> {
        self.call(req)
    }

    fn route_to<I: Handler>(&mut self, body: &str) -> (u16, String) {
        match parse_body::<I>(body) {
            Ok(req) => answer(self.call(req), I::ACTION.answer()),
            Err(e) => {
                self.log_failed_call(I::ACTION, body, &e);
                (e.status(), e.to_json())
            }
        }
    }

    /// Run one typed call: the action itself, then the lifecycle work and
    /// timers due now, then the call log.
    pub(crate) fn call<I: Handler>(&mut self, req: I) -> Result<I::Output, ServiceError> {
        let action = I::ACTION;
        let request = self
            .calls
            .log_enabled()
            .then(|| serde_json::to_string(&req).unwrap_or_default());
        let cause = Cause::Call {
            action,
            caller: self.calls.current(),
        };
        let out = I::RUN(self, req, cause);
        self.settle();
        self.run_due();
        if let Some(request) = request {
            let (status, response) = match &out {
                Ok(o) => (200, serde_json::to_string(o).unwrap_or_default()),
                Err(e) => (e.status(), e.to_json()),
            };
            let call = CallRecord {
                at: self.now(),
                caller: self.caller_label().to_string(),
                action: action.as_str().to_string(),
                request,
                response,
                status,
            };
            self.calls.record(call);
        }
        out
    }

    fn log_failed_call(&mut self, action: Action, body: &str, e: &ServiceError) {
        if self.calls.log_enabled() {
            let call = CallRecord {
                at: self.now(),
                caller: self.caller_label().to_string(),
                action: action.as_str().to_string(),
                request: body.to_string(),
                response: e.to_json(),
                status: e.status(),
            };
            self.calls.record(call);
        }
    }
}
