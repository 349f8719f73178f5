//! The HTTP front on hyper: routes (`POST /` for the service, `OPTIONS`
//! preflights, the admin clock API under `/__clock/` in `clock_api`), CORS
//! headers and `x-amzn-RequestId` on every answer, the Origin policy
//! (`origin`: a refused page gets a 403 without CORS), the signature check;
//! the call itself and the PollForTask long poll are in `dispatch`.

use super::auth::{self, AuthError, Incoming as AuthRequest};
use super::clock_api::{clock_advance, clock_now};
use super::dispatch::{call, long_poll};
use super::origin::{OriginPolicy, Verdict};
use super::state::{wall_now, Shared};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderMap, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Largest request body (EvaluateExpression takes up to 20 MiB).
const MAX_BODY: usize = 24 * 1024 * 1024;
const JSON_11: &str = "application/x-amz-json-1.1";

/// Everything a request handler needs.
pub struct App {
    pub shared: Arc<Shared>,
    pub keys: Option<BTreeMap<String, String>>,
    /// `None` in manual mode (empty polls answer at once).
    pub poll_wait: Option<Duration>,
    pub quiet: bool,
    /// `--relay`: calls go to AWS instead of the simulator.
    #[cfg(feature = "relay")]
    pub relay: Option<Arc<crate::relay::Relay>>,
    /// Which web pages may call (the `Origin` check).
    pub origins: OriginPolicy,
    pub ids: AtomicU64,
    pub boot: u64,
}

pub(crate) type Resp = Response<Full<Bytes>>;

impl App {
    /// A fresh request id in UUID form (counter mixed with the boot time).
    fn request_id(&self) -> String {
        let n = self.ids.fetch_add(1, Ordering::Relaxed);
        let a = mix(self.boot ^ n);
        let b = mix(a ^ n.rotate_left(32));
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            b >> 52,
            b & 0xffff_ffff_ffff
        )
    }
}

/// splitmix64's finaliser.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

pub(crate) fn error_json(kind: &str, message: &str) -> String {
    serde_json::json!({"__type": kind, "message": message}).to_string()
}

pub(crate) fn respond(status: u16, body: String) -> Resp {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut()
        .insert("content-type", HeaderValue::from_static(JSON_11));
    r
}

fn header_text(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// CORS on every answer the Origin policy allows: the caller's origin (`*`
/// without one), `x-amzn-RequestId` readable from JS.
pub(super) fn add_cors(
    h: &mut HeaderMap,
    origin: Option<&HeaderValue>,
    preflight: Option<&HeaderValue>,
) {
    h.insert(
        "access-control-allow-origin",
        origin.cloned().unwrap_or(HeaderValue::from_static("*")),
    );
    h.insert("vary", HeaderValue::from_static("Origin"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("x-amzn-RequestId"),
    );
    if let Some(asked) = preflight {
        h.insert(
            "access-control-allow-methods",
            HeaderValue::from_static("GET, POST, OPTIONS"),
        );
        h.insert("access-control-allow-headers", asked.clone());
        h.insert("access-control-max-age", HeaderValue::from_static("600"));
    }
}

/// The one entry point hyper calls.
pub async fn handle(app: Arc<App>, req: Request<Incoming>) -> Result<Resp, Infallible> {
    let started = Instant::now();
    let origin = req.headers().get("origin").cloned();
    let request_id = app.request_id();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let target = header_text(req.headers(), "x-amz-target").unwrap_or_default();
    let mut preflight = None;
    let verdict = app.origins.check(origin.as_ref().map(|o| o.as_bytes()));
    let refused = match &verdict {
        Verdict::Refused(o) => Some(o.as_str()),
        Verdict::NoOrigin | Verdict::Allowed(_) => None,
    };
    let mut resp = if let Some(o) = refused {
        respond(
            403,
            error_json("AccessDeniedException", &OriginPolicy::refusal(o)),
        )
    } else if method == Method::OPTIONS {
        preflight = Some(
            req.headers()
                .get("access-control-request-headers")
                .cloned()
                .unwrap_or(HeaderValue::from_static(
                    "authorization, content-type, x-amz-date, x-amz-target, x-amz-security-token, x-amz-user-agent",
                )),
        );
        let mut r = Response::new(Full::new(Bytes::new()));
        *r.status_mut() = StatusCode::OK;
        r
    } else {
        #[cfg(feature = "relay")]
        let relay = app.relay.clone();
        #[cfg(not(feature = "relay"))]
        let relay: Option<std::convert::Infallible> = None;
        match relay {
            #[cfg(feature = "relay")]
            Some(relay) => relay_route(&relay, req, &target).await,
            #[cfg(not(feature = "relay"))]
            Some(never) => match never {},
            None => simulator_route(&app, req, &target).await,
        }
    };
    let h = resp.headers_mut();
    if let (false, Ok(v)) = (
        h.contains_key("x-amzn-requestid"),
        HeaderValue::from_str(&request_id),
    ) {
        h.insert("x-amzn-requestid", v);
    }
    if refused.is_none() {
        add_cors(h, origin.as_ref(), preflight.as_ref());
    }
    if !app.quiet {
        eprintln!(
            "{method} {path} {target} -> {} ({} ms)",
            resp.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    Ok(resp)
}

/// The simulated service: `POST /` and the admin clock API.
async fn simulator_route(app: &Arc<App>, req: Request<Incoming>, target: &str) -> Resp {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    match (&method, path.as_str()) {
        (&Method::GET, "/__clock/now") => clock_now(app).await,
        (&Method::POST, "/__clock/advance") => match read_body(req).await {
            Ok((_, body)) => clock_advance(app, &body).await,
            Err(r) => r,
        },
        (&Method::POST, "/") => api(app, req, target).await,
        _ => no_route(&method, &path),
    }
}

/// `--relay`: `POST /` goes to AWS, `GET /__relay` says where.
#[cfg(feature = "relay")]
async fn relay_route(relay: &crate::relay::Relay, req: Request<Incoming>, target: &str) -> Resp {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    match (&method, path.as_str()) {
        (&Method::GET, "/__relay") => relay.status().await,
        (&Method::POST, "/") => match read_body(req).await {
            Ok((_, body)) => relay.forward(target, body).await,
            Err(r) => r,
        },
        _ => no_route(&method, &path),
    }
}

fn no_route(method: &Method, path: &str) -> Resp {
    respond(
        404,
        error_json(
            "UnknownOperationException",
            &format!("No route for {method} {path}"),
        ),
    )
}

type Parts = (hyper::http::request::Parts, Bytes);

async fn read_body(req: Request<Incoming>) -> Result<Parts, Resp> {
    let (parts, body) = req.into_parts();
    match Limited::new(body, MAX_BODY).collect().await {
        Ok(b) => Ok((parts, b.to_bytes())),
        Err(e) => Err(respond(
            413,
            error_json("SerializationException", &format!("Request body: {e}")),
        )),
    }
}

async fn api(app: &Arc<App>, req: Request<Incoming>, target: &str) -> Resp {
    let (parts, body) = match read_body(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let incoming = AuthRequest {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or(""),
        headers: &headers,
        body: &body,
    };
    let caller = match auth::check(&incoming, app.keys.as_ref(), wall_now()) {
        Ok(a) => a.access_key_id,
        Err(AuthError { kind, message }) => return respond(403, error_json(kind, &message)),
    };
    let Ok(text) = String::from_utf8(body.to_vec()) else {
        return respond(
            400,
            error_json("SerializationException", "Request body is not UTF-8"),
        );
    };
    let (status, out) = if target.ends_with(".PollForTask") && app.poll_wait.is_some() {
        long_poll(app, target.to_string(), text, caller).await
    } else {
        call(app, target.to_string(), text, caller).await
    };
    respond(status, out)
}
