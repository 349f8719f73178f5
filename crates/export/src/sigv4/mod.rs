//! AWS Signature Version 4 (`AWS4-HMAC-SHA256`) on the `hmac` + `sha2`
//! crates: canonical request, string to sign, signing key, signature and the
//! `Authorization` header. Time and credentials are handed in; nothing here
//! reads a clock. Every intermediate is returned so tests and the push log
//! can show it.
//!
//! Why not the `aws-sigv4` crate: it works, but adds 51 crates and ~51 KiB
//! gzip to the wasm bundle (see toolchain.md); this is ~200 lines and passes
//! every vector of AWS's own test suite (tests/export_sigv4.rs).

mod canonical;

pub use canonical::{
    canonical_headers, canonical_query_string, canonical_uri, fold_header_value, uri_encode,
    CanonicalHeaders,
};

use chrono::{DateTime, NaiveDateTime};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::fmt;

/// The signing algorithm name, first token of the `Authorization` value.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// The header that carries a temporary credential's session token.
pub const SECURITY_TOKEN_HEADER: &str = "X-Amz-Security-Token";
/// The header that carries the signing time.
pub const DATE_HEADER: &str = "X-Amz-Date";

/// Access key id, secret access key and an optional session token (STS
/// temporary credentials). Deliberately not `Serialize`, and its `Debug`
/// hides the secret and the token, so it cannot leak into autosave or logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl Credentials {
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
        }
    }
    pub fn with_session_token(mut self, token: impl Into<String>) -> Self {
        self.session_token = Some(token.into());
        self
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<hidden>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<hidden>"),
            )
            .finish()
    }
}

/// Where the session token goes. AWS services (Data Pipeline included, and
/// botocore by default) take it as a signed header (`Signed`); the test
/// suite's `post-sts-header-after` shows the other form, where the header is
/// added after the signature is computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TokenPlacement {
    #[default]
    Signed,
    AfterSigning,
}

/// What is signed: region, service, time, credentials.
#[derive(Clone, Debug)]
pub struct SigningParams<'a> {
    pub credentials: &'a Credentials,
    pub region: &'a str,
    pub service: &'a str,
    pub time: NaiveDateTime,
    pub token_placement: TokenPlacement,
}

/// A request as it goes on the wire: method, path and query exactly as in
/// the request line (the path may be raw or percent-encoded; it is
/// normalised and encoded once more, as for every service but S3), headers
/// in order (repeats allowed), and the body bytes. `Host` must be among the
/// headers; it is not invented here.
#[derive(Clone, Debug)]
pub struct SignableRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// Everything signing produced, intermediates included, and the final header
/// list (the input headers with `X-Amz-Date` set, the session token if any,
/// then `Authorization`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignedRequest {
    pub amz_date: String,
    pub credential_scope: String,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signed_headers: String,
    pub signature: String,
    pub authorization: String,
    pub headers: Vec<(String, String)>,
}

/// `YYYYMMDD'T'HHMMSS'Z'`, the `X-Amz-Date` format.
pub fn amz_date(time: NaiveDateTime) -> String {
    time.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A UTC time from epoch seconds (e.g. `Date.now() / 1000` in the UI);
/// `None` when out of chrono's range.
pub fn time_from_epoch_seconds(secs: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(secs, 0).map(|t| t.naive_utc())
}

/// `date/region/service/aws4_request`.
pub fn credential_scope(time: NaiveDateTime, region: &str, service: &str) -> String {
    format!("{}/{region}/{service}/aws4_request", time.format("%Y%m%d"))
}

/// Lower-case hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// The canonical request: method, canonical URI, canonical query, canonical
/// headers, signed header names, payload hash; separated by `\n`.
pub fn canonical_request(req: &SignableRequest<'_>) -> (String, CanonicalHeaders) {
    let headers = canonical_headers(req.headers);
    let text = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method,
        canonical_uri(req.path),
        canonical_query_string(req.query),
        headers.canonical,
        headers.signed_names,
        sha256_hex(req.body)
    );
    (text, headers)
}

/// `AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256 of canonical request>`.
pub fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    )
}

/// The derived key: HMAC chain over date, region, service, `aws4_request`.
pub fn signing_key(secret: &str, time: NaiveDateTime, region: &str, service: &str) -> Vec<u8> {
    let date = time.format("%Y%m%d").to_string();
    let k_date = hmac_sha256(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, service.as_bytes());
    hmac_sha256(&k_service, b"aws4_request")
}

/// Hex HMAC of the string to sign under the derived key.
pub fn signature(signing_key: &[u8], string_to_sign: &str) -> String {
    hex::encode(hmac_sha256(signing_key, string_to_sign.as_bytes()))
}

/// `AWS4-HMAC-SHA256 Credential=<akid>/<scope>, SignedHeaders=<names>, Signature=<hex>`.
pub fn authorization_header(
    access_key_id: &str,
    scope: &str,
    signed_headers: &str,
    signature: &str,
) -> String {
    format!(
        "{ALGORITHM} Credential={access_key_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    )
}

/// Replace every header named `name` (any case) by one `name: value` at the
/// position of the first, or append it.
fn set_header(headers: &mut Vec<(String, String)>, name: &str, value: &str) {
    match headers
        .iter()
        .position(|(k, _)| k.eq_ignore_ascii_case(name))
    {
        Some(i) => {
            headers[i].1 = value.to_string();
            let mut j = i + 1;
            while j < headers.len() {
                if headers[j].0.eq_ignore_ascii_case(name) {
                    headers.remove(j);
                } else {
                    j += 1;
                }
            }
        }
        None => headers.push((name.to_string(), value.to_string())),
    }
}

/// Sign a request: sets `X-Amz-Date` to the given time, adds the session
/// token (signed or after signing, per `params.token_placement`), computes
/// every intermediate and appends `Authorization`.
pub fn sign(req: &SignableRequest<'_>, params: &SigningParams<'_>) -> SignedRequest {
    let date = amz_date(params.time);
    let scope = credential_scope(params.time, params.region, params.service);
    let mut headers: Vec<(String, String)> = req
        .headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("authorization"))
        .cloned()
        .collect();
    set_header(&mut headers, DATE_HEADER, &date);
    let token = params.credentials.session_token.as_deref();
    if let (Some(token), TokenPlacement::Signed) = (token, params.token_placement) {
        set_header(&mut headers, SECURITY_TOKEN_HEADER, token);
    }
    let to_sign = SignableRequest {
        headers: &headers,
        ..req.clone()
    };
    let (creq, canon) = canonical_request(&to_sign);
    let sts = string_to_sign(&date, &scope, &creq);
    let key = signing_key(
        &params.credentials.secret_access_key,
        params.time,
        params.region,
        params.service,
    );
    let sig = signature(&key, &sts);
    let authz = authorization_header(
        &params.credentials.access_key_id,
        &scope,
        &canon.signed_names,
        &sig,
    );
    if let (Some(token), TokenPlacement::AfterSigning) = (token, params.token_placement) {
        set_header(&mut headers, SECURITY_TOKEN_HEADER, token);
    }
    headers.push(("Authorization".to_string(), authz.clone()));
    SignedRequest {
        amz_date: date,
        credential_scope: scope,
        canonical_request: creq,
        string_to_sign: sts,
        signed_headers: canon.signed_names,
        signature: sig,
        authorization: authz,
        headers,
    }
}

#[cfg(test)]
mod tests;
