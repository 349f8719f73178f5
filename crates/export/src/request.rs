//! Signed JSON 1.1 requests to Data Pipeline: `POST /` with
//! `Content-Type: application/x-amz-json-1.1`, `X-Amz-Target:
//! DataPipeline.<Action>`, `X-Amz-Date`, `Host`, an optional
//! `X-Amz-Security-Token` and `Authorization`, as plain data the UI sends
//! with fetch. Also the redacted view of a request for the push log.

use super::body::{
    activate_pipeline_body, create_pipeline_body, get_pipeline_definition_body,
    list_pipelines_body, pipeline_definition_body, ActivatePipelineInput, CreatePipelineInput,
};
use super::endpoint::{validate_region, Endpoint, EndpointError};
use super::sigv4::{self, Credentials, SignableRequest, SignedRequest, SigningParams};
use chrono::NaiveDateTime;
use model::Definition;
use serde::Serialize;
use serde_json::Value;

/// The SigV4 service name of Data Pipeline (its endpointPrefix).
pub const SIGNING_SERVICE: &str = "datapipeline";
/// The awsJson 1.1 content type.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
/// What the push log shows for the signing steps of a relayed request.
pub const RELAY_SIGNS: &str = "(unsigned: the relay signs it with this machine's AWS credentials)";
/// What replaces secrets in the redacted view.
pub const REDACTED: &str = "<redacted>";

protocol::action_subset! {
    /// The actions a push performs: rows of the service's action table
    /// (`protocol::action_subset!`), which gives their names and targets.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
    pub enum Action {
        CreatePipeline,
        PutPipelineDefinition,
        ValidatePipelineDefinition,
        ActivatePipeline,
        GetPipelineDefinition,
        ListPipelines,
    }
}

/// A request as plain data. `headers` keep their order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// Header names a browser's fetch refuses to set (it sets them itself).
const BROWSER_CONTROLLED: [&str; 3] = ["host", "content-length", "connection"];

/// Mask all but the first and last four characters.
fn mask_middle(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len().max(4));
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// `Authorization` with the signature hidden and the access key id masked;
/// anything unparseable is hidden whole.
fn redact_authorization(value: &str) -> String {
    let Some(rest) = value.strip_prefix(sigv4::ALGORITHM) else {
        return REDACTED.to_string();
    };
    let parts: Vec<String> = rest
        .split(',')
        .map(|part| {
            let trimmed = part.trim();
            if let Some(cred) = trimmed.strip_prefix("Credential=") {
                match cred.split_once('/') {
                    Some((akid, scope)) => format!("Credential={}/{scope}", mask_middle(akid)),
                    None => format!("Credential={REDACTED}"),
                }
            } else if trimmed.starts_with("SignedHeaders=") {
                trimmed.to_string()
            } else if trimmed.starts_with("Signature=") {
                format!("Signature={REDACTED}")
            } else {
                REDACTED.to_string()
            }
        })
        .collect();
    format!("{} {}", sigv4::ALGORITHM, parts.join(", "))
}

impl HttpRequest {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A copy safe to show and log: the signature and the session token are
    /// replaced by `<redacted>`, the access key id is masked.
    pub fn redacted(&self) -> HttpRequest {
        let headers = self
            .headers
            .iter()
            .map(|(k, v)| {
                let v = if k.eq_ignore_ascii_case("authorization") {
                    redact_authorization(v)
                } else if k.eq_ignore_ascii_case(sigv4::SECURITY_TOKEN_HEADER) {
                    REDACTED.to_string()
                } else {
                    v.clone()
                };
                (k.clone(), v)
            })
            .collect();
        HttpRequest {
            headers,
            ..self.clone()
        }
    }

    /// The headers to hand to fetch: all but those the browser sets itself
    /// (`Host` among them; the signed `Host` is exactly what it will send).
    pub fn fetch_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .filter(|(k, _)| !BROWSER_CONTROLLED.contains(&k.to_ascii_lowercase().as_str()))
            .cloned()
            .collect()
    }

    /// The request as HTTP/1.1 text (request line, headers, blank line,
    /// body), for the push log. Call on `redacted()` before showing it.
    pub fn to_http_text(&self) -> String {
        let after_scheme = self.url.split_once("://").map_or("", |(_, r)| r);
        let target = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let mut out = format!("{} {target} HTTP/1.1\n", self.method);
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\n"));
        }
        out.push('\n');
        out.push_str(&self.body);
        out
    }
}

/// Who signs the requests.
#[derive(Clone, Debug)]
pub enum Signer {
    /// This page, with these credentials (SigV4).
    Credentials(Credentials),
    /// The local relay (`pipeline-studio-server --relay`), with the
    /// machine's own AWS credentials: requests leave here unsigned.
    Relay,
}

/// Where and as whom to push: endpoint, signing region, who signs.
#[derive(Clone, Debug)]
pub struct Connection {
    pub endpoint: Endpoint,
    /// The signature's region (with the relay: the relay's, for display).
    pub region: String,
    pub signer: Signer,
}

impl Connection {
    /// From the push dialog's fields: an empty endpoint URL means the
    /// region's Data Pipeline endpoint. The region must be a region name
    /// in either case, since it is part of the signature's scope.
    pub fn new(
        endpoint_url: &str,
        region: &str,
        credentials: Credentials,
    ) -> Result<Connection, EndpointError> {
        let region = region.trim();
        validate_region(region)?;
        let endpoint = if endpoint_url.trim().is_empty() {
            Endpoint::for_region(region)?
        } else {
            Endpoint::parse(endpoint_url)?
        };
        Ok(Connection {
            endpoint,
            region: region.to_string(),
            signer: Signer::Credentials(credentials),
        })
    }

    /// Through the local relay at `relay_url`: the relay signs for its own
    /// region, so the page holds no credentials.
    pub fn relay(relay_url: &str) -> Result<Connection, EndpointError> {
        Ok(Connection {
            endpoint: Endpoint::parse(relay_url)?,
            region: String::new(),
            signer: Signer::Relay,
        })
    }
}

/// A built request with its signing intermediates (canonical request,
/// string to sign, signature) for the push log and tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedCall {
    pub action: Action,
    pub request: HttpRequest,
    pub signing: SignedRequest,
}

/// Build and sign one JSON 1.1 call of `action` with `body`, at `time`.
pub fn build_request(
    conn: &Connection,
    action: Action,
    body: &Value,
    time: NaiveDateTime,
) -> SignedCall {
    let body = body.to_string();
    let headers = vec![
        ("Host".to_string(), conn.endpoint.host_header()),
        ("Content-Type".to_string(), CONTENT_TYPE.to_string()),
        (sigv4::DATE_HEADER.to_string(), sigv4::amz_date(time)),
        ("X-Amz-Target".to_string(), action.target()),
    ];
    let credentials = match &conn.signer {
        Signer::Credentials(c) => c,
        Signer::Relay => {
            let headers: Vec<(String, String)> = headers
                .into_iter()
                .filter(|(k, _)| k != sigv4::DATE_HEADER)
                .collect();
            return SignedCall {
                action,
                request: HttpRequest {
                    method: "POST".into(),
                    url: conn.endpoint.url(),
                    headers: headers.clone(),
                    body,
                },
                signing: SignedRequest {
                    canonical_request: RELAY_SIGNS.into(),
                    string_to_sign: RELAY_SIGNS.into(),
                    headers,
                    ..SignedRequest::default()
                },
            };
        }
    };
    let signing = sigv4::sign(
        &SignableRequest {
            method: "POST",
            path: &conn.endpoint.path,
            query: &conn.endpoint.query,
            headers: &headers,
            body: body.as_bytes(),
        },
        &SigningParams {
            credentials,
            region: &conn.region,
            service: SIGNING_SERVICE,
            time,
            token_placement: sigv4::TokenPlacement::Signed,
        },
    );
    SignedCall {
        action,
        request: HttpRequest {
            method: "POST".into(),
            url: conn.endpoint.url(),
            headers: signing.headers.clone(),
            body,
        },
        signing,
    }
}

pub fn create_pipeline(
    conn: &Connection,
    input: &CreatePipelineInput,
    time: NaiveDateTime,
) -> SignedCall {
    build_request(
        conn,
        Action::CreatePipeline,
        &create_pipeline_body(input),
        time,
    )
}

pub fn put_pipeline_definition(
    conn: &Connection,
    pipeline_id: &str,
    definition: &Definition,
    time: NaiveDateTime,
) -> SignedCall {
    let body = pipeline_definition_body(pipeline_id, definition);
    build_request(conn, Action::PutPipelineDefinition, &body, time)
}

pub fn validate_pipeline_definition(
    conn: &Connection,
    pipeline_id: &str,
    definition: &Definition,
    time: NaiveDateTime,
) -> SignedCall {
    let body = pipeline_definition_body(pipeline_id, definition);
    build_request(conn, Action::ValidatePipelineDefinition, &body, time)
}

pub fn activate_pipeline(
    conn: &Connection,
    input: &ActivatePipelineInput,
    time: NaiveDateTime,
) -> SignedCall {
    build_request(
        conn,
        Action::ActivatePipeline,
        &activate_pipeline_body(input),
        time,
    )
}

pub fn get_pipeline_definition(
    conn: &Connection,
    pipeline_id: &str,
    version: Option<&str>,
    time: NaiveDateTime,
) -> SignedCall {
    let body = get_pipeline_definition_body(pipeline_id, version);
    build_request(conn, Action::GetPipelineDefinition, &body, time)
}

/// One page of ListPipelines, after `marker` (none: the first page).
pub fn list_pipelines(conn: &Connection, marker: Option<&str>, time: NaiveDateTime) -> SignedCall {
    build_request(
        conn,
        Action::ListPipelines,
        &list_pipelines_body(marker),
        time,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_is_redacted() {
        let v = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE123/20150830/us-east-1/datapipeline/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123";
        assert_eq!(
            redact_authorization(v),
            "AWS4-HMAC-SHA256 Credential=AKID…E123/20150830/us-east-1/datapipeline/aws4_request, SignedHeaders=host;x-amz-date, Signature=<redacted>"
        );
        assert_eq!(redact_authorization("Basic secret"), REDACTED);
        assert_eq!(mask_middle("AKID"), "****");
    }

    #[test]
    fn connection_from_dialog_fields() {
        let creds = Credentials::new("AKID", "secret");
        let c = Connection::new("", " eu-west-1 ", creds.clone()).unwrap();
        assert_eq!(
            c.endpoint.url(),
            "https://datapipeline.eu-west-1.amazonaws.com/"
        );
        assert_eq!(c.region, "eu-west-1");
        let c = Connection::new("http://127.0.0.1:5000", "us-east-1", creds.clone()).unwrap();
        assert_eq!(c.endpoint.host_header(), "127.0.0.1:5000");
        assert!(matches!(
            Connection::new("http://127.0.0.1:5000", "", creds.clone()),
            Err(EndpointError::BadRegion(_))
        ));
        assert!(Connection::new("ftp://x", "us-east-1", creds).is_err());
    }

    #[test]
    fn through_the_relay_requests_carry_no_signature_and_no_secret() {
        let c = Connection::relay("http://127.0.0.1:4600").unwrap();
        let time = sigv4::time_from_epoch_seconds(1_700_000_000).unwrap();
        let call = list_pipelines(&c, None, time);
        let names: Vec<&str> = call
            .request
            .headers
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(names, ["Host", "Content-Type", "X-Amz-Target"]);
        assert_eq!(call.request.url, "http://127.0.0.1:4600/");
        assert_eq!(
            call.request.header("X-Amz-Target"),
            Some("DataPipeline.ListPipelines")
        );
        assert_eq!(call.request.body, "{}");
        assert_eq!(call.signing.canonical_request, RELAY_SIGNS);
        let signed = list_pipelines(
            &Connection::new(
                "http://127.0.0.1:4600",
                "us-east-1",
                Credentials::new("AKID", "s"),
            )
            .unwrap(),
            Some("m1"),
            time,
        );
        assert!(signed.request.header("Authorization").is_some());
        assert_eq!(signed.request.body, r#"{"marker":"m1"}"#);
    }

    #[test]
    fn http_text_shows_path_and_headers() {
        let r = HttpRequest {
            method: "POST".into(),
            url: "http://127.0.0.1:5000/x?y=1".into(),
            headers: vec![("Host".into(), "127.0.0.1:5000".into())],
            body: "{}".into(),
        };
        assert_eq!(
            r.to_http_text(),
            "POST /x?y=1 HTTP/1.1\nHost: 127.0.0.1:5000\n\n{}"
        );
        assert_eq!(r.fetch_headers(), vec![]);
    }
}
