#![cfg(not(target_arch = "wasm32"))]
//! AWS's own Signature V4 test suite (../shared/sigv4-testsuite, from
//! botocore): every vector directory is walked, its raw `.req` parsed and
//! signed, and the canonical request, string to sign, `Authorization` value
//! and signed header list checked byte for byte against `.creq`, `.sts`,
//! `.authz` and `.sreq`. No vector is skipped; the count is asserted.
//!
//! The suite is looked up in `$SIGV4_TESTSUITE_DIR`, else in `../shared`,
//! or above the crate (tests/common).
//!
//! Then properties of the canonical forms (256 cases by default;
//! `PROPTEST_CASES=100000` for a long run).

use crate::common;

use chrono::NaiveDate;
use export::sigv4::{
    canonical_query_string, fold_header_value, sign, uri_encode, Credentials, SignableRequest,
    SigningParams, TokenPlacement,
};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// The constants every case of the suite uses (its README).
const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGION: &str = "us-east-1";
const SERVICE: &str = "service";
/// 34 cases: 24 at the top, 8 under normalize-path/, 2 under post-sts-token/.
const EXPECTED_VECTORS: usize = 34;

fn suite_dir() -> PathBuf {
    common::fixture_dir("sigv4-testsuite")
}

/// Every directory `d` holding `d/<name of d>.req`, depth first, sorted.
fn vector_dirs(root: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("readable suite folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for dir in entries {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        if dir.join(format!("{name}.req")).is_file() {
            out.push(dir.clone());
        }
        vector_dirs(&dir, out);
    }
}

/// A raw HTTP request of the suite: request line, headers (a line starting
/// with a space or tab continues the previous header's value), blank line,
/// body. The request target may hold raw spaces (`get-space`): the method
/// ends at the first space, the version starts after the last one.
struct RawRequest {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: String,
}

fn parse_raw(text: &str) -> RawRequest {
    let (head, body) = match text.find("\n\n") {
        Some(i) => (&text[..i], &text[i + 2..]),
        None => (text.trim_end_matches('\n'), ""),
    };
    let mut lines = head.lines();
    let request_line = lines.next().expect("request line");
    let (method, rest) = request_line.split_once(' ').expect("method");
    let target = rest.rsplit_once(' ').map(|(t, _)| t).expect("version");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with(' ') || line.starts_with('\t') {
            let last = headers.last_mut().expect("continuation after a header");
            last.1.push('\n');
            last.1.push_str(line);
        } else {
            let (k, v) = line.split_once(':').expect("header colon");
            headers.push((k.to_string(), v.to_string()));
        }
    }
    RawRequest {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
        headers,
        body: body.to_string(),
    }
}

fn read(dir: &Path, ext: &str) -> String {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let p = dir.join(format!("{name}.{ext}"));
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .replace('\r', "")
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Lower-cased names and folded values, `Authorization` left out.
fn comparable(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("authorization"))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), fold_header_value(v)))
        .collect()
}

#[test]
fn every_vector_of_the_aws_suite_passes() {
    let root = suite_dir();
    let mut dirs = Vec::new();
    vector_dirs(&root, &mut dirs);
    assert_eq!(dirs.len(), EXPECTED_VECTORS, "vector folders found");

    let time = NaiveDate::from_ymd_opt(2015, 8, 30)
        .and_then(|d| d.and_hms_opt(12, 36, 0))
        .unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut with_token = 0;
    for dir in &dirs {
        let case = dir.strip_prefix(&root).unwrap().display().to_string();
        let req = parse_raw(&read(dir, "req"));
        let sreq = parse_raw(&read(dir, "sreq"));
        let creq = read(dir, "creq");
        let sts = read(dir, "sts");
        let authz = read(dir, "authz");

        // The session token, when the case has one, is in the signed request
        // (.sreq); whether it is signed shows in the expected .creq.
        let mut credentials = Credentials::new(ACCESS_KEY_ID, SECRET);
        let mut placement = TokenPlacement::Signed;
        if let Some(token) = header(&sreq.headers, "x-amz-security-token") {
            credentials = credentials.with_session_token(token);
            with_token += 1;
            if !creq.contains("\nx-amz-security-token:") {
                placement = TokenPlacement::AfterSigning;
            }
        }
        let params = SigningParams {
            credentials: &credentials,
            region: REGION,
            service: SERVICE,
            time,
            token_placement: placement,
        };
        let signed = sign(
            &SignableRequest {
                method: &req.method,
                path: &req.path,
                query: &req.query,
                headers: &req.headers,
                body: req.body.as_bytes(),
            },
            &params,
        );
        let mut problems = Vec::new();
        if signed.canonical_request != creq {
            problems.push(format!(
                "canonical request\n--- got\n{}\n--- want\n{creq}",
                signed.canonical_request
            ));
        }
        if signed.string_to_sign != sts {
            problems.push(format!(
                "string to sign\n--- got\n{}\n--- want\n{sts}",
                signed.string_to_sign
            ));
        }
        if signed.authorization != authz {
            problems.push(format!(
                "authorization\n--- got\n{}\n--- want\n{authz}",
                signed.authorization
            ));
        }
        // Headers of the signed request as in .sreq (its Authorization is
        // wrong in get-vanilla-with-session-token, so that one comes from .authz).
        if comparable(&signed.headers) != comparable(&sreq.headers) {
            problems.push(format!(
                "signed headers\n--- got\n{:?}\n--- want\n{:?}",
                comparable(&signed.headers),
                comparable(&sreq.headers)
            ));
        }
        if header(&signed.headers, "authorization") != Some(authz.as_str()) {
            problems.push("Authorization header missing from the signed headers".into());
        }
        if sreq.body != req.body {
            problems.push("body changed".into());
        }
        if problems.is_empty() {
            checked += 1;
        } else {
            failures.push(format!("== {case}\n{}", problems.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(checked, EXPECTED_VECTORS, "vectors checked");
    assert_eq!(with_token, 3, "session-token vectors seen");
}

fn sign_headers(headers: &[(String, String)]) -> String {
    let creds = Credentials::new(ACCESS_KEY_ID, SECRET);
    let time = NaiveDate::from_ymd_opt(2015, 8, 30)
        .and_then(|d| d.and_hms_opt(12, 36, 0))
        .unwrap();
    sign(
        &SignableRequest {
            method: "POST",
            path: "/",
            query: "",
            headers,
            body: b"{}",
        },
        &SigningParams {
            credentials: &creds,
            region: REGION,
            service: SERVICE,
            time,
            token_placement: TokenPlacement::Signed,
        },
    )
    .authorization
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The order of query parameters does not matter.
    #[test]
    fn query_order_does_not_matter(
        pairs in prop::collection::vec(("[a-zA-Z0-9%~ é-]{0,6}", "[a-zA-Z0-9%~ =é-]{0,6}"), 0..6),
        seed in any::<u64>(),
    ) {
        let join = |ps: &[(String, String)]| {
            ps.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
        };
        let mut shuffled = pairs.clone();
        // a deterministic shuffle driven by the seed
        let n = shuffled.len();
        for i in 0..n {
            let j = (seed.wrapping_mul(i as u64 + 7) % n as u64) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(canonical_query_string(&join(&pairs)), canonical_query_string(&join(&shuffled)));
    }

    /// Encoding keeps only unreserved characters and %XX escapes.
    #[test]
    fn encoding_uses_unreserved_set(s in any::<String>()) {
        let enc = uri_encode(s.as_bytes(), false);
        let b = enc.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                prop_assert!(b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit());
                prop_assert!(!b[i + 1].is_ascii_lowercase() && !b[i + 2].is_ascii_lowercase());
                i += 3;
            } else {
                prop_assert!(b[i].is_ascii_alphanumeric() || b"-._~".contains(&b[i]));
                i += 1;
            }
        }
    }

    /// Header name case and surrounding or repeated whitespace in values do
    /// not change the signature; a changed value does.
    #[test]
    fn header_case_and_spacing_do_not_matter(
        values in prop::collection::vec("[a-zA-Z0-9]{1,5}( [a-zA-Z0-9]{1,5}){0,2}", 1..4),
    ) {
        let plain: Vec<(String, String)> = std::iter::once(("Host".to_string(), "h".to_string()))
            .chain(values.iter().enumerate().map(|(i, v)| (format!("X-My-{i}"), v.clone())))
            .collect();
        let noisy: Vec<(String, String)> = plain
            .iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), format!(" \t{}  ", v.replace(' ', "   "))))
            .collect();
        prop_assert_eq!(sign_headers(&plain), sign_headers(&noisy));
        let mut changed = plain.clone();
        changed[1].1.push('x');
        prop_assert_ne!(sign_headers(&plain), sign_headers(&changed));
    }
}
