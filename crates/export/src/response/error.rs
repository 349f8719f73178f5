//! The service's error answers as a typed `ServiceError`: the JSON error
//! body (`__type` with or without a `namespace#` prefix, `message` or
//! `Message`), the `x-amzn-ErrorType` header, non-JSON bodies (moto's HTML
//! 500s), signature and credential errors, and network failures, each with
//! a human message for the push dialog saying what to check.

use super::HttpResponse;
use model::catalog::keys::runtime;
use serde_json::Value;
use std::fmt;

/// What kind of failure, grouped by what the user should check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The signature does not match (`InvalidSignatureException`,
    /// `SignatureDoesNotMatch`, `IncompleteSignature`).
    Signature,
    /// The signing time is too far from the service's clock (`RequestExpired`,
    /// `RequestTimeTooSkewed`, or a signature error saying "expired").
    ClockSkew,
    /// The access key id or session token is unknown or expired
    /// (`UnrecognizedClientException`, `InvalidClientTokenId`, `ExpiredToken`, …).
    Credentials,
    /// Signed correctly but not allowed (`AccessDeniedException`).
    AccessDenied,
    /// Too many calls (`ThrottlingException`).
    Throttling,
    /// `InvalidRequestException` (a fatal definition error, among others) and
    /// request-shape errors (`ValidationException`, `SerializationException`).
    InvalidRequest,
    PipelineNotFound,
    PipelineDeleted,
    TaskNotFound,
    /// `InternalServiceError` / `InternalFailure` / `ServiceUnavailable`.
    Internal,
    /// The endpoint does not know this action (`UnknownOperationException`).
    UnknownOperation,
    /// Any other error the service names.
    Other,
    /// The body is not JSON (an HTML error page, S3 XML, …).
    NotJson,
    /// A success status with a body that lacks what the action returns.
    MalformedResponse,
    /// No answer at all: endpoint down, DNS, TLS, or a CORS refusal.
    Network,
    /// The local relay could not complete the call: no AWS credentials on
    /// its machine, or AWS unreachable from there (`Relay…Exception`).
    Relay,
}

/// A failed step: its kind, the service's error code (the `__type` without
/// namespace), the service's message and the HTTP status (none for a
/// network failure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    pub kind: ErrorKind,
    pub code: Option<String>,
    pub message: String,
    pub status: Option<u16>,
}

/// `com.amazon.setl.webservice#InvalidRequestException` → `InvalidRequestException`;
/// `X:http://internal…` (the header form) → `X`.
pub fn short_error_code(raw: &str) -> &str {
    let after_hash = raw.rsplit('#').next().unwrap_or(raw);
    after_hash.split(':').next().unwrap_or(after_hash).trim()
}

fn kind_for(code: &str, message: &str) -> ErrorKind {
    let lower = message.to_ascii_lowercase();
    match code {
        "InvalidSignatureException"
        | "SignatureDoesNotMatch"
        | "IncompleteSignature"
        | "IncompleteSignatureException" => {
            if lower.contains("expired") || lower.contains("skew") {
                ErrorKind::ClockSkew
            } else {
                ErrorKind::Signature
            }
        }
        "RequestExpired" | "RequestTimeTooSkewed" | "SignatureExpired" => ErrorKind::ClockSkew,
        "UnrecognizedClientException"
        | "InvalidClientTokenId"
        | "InvalidAccessKeyId"
        | "MissingAuthenticationToken"
        | "MissingAuthenticationTokenException"
        | "ExpiredToken"
        | "ExpiredTokenException" => ErrorKind::Credentials,
        "AccessDeniedException" | "AccessDenied" => ErrorKind::AccessDenied,
        "ThrottlingException" | "Throttling" | "TooManyRequestsException" => ErrorKind::Throttling,
        "InvalidRequestException" | "ValidationException" | "SerializationException" => {
            ErrorKind::InvalidRequest
        }
        "PipelineNotFoundException" => ErrorKind::PipelineNotFound,
        "PipelineDeletedException" => ErrorKind::PipelineDeleted,
        "TaskNotFoundException" => ErrorKind::TaskNotFound,
        "InternalServiceError"
        | "InternalFailure"
        | "InternalServerError"
        | "ServiceUnavailable"
        | "ServiceUnavailableException" => ErrorKind::Internal,
        "UnknownOperationException" => ErrorKind::UnknownOperation,
        "RelayCredentialsException" | "RelayUpstreamException" | "RelaySigningException" => {
            ErrorKind::Relay
        }
        _ => ErrorKind::Other,
    }
}

/// The text between `<tag>` and `</tag>`, if any.
fn xml_element<'a>(body: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let len = body[start..].find(&format!("</{tag}>"))?;
    Some(body[start..start + len].trim())
}

/// `(Code, Message)` of an AWS XML error body (`<Error><Code>…</Code>
/// <Message>…</Message></Error>`, as S3 or a query-protocol service sends).
fn xml_error(body: &str) -> Option<(String, String)> {
    if !body.trim_start().starts_with('<') {
        return None;
    }
    let code = xml_element(body, "Code").filter(|c| !c.is_empty())?;
    let message = xml_element(body, "Message").unwrap_or("");
    Some((short_error_code(code).to_string(), message.to_string()))
}

/// Tags removed, whitespace folded, at most 300 characters.
fn text_excerpt(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() > 300 {
        format!("{}…", folded.chars().take(300).collect::<String>())
    } else {
        folded
    }
}

impl ServiceError {
    /// The error of a non-2xx answer.
    pub fn from_response(resp: &HttpResponse) -> ServiceError {
        let header_code = resp
            .header("x-amzn-errortype")
            .map(short_error_code)
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        let json: Option<Value> = serde_json::from_str(resp.body.trim()).ok();
        let Some(Value::Object(obj)) = json else {
            if let Some((code, message)) = xml_error(&resp.body) {
                return ServiceError {
                    kind: kind_for(&code, &message),
                    code: Some(code),
                    message,
                    status: Some(resp.status),
                };
            }
            if resp.body.trim().is_empty() {
                if let Some(code) = header_code {
                    return ServiceError {
                        kind: kind_for(&code, ""),
                        code: Some(code),
                        message: String::new(),
                        status: Some(resp.status),
                    };
                }
            }
            return ServiceError {
                kind: ErrorKind::NotJson,
                code: header_code,
                message: text_excerpt(&resp.body),
                status: Some(resp.status),
            };
        };
        let str_of = |k: &str| obj.get(k).and_then(Value::as_str);
        let code = str_of("__type")
            .or_else(|| str_of("code"))
            .or_else(|| str_of("Code"))
            .map(|c| short_error_code(c).to_string())
            .filter(|c| !c.is_empty())
            .or(header_code);
        let message = str_of("message")
            .or_else(|| str_of("Message"))
            .or_else(|| str_of(runtime::ERROR_MESSAGE))
            .unwrap_or("")
            .to_string();
        let kind = code
            .as_deref()
            .map_or(ErrorKind::Other, |c| kind_for(c, &message));
        ServiceError {
            kind,
            code,
            message,
            status: Some(resp.status),
        }
    }

    /// No response arrived (fetch rejected): the endpoint is down or
    /// unreachable, or the browser refused the answer (CORS).
    pub fn network(detail: impl Into<String>) -> ServiceError {
        ServiceError {
            kind: ErrorKind::Network,
            code: None,
            message: detail.into(),
            status: None,
        }
    }

    /// A success status whose body does not have what the action returns.
    pub fn malformed(status: u16, what: impl Into<String>) -> ServiceError {
        ServiceError {
            kind: ErrorKind::MalformedResponse,
            code: None,
            message: what.into(),
            status: Some(status),
        }
    }

    /// A short title for the dialog.
    pub fn title(&self) -> &'static str {
        match self.kind {
            ErrorKind::Signature => "The endpoint rejected the request signature",
            ErrorKind::ClockSkew => "The request time is too far from the endpoint's clock",
            ErrorKind::Credentials => "The endpoint does not accept these credentials",
            ErrorKind::AccessDenied => "Access denied",
            ErrorKind::Throttling => "Too many requests",
            ErrorKind::InvalidRequest => "The service rejected the request",
            ErrorKind::PipelineNotFound => "The pipeline does not exist",
            ErrorKind::PipelineDeleted => "The pipeline was deleted",
            ErrorKind::TaskNotFound => "The task does not exist",
            ErrorKind::Internal => "The service had an internal error",
            ErrorKind::UnknownOperation => "The endpoint does not support this action",
            ErrorKind::Other => "The service answered with an error",
            ErrorKind::NotJson => {
                "The endpoint answered with something that is not a service response"
            }
            ErrorKind::MalformedResponse => "The endpoint's answer is incomplete",
            ErrorKind::Network => "The endpoint could not be reached",
            ErrorKind::Relay => "The local relay could not complete the call",
        }
    }

    /// What to check, in the user's terms.
    pub fn hint(&self) -> &'static str {
        match self.kind {
            ErrorKind::Signature => "Check the secret access key (copy it again, without spaces), the region (it must be the endpoint's region) and that this computer's clock is right.",
            ErrorKind::ClockSkew => "Set this computer's clock to the correct time (requests more than 5 minutes off are refused), then push again.",
            ErrorKind::Credentials => "Check the access key id, and the session token if you use temporary credentials (it may have expired). The key must belong to the account of the endpoint's region.",
            ErrorKind::AccessDenied => "The credentials are valid but lack permission: the user or role needs the datapipeline:* actions used here.",
            ErrorKind::Throttling => "Wait a little and push again.",
            ErrorKind::InvalidRequest => "Read the service's message; a definition the service cannot save (an empty field, a missing id or name) is reported here. Fix it in the editor and push again.",
            ErrorKind::PipelineNotFound | ErrorKind::PipelineDeleted => "The pipeline id is unknown to this endpoint or region. Push again to create a new pipeline.",
            ErrorKind::TaskNotFound => "The task is no longer assigned; nothing to do for a push.",
            ErrorKind::Internal => "The service failed; try again later.",
            ErrorKind::UnknownOperation => "This endpoint does not implement the action. Turn the step off (for example Validate on moto) and push again.",
            ErrorKind::Other => "Read the service's message above.",
            ErrorKind::NotJson => "Check the endpoint URL: it may not be a Data Pipeline endpoint. A moto server answers HTTP 500 with an HTML page for actions it does not implement (such as ValidatePipelineDefinition) and for unknown pipeline ids.",
            ErrorKind::MalformedResponse => "Check that the endpoint URL points at a Data Pipeline-compatible service.",
            ErrorKind::Relay => "The relay signs with the AWS credentials of the machine it runs on: check them there (`aws sts get-caller-identity`, or the --profile and --region you started it with) and that the machine can reach AWS.",
            ErrorKind::Network => "Check that the endpoint is running and the URL (scheme, host, port) is right. A browser also reports a network error when the endpoint does not allow cross-origin requests (CORS), for example on an error page without CORS headers.",
        }
    }

    /// Title, code, status, the service's message and the hint, as shown in
    /// the push dialog.
    pub fn human_message(&self) -> String {
        let mut head = self.title().to_string();
        let mut detail = Vec::new();
        if let Some(c) = &self.code {
            detail.push(c.clone());
        }
        if let Some(s) = self.status {
            detail.push(format!("HTTP {s}"));
        }
        if !detail.is_empty() {
            head.push_str(&format!(" ({})", detail.join(", ")));
        }
        let mut out = head;
        if !self.message.is_empty() {
            out.push_str(&format!(": {}", self.message));
        }
        out.push_str(&format!("\n{}", self.hint()));
        out
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human_message())
    }
}

impl std::error::Error for ServiceError {}
