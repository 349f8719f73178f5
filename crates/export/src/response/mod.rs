//! Read what the service answers: the success bodies of CreatePipeline
//! (`pipelineId`), Put/ValidatePipelineDefinition (`errored`,
//! `validationErrors`, `validationWarnings`), ActivatePipeline (`{}`) and
//! GetPipelineDefinition (the definition), and every failure as a
//! `ServiceError`. The body is read as JSON whatever the Content-Type says
//! (moto labels its JSON `text/html`).

mod error;

pub use error::{short_error_code, ErrorKind, ServiceError};

use super::request::Action;
use model::Definition;
use serde_json::{Map, Value};

/// An answer as the UI received it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The messages the service reports for one object (`{id, errors}` or `{id, warnings}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectMessages {
    pub id: String,
    pub messages: Vec<String>,
}

/// Put/ValidatePipelineDefinition's answer. `errored` means the definition
/// has errors (saved, but it cannot be activated).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DefinitionOutcome {
    pub errored: bool,
    pub validation_errors: Vec<ObjectMessages>,
    pub validation_warnings: Vec<ObjectMessages>,
}

/// One entry of ListPipelines' `pipelineIdList`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PipelineIdName {
    pub id: String,
    pub name: String,
}

/// One page of ListPipelines: the pipelines and the marker of the next
/// page (`None` when `hasMoreResults` is false).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipelinePage {
    pub pipelines: Vec<PipelineIdName>,
    pub next_marker: Option<String>,
}

/// What one successful step returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionOutput {
    Created { pipeline_id: String },
    Definition(DefinitionOutcome),
    Activated,
    Fetched(Definition),
    Listed(PipelinePage),
}

/// `CODE: text` → (`Some("CODE")`, `"text"`), as in
/// `INVALID_FIELD_VALUE:  'startDateTime' value must be …`.
pub fn split_message_code(message: &str) -> (Option<&str>, &str) {
    if let Some((code, rest)) = message.split_once(':') {
        let is_code = !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if is_code {
            return (Some(code), rest.trim_start());
        }
    }
    (None, message)
}

/// The JSON object of a success body; an empty body counts as `{}`.
fn success_object(resp: &HttpResponse) -> Result<Map<String, Value>, ServiceError> {
    if !resp.is_success() {
        return Err(ServiceError::from_response(resp));
    }
    let body = resp.body.trim();
    if body.is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(ServiceError::malformed(
            resp.status,
            "the body is not a JSON object",
        )),
    }
}

pub fn parse_create_pipeline(resp: &HttpResponse) -> Result<String, ServiceError> {
    let obj = success_object(resp)?;
    match obj.get("pipelineId").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => Ok(id.to_string()),
        _ => Err(ServiceError::malformed(
            resp.status,
            "CreatePipeline's answer has no pipelineId",
        )),
    }
}

fn object_messages(list: Option<&Value>, member: &str) -> Result<Vec<ObjectMessages>, String> {
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    let items = list.as_array().ok_or("not a list")?;
    items
        .iter()
        .map(|item| {
            let id = item
                .get("id")
                .and_then(Value::as_str)
                .ok_or("an entry without id")?;
            let messages = match item.get(member) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(ms)) => ms
                    .iter()
                    .map(|m| m.as_str().map(str::to_string).ok_or("a non-string message"))
                    .collect::<Result<_, _>>()?,
                Some(_) => return Err(format!("{member} is not a list")),
            };
            Ok(ObjectMessages {
                id: id.to_string(),
                messages,
            })
        })
        .collect()
}

/// Put- or ValidatePipelineDefinition's answer.
pub fn parse_definition_outcome(resp: &HttpResponse) -> Result<DefinitionOutcome, ServiceError> {
    let obj = success_object(resp)?;
    let bad = |what: String| ServiceError::malformed(resp.status, what);
    let errored = match obj.get("errored") {
        Some(Value::Bool(b)) => *b,
        _ => return Err(bad("the answer has no errored flag".into())),
    };
    let validation_errors = object_messages(obj.get("validationErrors"), "errors")
        .map_err(|e| bad(format!("validationErrors: {e}")))?;
    let validation_warnings = object_messages(obj.get("validationWarnings"), "warnings")
        .map_err(|e| bad(format!("validationWarnings: {e}")))?;
    Ok(DefinitionOutcome {
        errored,
        validation_errors,
        validation_warnings,
    })
}

pub fn parse_activate_pipeline(resp: &HttpResponse) -> Result<(), ServiceError> {
    success_object(resp).map(|_| ())
}

/// The API shape (`pipelineObjects`, `parameterObjects`, `parameterValues`)
/// read into a definition (the model's reader).
pub fn definition_from_api_shape(obj: &Map<String, Value>) -> Result<Definition, String> {
    model::formats::parse_value(&Value::Object(obj.clone()))
        .map(|p| p.definition)
        .map_err(|e| e.to_string())
}

pub fn parse_get_pipeline_definition(resp: &HttpResponse) -> Result<Definition, ServiceError> {
    let obj = success_object(resp)?;
    definition_from_api_shape(&obj).map_err(|e| ServiceError::malformed(resp.status, e))
}

pub fn parse_list_pipelines(resp: &HttpResponse) -> Result<PipelinePage, ServiceError> {
    let obj = success_object(resp)?;
    let Some(list) = obj.get("pipelineIdList").and_then(Value::as_array) else {
        return Err(ServiceError::malformed(
            resp.status,
            "ListPipelines' answer has no pipelineIdList",
        ));
    };
    let pipelines = list
        .iter()
        .filter_map(|p| {
            let id = p.get("id")?.as_str()?.to_string();
            let name = p
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(&id)
                .to_string();
            Some(PipelineIdName { id, name })
        })
        .collect();
    let more = obj.get("hasMoreResults").and_then(Value::as_bool) == Some(true);
    let next_marker = obj
        .get("marker")
        .and_then(Value::as_str)
        .filter(|m| more && !m.is_empty())
        .map(str::to_string);
    Ok(PipelinePage {
        pipelines,
        next_marker,
    })
}

/// Parse the answer to `action`.
pub fn parse_response(action: Action, resp: &HttpResponse) -> Result<ActionOutput, ServiceError> {
    match action {
        Action::CreatePipeline => {
            parse_create_pipeline(resp).map(|pipeline_id| ActionOutput::Created { pipeline_id })
        }
        Action::PutPipelineDefinition | Action::ValidatePipelineDefinition => {
            parse_definition_outcome(resp).map(ActionOutput::Definition)
        }
        Action::ActivatePipeline => parse_activate_pipeline(resp).map(|_| ActionOutput::Activated),
        Action::GetPipelineDefinition => {
            parse_get_pipeline_definition(resp).map(ActionOutput::Fetched)
        }
        Action::ListPipelines => parse_list_pipelines(resp).map(ActionOutput::Listed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_codes_split() {
        assert_eq!(
            split_message_code(
                "INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value."
            ),
            (
                Some("INVALID_FIELD_VALUE"),
                "'startDateTime' value must be a literal datetime value."
            )
        );
        assert_eq!(split_message_code("no code: here"), (None, "no code: here"));
        assert_eq!(split_message_code("plain"), (None, "plain"));
    }

    #[test]
    fn pipeline_pages() {
        let r = HttpResponse::new(
            200,
            r#"{"pipelineIdList":[{"id":"df-1","name":"a"},{"id":"df-2"}],"marker":"m","hasMoreResults":true}"#,
        );
        let page = parse_list_pipelines(&r).unwrap();
        assert_eq!(page.pipelines.len(), 2);
        assert_eq!(page.pipelines[1].name, "df-2");
        assert_eq!(page.next_marker.as_deref(), Some("m"));
        let last = HttpResponse::new(
            200,
            r#"{"pipelineIdList":[],"marker":"m","hasMoreResults":false}"#,
        );
        assert_eq!(parse_list_pipelines(&last).unwrap().next_marker, None);
        assert!(parse_list_pipelines(&HttpResponse::new(200, "{}")).is_err());
    }

    #[test]
    fn short_codes() {
        assert_eq!(
            short_error_code("com.amazon.setl.webservice#InvalidRequestException"),
            "InvalidRequestException"
        );
        assert_eq!(
            short_error_code("InvalidSignatureException:http://internal.amazon.com/coral/"),
            "InvalidSignatureException"
        );
        assert_eq!(short_error_code("Plain"), "Plain");
    }
}
