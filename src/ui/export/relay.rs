//! "AWS through the local relay": whether `pipeline-studio-server --relay`
//! answers at the URL the dialog holds (`GET /__relay`), and what to tell
//! the user about it. Reading the answer is plain Rust (tested natively);
//! the probe itself is one fetch.

use super::net;

/// Where the app looks for the relay unless told otherwise (the relay's
/// default port).
pub const DEFAULT_RELAY_URL: &str = "http://127.0.0.1:4600";

/// Why a browser needs the relay, in one line.
pub const WHY: &str =
    "AWS Data Pipeline sends no CORS headers, so a web page cannot read its answers: \
    the relay, a small server on this computer, forwards the calls and signs them with your AWS \
    credentials, which never enter this page.";

/// What the probe found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RelayStatus {
    /// Not asked yet.
    Unknown,
    Checking,
    /// Running, with credentials: calls go to `upstream` as `key` (masked).
    Ready {
        upstream: String,
        region: String,
        key: String,
        profile: Option<String>,
    },
    /// Running, but it could not load AWS credentials.
    NoCredentials(String),
    /// Something answers there, but not a relay.
    NotARelay,
    /// Nothing answers (not running, wrong port, or this page's origin refused).
    Down,
}

impl RelayStatus {
    pub fn is_ready(&self) -> bool {
        matches!(self, RelayStatus::Ready { .. })
    }

    /// The sentence the dialog shows (`None` before the first probe).
    pub fn message(&self, url: &str) -> Option<String> {
        Some(match self {
            RelayStatus::Unknown => return None,
            RelayStatus::Checking => format!("Looking for the relay at {url}…"),
            RelayStatus::Ready {
                upstream,
                region,
                key,
                profile,
            } => format!(
                "Relay ready: calls go to {upstream} ({region}) as {key}{}.",
                profile
                    .as_ref()
                    .map(|p| format!(", profile {p}"))
                    .unwrap_or_default()
            ),
            RelayStatus::NoCredentials(why) => format!(
                "The relay at {url} is running but has no AWS credentials: {why}. Configure them on \
                 this computer (aws configure, or --profile NAME) and restart it."
            ),
            RelayStatus::NotARelay => format!(
                "{url} answers, but it is not the relay (a local endpoint? then choose “Custom endpoint”)."
            ),
            RelayStatus::Down => format!(
                "The relay is not running at {url}. Start it on this computer with \
                 `pipeline-studio-server --relay` (add --profile NAME or --region REGION if needed), \
                 then try again."
            ),
        })
    }
}

/// Read `GET /__relay`'s answer.
pub fn read_status(status: u16, body: &str) -> RelayStatus {
    let v: serde_json::Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(_) => return RelayStatus::NotARelay,
    };
    if v.get("relay").and_then(|r| r.as_bool()) != Some(true) {
        return RelayStatus::NotARelay;
    }
    let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    if status == 200 {
        RelayStatus::Ready {
            upstream: text("upstream"),
            region: text("region"),
            key: text("accessKeyId"),
            profile: v
                .get("profile")
                .and_then(|p| p.as_str())
                .map(str::to_string),
        }
    } else {
        RelayStatus::NoCredentials(text("message"))
    }
}

/// Ask the relay at `url` how it is.
pub async fn probe(url: &str) -> RelayStatus {
    let base = url.trim().trim_end_matches('/');
    match net::get(&format!("{base}/__relay")).await {
        Ok((status, body)) => read_status(status, &body),
        Err(_) => RelayStatus::Down,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relays_answers_are_read() {
        let ready = read_status(
            200,
            r#"{"relay":true,"upstream":"https://datapipeline.eu-west-1.amazonaws.com/","region":"eu-west-1","profile":null,"accessKeyId":"AKID…WXYZ"}"#,
        );
        assert!(ready.is_ready());
        let m = ready.message(DEFAULT_RELAY_URL).unwrap();
        assert!(m.contains("eu-west-1") && m.contains("AKID…WXYZ"), "{m}");
        let broken = read_status(
            503,
            r#"{"relay":true,"__type":"RelayCredentialsException","message":"no AWS credentials: profile x"}"#,
        );
        assert_eq!(
            broken,
            RelayStatus::NoCredentials("no AWS credentials: profile x".into())
        );
        assert_eq!(read_status(404, "<html>"), RelayStatus::NotARelay);
        assert_eq!(
            read_status(404, r#"{"__type":"UnknownOperationException"}"#),
            RelayStatus::NotARelay
        );
        let down = RelayStatus::Down.message(DEFAULT_RELAY_URL).unwrap();
        assert!(down.contains("pipeline-studio-server --relay"), "{down}");
        assert_eq!(RelayStatus::Unknown.message(DEFAULT_RELAY_URL), None);
    }
}
