//! Which web pages may call the endpoint: the CORS `Origin` policy.
//!
//! A browser names the page that makes a cross-origin request in `Origin`
//! (on every POST and on preflights). Without a policy any site the user
//! visits could list, change or delete the pipelines of a local endpoint
//! (or drive their AWS account through the relay). By default only the
//! app's own origins are answered: `http://localhost`, `http://127.0.0.1`
//! and `http://[::1]` on any port (where `./scripts/serve` and the e2e
//! harness serve the app); `--allow-origin` adds exact origins, or `*` for
//! any. Requests without `Origin` (boto3, the AWS CLI, task runners, curl)
//! are not from a web page and are served as before.
//!
//! Left out: checking `Host` against DNS rebinding. A rebound page's POSTs
//! carry its own `Origin` (browsers send it on every non-GET request), so
//! they are refused here; the only GET is the read-only `/__clock/now`.

use std::fmt;

/// What the policy says about one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No `Origin`: not a browser's cross-origin call. Served, CORS `*`.
    NoOrigin,
    /// An allowed page: served, CORS echoes this origin.
    Allowed(String),
    /// A page that may not call the endpoint: 403, no CORS headers.
    Refused(String),
}

/// The app's own origins plus what `--allow-origin` added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OriginPolicy {
    /// Exact origins added (`scheme://host[:port]`, lower case, or `null`).
    extra: Vec<String>,
    /// `--allow-origin '*'`: any page (the behaviour before this policy).
    any: bool,
}

/// An `--allow-origin` value that is not an origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadOrigin(pub String);

impl fmt::Display for BadOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--allow-origin takes an origin such as https://studio.example.com or http://host:8080 \
             (scheme, host and optional port, no path), `null` or `*`, not {:?}",
            self.0
        )
    }
}

/// Hosts whose pages are the app's own, on any port, over http.
const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// `Origin` as browsers serialise it: `scheme://host[:port]`, lower-cased
/// scheme and host. `None` when it is not of that form.
fn normalise(origin: &str) -> Option<String> {
    let origin = origin.trim();
    if origin == "null" {
        return Some("null".to_string());
    }
    let (scheme, rest) = origin.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https") || rest.is_empty() {
        return None;
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['/', '?', '#', '@', ' ']) {
        return None;
    }
    let (host, port) = match rest.rfind(':') {
        Some(i) if !rest[i..].contains(']') => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if host.is_empty() {
        return None;
    }
    if let Some(p) = port {
        if p.is_empty() || p.parse::<u16>().is_err() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let host = host.to_ascii_lowercase();
    Some(match port {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    })
}

/// Is this (normalised) origin one of the app's own: http on a loopback
/// host, any port?
fn is_app_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("http://") else {
        return false;
    };
    LOOPBACK_HOSTS.iter().any(|h| {
        rest.strip_prefix(h)
            .is_some_and(|tail| tail.is_empty() || tail.starts_with(':'))
    })
}

impl OriginPolicy {
    /// Add one `--allow-origin` value: an origin, `null`, or `*` (any).
    pub fn allow(&mut self, value: &str) -> Result<(), BadOrigin> {
        if value.trim() == "*" {
            self.any = true;
            return Ok(());
        }
        let o = normalise(value).ok_or_else(|| BadOrigin(value.to_string()))?;
        if !self.extra.contains(&o) {
            self.extra.push(o);
        }
        Ok(())
    }

    /// `--allow-origin '*'` was given.
    pub fn allows_any(&self) -> bool {
        self.any
    }

    /// Decide on a request's `Origin` header (`None` when absent).
    pub fn check(&self, origin: Option<&[u8]>) -> Verdict {
        let Some(raw) = origin else {
            return Verdict::NoOrigin;
        };
        let text = String::from_utf8_lossy(raw).into_owned();
        if self.any {
            return Verdict::Allowed(text);
        }
        match normalise(&text) {
            Some(o) if is_app_origin(&o) || self.extra.contains(&o) => Verdict::Allowed(text),
            _ => Verdict::Refused(text),
        }
    }

    /// The 403 message for a refused origin.
    pub fn refusal(origin: &str) -> String {
        format!(
            "Origin {origin:?} may not call this endpoint: only the app's own pages \
             (http://localhost, http://127.0.0.1 or http://[::1] on any port) are answered. \
             Start the server with --allow-origin {origin} to allow that page."
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(p: &OriginPolicy, o: &str) -> Verdict {
        p.check(Some(o.as_bytes()))
    }

    #[test]
    fn the_apps_own_origins_on_any_port_are_allowed() {
        let p = OriginPolicy::default();
        for o in [
            "http://127.0.0.1:8080",
            "http://127.0.0.1:40123",
            "http://localhost:8080",
            "http://LOCALHOST:3000",
            "http://localhost",
            "http://[::1]:8080",
        ] {
            assert_eq!(check(&p, o), Verdict::Allowed(o.to_string()), "{o}");
        }
    }

    #[test]
    fn foreign_and_lookalike_origins_are_refused() {
        let p = OriginPolicy::default();
        for o in [
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example:8080",
            "https://localhost:8080",
            "http://evil.example:8080",
            "null",
            "garbage",
            "",
        ] {
            assert!(matches!(check(&p, o), Verdict::Refused(_)), "{o}");
        }
        assert_eq!(p.check(None), Verdict::NoOrigin);
    }

    #[test]
    fn allow_origin_widens_the_policy() {
        let mut p = OriginPolicy::default();
        p.allow("https://Studio.Example.com/").unwrap();
        p.allow("null").unwrap();
        assert!(matches!(
            check(&p, "https://studio.example.com"),
            Verdict::Allowed(_)
        ));
        assert!(matches!(check(&p, "null"), Verdict::Allowed(_)));
        assert!(matches!(
            check(&p, "https://studio.example.com:8443"),
            Verdict::Refused(_)
        ));
        assert!(matches!(
            check(&p, "https://evil.example"),
            Verdict::Refused(_)
        ));
        p.allow("*").unwrap();
        assert!(matches!(
            check(&p, "https://evil.example"),
            Verdict::Allowed(_)
        ));
    }

    #[test]
    fn bad_allow_origin_values_are_errors() {
        let mut p = OriginPolicy::default();
        for bad in [
            "studio.example.com",
            "ftp://x",
            "https://x/path",
            "https://x:port",
            "https://",
            "https://u@x",
        ] {
            assert!(p.allow(bad).is_err(), "{bad}");
        }
        assert_eq!(p, OriginPolicy::default());
    }
}
