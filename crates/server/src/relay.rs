//! `--relay`: forward the app's Data Pipeline calls to AWS.
//!
//! AWS Data Pipeline sends no CORS headers, so a page can never read its
//! answers. The relay listens on 127.0.0.1, takes the app's unsigned
//! `POST /` (`X-Amz-Target: DataPipeline.<Action>` and the JSON body),
//! signs it with the credentials of the standard AWS chain on this machine
//! (environment, shared config and credentials files, profiles, SSO,
//! `credential_process`: `aws-config`) using `aws-sigv4`, sends it to the
//! region's endpoint (or `--upstream URL`) and answers with CORS. The
//! secrets never reach the browser; whatever the page sends as
//! `Authorization`, `X-Amz-Date` or a session token is dropped.
//! `GET /__relay` tells the app the relay is there, where it sends calls
//! and as which access key (masked).
//!
//! Left out: HTTP(S) proxies (`HTTPS_PROXY`); the connection goes straight
//! to the endpoint. Which web pages may call it is `origin`'s policy
//! (`--allow-origin '*'` is refused with `--relay`).

use crate::args::RelayOptions;
use crate::http::{error_json, respond, Resp};
use aws_config::BehaviorVersion;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::time::{Duration, SystemTime};
use tokio::sync::Mutex;

/// The SigV4 service name of Data Pipeline.
const SERVICE: &str = "datapipeline";
/// Only this service's calls are forwarded.
const TARGET_PREFIX: &str = "DataPipeline.";
/// How long credentials without an expiry are reused before the chain is
/// asked again (so a rotated credentials file is picked up).
const STATIC_CREDENTIALS_TTL: Duration = Duration::from_secs(300);
/// Credentials that expire sooner than this are refreshed first.
const EXPIRY_MARGIN: Duration = Duration::from_secs(120);
/// Longest wait for the endpoint's answer.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(60);

/// Credentials from the chain, kept until they are about to expire.
struct Cached {
    credentials: Credentials,
    fetched: SystemTime,
}

impl Cached {
    fn fresh(&self, now: SystemTime) -> bool {
        match self.credentials.expiry() {
            Some(expiry) => now + EXPIRY_MARGIN < expiry,
            None => now
                .duration_since(self.fetched)
                .is_ok_and(|age| age < STATIC_CREDENTIALS_TTL),
        }
    }
}

/// The relay: where calls go, the region they are signed for, and the
/// credentials chain.
pub struct Relay {
    upstream: hyper::Uri,
    region: String,
    profile: Option<String>,
    provider: SharedCredentialsProvider,
    cached: Mutex<Option<Cached>>,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

/// `AKIA…WXYZ`: enough to recognise the key, not the whole id.
fn mask(key_id: &str) -> String {
    let chars: Vec<char> = key_id.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len().max(4));
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

impl Relay {
    /// Load the AWS config chain (region, credentials provider) and build
    /// the TLS client. Fails when no region is known or no credentials
    /// provider exists; a provider that cannot produce credentials is
    /// reported on the first call (and by `/__relay`).
    pub async fn from_chain(options: &RelayOptions) -> Result<Relay, String> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if let Some(p) = &options.profile {
            loader = loader.profile_name(p);
        }
        if let Some(r) = &options.region {
            loader = loader.region(aws_config::Region::new(r.clone()));
        }
        let config = loader.load().await;
        let region = config.region().map(|r| r.to_string()).ok_or(
            "--relay needs a region: pass --region REGION, set AWS_REGION, or set `region` in your AWS profile",
        )?;
        export::endpoint::validate_region(&region).map_err(|e| e.to_string())?;
        let provider = config
            .credentials_provider()
            .ok_or("--relay: the AWS config chain has no credentials provider")?;
        let upstream = match &options.upstream {
            Some(u) => export::Endpoint::parse(u).map_err(|e| format!("--upstream: {e}"))?,
            None => export::Endpoint::for_region(&region).map_err(|e| e.to_string())?,
        };
        let upstream: hyper::Uri = upstream
            .url()
            .parse()
            .map_err(|e| format!("--upstream: {e}"))?;
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()
            .map_err(|e| format!("the system's TLS root certificates: {e}"))?
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).build(https);
        Ok(Relay {
            upstream,
            region,
            profile: options.profile.clone(),
            provider,
            cached: Mutex::new(None),
            client,
        })
    }

    /// Where calls go, e.g. `https://datapipeline.us-east-1.amazonaws.com/`.
    pub fn upstream(&self) -> String {
        self.upstream.to_string()
    }

    async fn credentials(&self) -> Result<Credentials, String> {
        let now = SystemTime::now();
        let mut cached = self.cached.lock().await;
        if let Some(c) = cached.as_ref().filter(|c| c.fresh(now)) {
            return Ok(c.credentials.clone());
        }
        let credentials = self
            .provider
            .provide_credentials()
            .await
            .map_err(|e| format!("no AWS credentials: {}", error_chain(&e)))?;
        *cached = Some(Cached {
            credentials: credentials.clone(),
            fetched: now,
        });
        Ok(credentials)
    }

    /// `GET /__relay`: 200 with where calls go and the masked access key
    /// id, or 503 with why no credentials could be loaded.
    pub async fn status(&self) -> Resp {
        let base = serde_json::json!({
            "relay": true,
            "upstream": self.upstream(),
            "region": self.region,
            "profile": self.profile,
        });
        match self.credentials().await {
            Ok(c) => {
                let mut v = base;
                v["accessKeyId"] = mask(c.access_key_id()).into();
                v["temporary"] = c.session_token().is_some().into();
                respond(200, v.to_string())
            }
            Err(e) => {
                let mut v = base;
                v["__type"] = "RelayCredentialsException".into();
                v["message"] = e.into();
                respond(503, v.to_string())
            }
        }
    }

    /// Forward one call: sign it with the chain's credentials, send it,
    /// relay status, body and request id.
    pub async fn forward(&self, target: &str, body: Bytes) -> Resp {
        if !target.starts_with(TARGET_PREFIX) || target.len() == TARGET_PREFIX.len() {
            return respond(
                400,
                error_json(
                    "UnknownOperationException",
                    &format!("The relay forwards only DataPipeline.<Action> calls, not {target:?}"),
                ),
            );
        }
        let credentials = match self.credentials().await {
            Ok(c) => c,
            Err(e) => return respond(503, error_json("RelayCredentialsException", &e)),
        };
        let request = match self.signed_request(target, body, &credentials) {
            Ok(r) => r,
            Err(e) => return respond(500, error_json("RelaySigningException", &e)),
        };
        let answer = tokio::time::timeout(UPSTREAM_TIMEOUT, self.client.request(request)).await;
        let upstream = self.upstream();
        let resp = match answer {
            Err(_) => {
                return respond(
                    504,
                    error_json(
                        "RelayUpstreamException",
                        &format!("{upstream} did not answer within {UPSTREAM_TIMEOUT:?}"),
                    ),
                )
            }
            Ok(Err(e)) => {
                return respond(
                    502,
                    error_json(
                        "RelayUpstreamException",
                        &format!("The relay could not reach {upstream}: {}", error_chain(&e)),
                    ),
                )
            }
            Ok(Ok(r)) => r,
        };
        let (parts, incoming) = resp.into_parts();
        let bytes = match incoming.collect().await {
            Ok(b) => b.to_bytes(),
            Err(e) => {
                return respond(
                    502,
                    error_json(
                        "RelayUpstreamException",
                        &format!("{upstream} broke off its answer: {e}"),
                    ),
                )
            }
        };
        let mut out = respond(parts.status.as_u16(), String::new());
        *out.body_mut() = Full::new(bytes);
        for name in ["content-type", "x-amzn-requestid"] {
            if let Some(v) = parts.headers.get(name) {
                out.headers_mut().insert(name, v.clone());
            }
        }
        out
    }

    /// The upstream request: only `Content-Type`, `X-Amz-Target` and the
    /// body come from the page; `Host`, `X-Amz-Date`, the session token and
    /// `Authorization` are the relay's (aws-sigv4).
    fn signed_request(
        &self,
        target: &str,
        body: Bytes,
        credentials: &Credentials,
    ) -> Result<hyper::Request<Full<Bytes>>, String> {
        let uri = self.upstream.to_string();
        let headers = [
            ("content-type", export::request::CONTENT_TYPE),
            ("x-amz-target", target),
        ];
        let identity = credentials.clone().into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name(SERVICE)
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| e.to_string())?
            .into();
        let signable = SignableRequest::new(
            "POST",
            &uri,
            headers.iter().copied(),
            SignableBody::Bytes(&body),
        )
        .map_err(|e| e.to_string())?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(|e| e.to_string())?
            .into_parts();
        let mut builder = hyper::Request::post(&uri);
        for (k, v) in headers {
            builder = builder.header(k, v);
        }
        let mut request = builder.body(Full::new(body)).map_err(|e| e.to_string())?;
        instructions.apply_to_request_http1x(&mut request);
        Ok(request)
    }
}

/// An error and its sources, one sentence (hyper's top-level errors say
/// little: "client error (Connect)").
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_masked() {
        assert_eq!(mask("AKIDPIPELINESTUDIO"), "AKID…UDIO");
        assert_eq!(mask("short"), "*****");
    }

    #[test]
    fn credentials_are_reused_until_they_near_expiry() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let c = |expiry: Option<SystemTime>| Cached {
            credentials: Credentials::new("AKID", "secret", None, expiry, "test"),
            fetched: now,
        };
        assert!(c(None).fresh(now + Duration::from_secs(10)));
        assert!(!c(None).fresh(now + STATIC_CREDENTIALS_TTL));
        let soon = now + Duration::from_secs(60);
        assert!(!c(Some(soon)).fresh(now));
        let later = now + Duration::from_secs(3600);
        assert!(c(Some(later)).fresh(now));
    }
}
