//! The service's errors: `__type` names, HTTP status codes and messages
//! (reference §1.1). One namespaced form is emitted:
//! `com.amazon.setl.webservice#<Type>` for the service's own errors and
//! `com.amazon.coral.service#<Type>` for protocol errors.

use super::task_id::TaskId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An error answer of the service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceError {
    InvalidRequest(String),
    PipelineNotFound(String),
    PipelineDeleted(String),
    TaskNotFound(String),
    InternalServiceError(String),
    /// The body is not valid JSON or does not fit the request shape.
    Serialization(String),
    /// The X-Amz-Target names no action of the service.
    UnknownOperation(String),
}

impl ServiceError {
    /// The short error type (`InvalidRequestException`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            ServiceError::InvalidRequest(_) => "InvalidRequestException",
            ServiceError::PipelineNotFound(_) => "PipelineNotFoundException",
            ServiceError::PipelineDeleted(_) => "PipelineDeletedException",
            ServiceError::TaskNotFound(_) => "TaskNotFoundException",
            ServiceError::InternalServiceError(_) => "InternalServiceError",
            ServiceError::Serialization(_) => "SerializationException",
            ServiceError::UnknownOperation(_) => "UnknownOperationException",
        }
    }
    /// The `__type` value on the wire.
    pub fn wire_type(&self) -> String {
        let ns = match self {
            ServiceError::Serialization(_) | ServiceError::UnknownOperation(_) => {
                "com.amazon.coral.service"
            }
            _ => "com.amazon.setl.webservice",
        };
        format!("{ns}#{}", self.type_name())
    }
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        match self {
            ServiceError::InternalServiceError(_) => 500,
            _ => 400,
        }
    }
    pub fn message(&self) -> &str {
        match self {
            ServiceError::InvalidRequest(m)
            | ServiceError::PipelineNotFound(m)
            | ServiceError::PipelineDeleted(m)
            | ServiceError::TaskNotFound(m)
            | ServiceError::InternalServiceError(m)
            | ServiceError::Serialization(m)
            | ServiceError::UnknownOperation(m) => m,
        }
    }
    /// The JSON error body.
    pub fn to_json(&self) -> String {
        serde_json::json!({"__type": self.wire_type(), "message": self.message()}).to_string()
    }
    /// "1 validation error detected: Value null at 'x' failed to satisfy constraint: …"
    pub fn missing(member: &str) -> ServiceError {
        ServiceError::InvalidRequest(format!(
            "1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"
        ))
    }
    /// A length constraint on a member.
    pub fn length(member: &str, min: usize, max: usize) -> ServiceError {
        ServiceError::InvalidRequest(format!(
            "1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must have length between {min} and {max}"
        ))
    }
    pub fn pipeline_not_found(id: &str) -> ServiceError {
        ServiceError::PipelineNotFound(format!("Pipeline with id: {id} does not exist."))
    }
    pub fn pipeline_deleted(id: &str) -> ServiceError {
        ServiceError::PipelineDeleted(format!("Pipeline with id: {id} was deleted."))
    }
    pub fn task_not_found(id: impl fmt::Display) -> ServiceError {
        ServiceError::TaskNotFound(format!(
            "Task with id: {id} was not found or is no longer assigned to this runner."
        ))
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.type_name(), self.message())
    }
}

impl std::error::Error for ServiceError {}

/// Checks a required string member's presence and length.
pub fn require<'a, S: AsRef<str>>(
    value: &'a Option<S>,
    member: &str,
    min: usize,
    max: usize,
) -> Result<&'a str, ServiceError> {
    match value {
        None => Err(ServiceError::missing(member)),
        Some(v) if !chars_within(v.as_ref(), min, max) => {
            Err(ServiceError::length(member, min, max))
        }
        Some(v) => Ok(v.as_ref()),
    }
}

/// Whether `v` has `min..=max` characters (bytes bound the count, so most
/// strings need no counting).
fn chars_within(v: &str, min: usize, max: usize) -> bool {
    if v.len() <= max && v.len() >= min.saturating_mul(4) {
        return true;
    }
    let n = v.chars().count();
    n >= min && n <= max
}

/// Checks a required taskId's presence and length (an id the service
/// issued always fits).
pub fn require_task_id<'a>(
    value: &'a Option<TaskId>,
    member: &str,
) -> Result<&'a TaskId, ServiceError> {
    match value {
        None => Err(ServiceError::missing(member)),
        Some(TaskId::Other(v)) if !chars_within(v, 1, 2048) => {
            Err(ServiceError::length(member, 1, 2048))
        }
        Some(v) => Ok(v),
    }
}

/// Checks an optional string member's length.
pub fn check_len<S: AsRef<str>>(
    value: &Option<S>,
    member: &str,
    max: usize,
) -> Result<(), ServiceError> {
    match value {
        Some(v) if !chars_within(v.as_ref(), 0, max) => Err(ServiceError::length(member, 0, max)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_form_is_namespaced_with_status() {
        let e = ServiceError::InvalidRequest("x".into());
        assert_eq!(e.status(), 400);
        assert_eq!(
            e.to_json(),
            r#"{"__type":"com.amazon.setl.webservice#InvalidRequestException","message":"x"}"#
        );
        assert_eq!(ServiceError::InternalServiceError("y".into()).status(), 500);
    }
}
