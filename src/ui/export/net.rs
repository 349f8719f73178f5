//! The export area's network calls: one request as `export` built it, sent
//! with the browser's fetch, and its answer as plain data.

use crate::export::{HttpRequest, HttpResponse};

/// Perform one request (signed, or unsigned for the relay).
pub async fn send(req: &HttpRequest) -> Result<HttpResponse, String> {
    let mut builder = gloo::net::http::Request::post(&req.url);
    for (k, v) in req.fetch_headers() {
        builder = builder.header(&k, &v);
    }
    let request = builder.body(req.body.clone()).map_err(|e| e.to_string())?;
    let resp = request.send().await.map_err(|e| e.to_string())?;
    let status = resp.status();
    let headers = resp.headers().entries().collect();
    let body = resp.text().await.unwrap_or_default();
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

/// `GET url`: status and body, or why there was no answer.
pub async fn get(url: &str) -> Result<(u16, String), String> {
    let resp = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = resp.status();
    Ok((status, resp.text().await.unwrap_or_default()))
}

pub fn now_epoch_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}
