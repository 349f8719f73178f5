//! SigV4 on the way in: every request must carry a well-formed
//! `AWS4-HMAC-SHA256` Authorization scoped to `datapipeline`; with a
//! credentials file the signature is recomputed with the project's own
//! SigV4 code (`export::sigv4`) and compared. Errors are the ones AWS sends.

use chrono::NaiveDateTime;
use export::sigv4::{self, SignableRequest};
use std::collections::BTreeMap;

/// The signing name of the service.
pub const SERVICE: &str = "datapipeline";

/// An authentication failure: HTTP 403 with this `__type` and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthError {
    pub kind: &'static str,
    pub message: String,
}

impl AuthError {
    fn new(kind: &'static str, message: impl Into<String>) -> Self {
        AuthError {
            kind,
            message: message.into(),
        }
    }
}

/// The parts of an `Authorization` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    pub access_key_id: String,
    pub date: String,
    pub region: String,
    pub service: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

const SIGNATURE_MISMATCH: &str = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/// Parse `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
pub fn parse_authorization(value: &str) -> Result<Authorization, AuthError> {
    let value = value.trim();
    let (alg, rest) = value.split_once(char::is_whitespace).unwrap_or((value, ""));
    if alg != sigv4::ALGORITHM {
        return Err(AuthError::new(
            "IncompleteSignatureException",
            format!("Unsupported Authorization Type. Authorization={value}"),
        ));
    }
    let mut parts = BTreeMap::new();
    for item in rest.split(',') {
        if let Some((k, v)) = item.trim().split_once('=') {
            parts.insert(k.trim(), v.trim());
        }
    }
    let mut missing = String::new();
    for need in ["Credential", "Signature", "SignedHeaders"] {
        if parts.get(need).is_none_or(|v| v.is_empty()) {
            missing.push_str(&format!(
                "Authorization header requires '{need}' parameter. "
            ));
        }
    }
    if !missing.is_empty() {
        return Err(AuthError::new(
            "IncompleteSignatureException",
            format!("{missing}Authorization={value}"),
        ));
    }
    let credential = parts["Credential"];
    let scope: Vec<&str> = credential.split('/').collect();
    if scope.len() != 5 || scope[4] != "aws4_request" || scope.iter().any(|s| s.is_empty()) {
        return Err(AuthError::new(
            "IncompleteSignatureException",
            format!("Credential should be scoped to a valid region, service and date. Credential={credential}"),
        ));
    }
    let signature = parts["Signature"];
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AuthError::new(
            "IncompleteSignatureException",
            format!("Signature must be 64 hex digits. Authorization={value}"),
        ));
    }
    Ok(Authorization {
        access_key_id: scope[0].to_string(),
        date: scope[1].to_string(),
        region: scope[2].to_string(),
        service: scope[3].to_string(),
        signed_headers: parts["SignedHeaders"]
            .split(';')
            .map(str::to_string)
            .collect(),
        signature: signature.to_ascii_lowercase(),
    })
}

/// Access key id → secret access key, from a JSON object
/// (`{"AKID": "secret"}`) or `access_key=secret` lines (`#` comments).
pub fn parse_credentials(text: &str) -> Result<BTreeMap<String, String>, String> {
    if text.trim_start().starts_with('{') {
        let map: BTreeMap<String, String> =
            serde_json::from_str(text).map_err(|e| format!("credentials JSON: {e}"))?;
        return Ok(map);
    }
    let mut map = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .ok_or_else(|| format!("credentials line {}: expected access_key=secret", n + 1))?;
        map.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(map)
}

/// What arrived: method, raw path and query, headers in order.
pub struct Incoming<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Check a request's signature. `keys` = `None`: only the form is checked;
/// `Some`: the signature is recomputed with the key's secret. `wall_now`
/// bounds the signing time (±15 minutes) when verifying.
pub fn check(
    req: &Incoming<'_>,
    keys: Option<&BTreeMap<String, String>>,
    wall_now: NaiveDateTime,
) -> Result<Authorization, AuthError> {
    let Some(value) = header(req.headers, "authorization") else {
        return Err(AuthError::new(
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        ));
    };
    let auth = parse_authorization(value)?;
    let Some(amz_date) = header(req.headers, sigv4::DATE_HEADER) else {
        return Err(AuthError::new(
            "IncompleteSignatureException",
            format!("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization={value}"),
        ));
    };
    let Ok(time) = NaiveDateTime::parse_from_str(amz_date, "%Y%m%dT%H%M%SZ") else {
        return Err(AuthError::new(
            "IncompleteSignatureException",
            format!("Date must be in ISO-8601 'basic format'. Got '{amz_date}'."),
        ));
    };
    if auth.service != SERVICE {
        return Err(AuthError::new(
            "InvalidSignatureException",
            format!("Credential should be scoped to correct service: '{SERVICE}'. "),
        ));
    }
    if !amz_date.starts_with(&auth.date) {
        return Err(AuthError::new(
            "InvalidSignatureException",
            format!("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}', from '{amz_date}'.", auth.date, &amz_date[..8.min(amz_date.len())]),
        ));
    }
    let Some(keys) = keys else {
        return Ok(auth);
    };
    let Some(secret) = keys.get(&auth.access_key_id) else {
        return Err(AuthError::new(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ));
    };
    let skew = (wall_now - time).num_seconds().abs();
    if skew > 15 * 60 {
        return Err(AuthError::new(
            "InvalidSignatureException",
            format!("Signature expired: {amz_date} is now earlier or later than the server time by more than 15 minutes."),
        ));
    }
    let signed: Vec<(String, String)> = req
        .headers
        .iter()
        .filter(|(k, _)| {
            auth.signed_headers
                .iter()
                .any(|s| k.eq_ignore_ascii_case(s))
        })
        .cloned()
        .collect();
    let named = sigv4::canonical_headers(&signed).signed_names;
    if named != auth.signed_headers.join(";") {
        return Err(AuthError::new(
            "InvalidSignatureException",
            SIGNATURE_MISMATCH,
        ));
    }
    let signable = SignableRequest {
        method: req.method,
        path: req.path,
        query: req.query,
        headers: &signed,
        body: req.body,
    };
    let (creq, _) = sigv4::canonical_request(&signable);
    let scope = sigv4::credential_scope(time, &auth.region, &auth.service);
    let sts = sigv4::string_to_sign(amz_date, &scope, &creq);
    let key = sigv4::signing_key(secret, time, &auth.region, &auth.service);
    if sigv4::signature(&key, &sts) != auth.signature {
        return Err(AuthError::new(
            "InvalidSignatureException",
            SIGNATURE_MISMATCH,
        ));
    }
    Ok(auth)
}

#[cfg(test)]
mod tests {
    use super::*;
    use export::sigv4::{sign, Credentials, SigningParams, TokenPlacement};
    use model::time::parse_datetime;

    fn signed(secret: &str, service: &str, body: &[u8]) -> Vec<(String, String)> {
        let headers = vec![
            ("Host".to_string(), "127.0.0.1:8080".to_string()),
            (
                "X-Amz-Target".to_string(),
                "DataPipeline.ListPipelines".to_string(),
            ),
        ];
        let creds = Credentials::new("AKID", secret);
        let req = SignableRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: &headers,
            body,
        };
        let params = SigningParams {
            credentials: &creds,
            region: "us-east-1",
            service,
            time: parse_datetime("2026-01-02T03:04:05").unwrap(),
            token_placement: TokenPlacement::Signed,
        };
        sign(&req, &params).headers
    }

    fn run(
        headers: &[(String, String)],
        body: &[u8],
        keys: Option<&BTreeMap<String, String>>,
    ) -> Result<Authorization, AuthError> {
        let req = Incoming {
            method: "POST",
            path: "/",
            query: "",
            headers,
            body,
        };
        check(&req, keys, parse_datetime("2026-01-02T03:10:00").unwrap())
    }

    #[test]
    fn verified_and_rejected_signatures() {
        let keys = parse_credentials("# local\nAKID=s3cret\n").unwrap();
        let h = signed("s3cret", SERVICE, b"{}");
        assert_eq!(run(&h, b"{}", Some(&keys)).unwrap().access_key_id, "AKID");
        assert_eq!(
            run(&h, b"{ }", Some(&keys)).unwrap_err().kind,
            "InvalidSignatureException"
        );
        let wrong = signed("other", SERVICE, b"{}");
        assert_eq!(
            run(&wrong, b"{}", Some(&keys)).unwrap_err().kind,
            "InvalidSignatureException"
        );
        // Without keys only the form counts.
        assert!(run(&wrong, b"{}", None).is_ok());
        let unknown = parse_credentials(r#"{"OTHER": "x"}"#).unwrap();
        assert_eq!(
            run(&h, b"{}", Some(&unknown)).unwrap_err().kind,
            "UnrecognizedClientException"
        );
    }

    #[test]
    fn missing_garbled_and_misscoped() {
        assert_eq!(
            run(&[], b"", None).unwrap_err().kind,
            "MissingAuthenticationTokenException"
        );
        let garbled = vec![(
            "Authorization".to_string(),
            "AWS4-HMAC-SHA256 Credential=x".to_string(),
        )];
        assert_eq!(
            run(&garbled, b"", None).unwrap_err().kind,
            "IncompleteSignatureException"
        );
        let other = signed("s", "dynamodb", b"");
        assert_eq!(
            run(&other, b"", None).unwrap_err().kind,
            "InvalidSignatureException"
        );
    }

    #[test]
    fn credentials_file_errors() {
        assert!(parse_credentials("no equals sign").is_err());
        assert!(parse_credentials("{not json").is_err());
    }
}
