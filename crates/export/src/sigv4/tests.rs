//! Unit tests of the signing steps (the AWS test-suite vectors are in
//! `tests/export_sigv4.rs`).

use super::*;
use chrono::NaiveDate;

fn t() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2015, 8, 30)
        .and_then(|d| d.and_hms_opt(12, 36, 0))
        .unwrap()
}

#[test]
fn date_and_scope_formats() {
    assert_eq!(amz_date(t()), "20150830T123600Z");
    assert_eq!(
        credential_scope(t(), "us-east-1", "iam"),
        "20150830/us-east-1/iam/aws4_request"
    );
    assert_eq!(time_from_epoch_seconds(1440938160), Some(t()));
}

#[test]
fn signing_key_matches_aws_documentation_example() {
    // The derived-key example of the AWS SigV4 documentation
    // (secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam).
    let time = NaiveDate::from_ymd_opt(2012, 2, 15)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap();
    let key = signing_key(
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        time,
        "us-east-1",
        "iam",
    );
    assert_eq!(
        hex::encode(key),
        "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
    );
}

#[test]
fn debug_hides_secret_and_token() {
    let c = Credentials::new("AKID", "very-secret").with_session_token("tok-123");
    let shown = format!("{c:?}");
    assert!(shown.contains("AKID"));
    assert!(!shown.contains("very-secret"));
    assert!(!shown.contains("tok-123"));
}

#[test]
fn existing_date_and_authorization_are_replaced_not_duplicated() {
    let headers = vec![
        ("Host".to_string(), "h".to_string()),
        ("x-amz-date".to_string(), "19990101T000000Z".to_string()),
        ("Authorization".to_string(), "old".to_string()),
        ("X-AMZ-DATE".to_string(), "dup".to_string()),
    ];
    let creds = Credentials::new("AKID", "s");
    let req = SignableRequest {
        method: "POST",
        path: "/",
        query: "",
        headers: &headers,
        body: b"{}",
    };
    let params = SigningParams {
        credentials: &creds,
        region: "eu-west-1",
        service: "datapipeline",
        time: t(),
        token_placement: TokenPlacement::Signed,
    };
    let s = sign(&req, &params);
    let dates: Vec<_> = s
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("x-amz-date"))
        .collect();
    assert_eq!(dates.len(), 1);
    assert_eq!(dates[0].1, "20150830T123600Z");
    let auths: Vec<_> = s
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .collect();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0].1, s.authorization);
    assert_eq!(s.signed_headers, "host;x-amz-date");
}

#[test]
fn token_is_signed_or_added_after() {
    let headers = vec![("Host".to_string(), "h".to_string())];
    let creds = Credentials::new("AKID", "s").with_session_token("TOKEN");
    let req = SignableRequest {
        method: "POST",
        path: "/",
        query: "",
        headers: &headers,
        body: b"",
    };
    let mut params = SigningParams {
        credentials: &creds,
        region: "us-east-1",
        service: "datapipeline",
        time: t(),
        token_placement: TokenPlacement::Signed,
    };
    let signed = sign(&req, &params);
    assert_eq!(
        signed.signed_headers,
        "host;x-amz-date;x-amz-security-token"
    );
    assert!(signed
        .canonical_request
        .contains("\nx-amz-security-token:TOKEN\n"));
    params.token_placement = TokenPlacement::AfterSigning;
    let after = sign(&req, &params);
    assert_eq!(after.signed_headers, "host;x-amz-date");
    assert!(after
        .headers
        .iter()
        .any(|(k, v)| k == SECURITY_TOKEN_HEADER && v == "TOKEN"));
    assert_ne!(signed.signature, after.signature);
}
