//! Where a push goes: the region's Data Pipeline endpoint by default, or any
//! http(s) URL (a local or compatible endpoint, port allowed). Parses the
//! URL the way a browser would send it, so the signed `Host` and path match
//! the request that actually goes out.

use std::fmt;

/// What is wrong with an endpoint URL or a region name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointError {
    Empty,
    UnsupportedScheme(String),
    MissingHost,
    UserInfo,
    BadHost(String),
    BadPort(String),
    BadRegion(String),
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::Empty => write!(f, "The endpoint URL is empty."),
            EndpointError::UnsupportedScheme(s) => write!(
                f,
                "The endpoint URL must start with http:// or https:// (got \"{s}\")."
            ),
            EndpointError::MissingHost => write!(f, "The endpoint URL has no host name."),
            EndpointError::UserInfo => write!(
                f,
                "The endpoint URL must not contain a user name or password; enter credentials in their own fields."
            ),
            EndpointError::BadHost(h) => write!(
                f,
                "\"{h}\" is not a host name this editor can sign for (letters, digits, '-', '.', or an [IPv6] address)."
            ),
            EndpointError::BadPort(p) => write!(f, "\"{p}\" is not a port number (1-65535)."),
            EndpointError::BadRegion(r) => write!(
                f,
                "\"{r}\" is not a region name (lower-case letters, digits and '-', e.g. us-east-1)."
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// A parsed endpoint. `port` is `None` for the scheme's default port (as
/// browsers leave it out of `Host`); `path` and `query` are in wire form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub scheme: Scheme,
    pub host: String,
    pub port: Option<u16>,
    pub path: String,
    pub query: String,
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 63 characters.
pub fn validate_region(region: &str) -> Result<(), EndpointError> {
    let ok = !region.is_empty()
        && region.len() <= 63
        && region.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err(EndpointError::BadRegion(region.to_string()))
    }
}

/// Percent-encode what a browser's URL parser encodes in a path or query
/// (controls, space, `"`, `<`, `>`, `` ` ``, `{`, `}`, non-ASCII); an
/// existing `%XX` is left as it is.
fn wire_encode(s: &str, extra: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b <= 0x20 || b >= 0x7F || matches!(b, b'"' | b'<' | b'>') || extra.contains(&b) {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty()
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

impl Endpoint {
    /// The region's Data Pipeline endpoint: `https://datapipeline.{region}.amazonaws.com/`
    /// (`.amazonaws.com.cn` for the `cn-` regions).
    pub fn for_region(region: &str) -> Result<Endpoint, EndpointError> {
        validate_region(region)?;
        let suffix = if region.starts_with("cn-") {
            "amazonaws.com.cn"
        } else {
            "amazonaws.com"
        };
        Ok(Endpoint {
            scheme: Scheme::Https,
            host: format!("datapipeline.{region}.{suffix}"),
            port: None,
            path: "/".into(),
            query: String::new(),
        })
    }

    /// Parse an http(s) URL such as `http://127.0.0.1:5000` or
    /// `https://datapipeline.eu-west-1.amazonaws.com/`. Surrounding spaces are
    /// ignored, the host is lower-cased, a fragment is dropped.
    pub fn parse(url: &str) -> Result<Endpoint, EndpointError> {
        let url = url.trim();
        if url.is_empty() {
            return Err(EndpointError::Empty);
        }
        let (scheme_text, rest) = url
            .split_once("://")
            .ok_or_else(|| EndpointError::UnsupportedScheme(url.to_string()))?;
        let scheme = match scheme_text.to_ascii_lowercase().as_str() {
            "http" => Scheme::Http,
            "https" => Scheme::Https,
            _ => return Err(EndpointError::UnsupportedScheme(scheme_text.to_string())),
        };
        let rest = rest.split('#').next().unwrap_or("");
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if authority.contains('@') {
            return Err(EndpointError::UserInfo);
        }
        if authority.is_empty() {
            return Err(EndpointError::MissingHost);
        }
        // An IPv6 literal's colons are inside brackets; the port's colon follows `]`.
        let port_colon = match authority.rfind(']') {
            Some(close) => authority[close..].find(':').map(|i| close + i),
            None => authority.rfind(':'),
        };
        let (host, port_text) = match port_colon {
            Some(i) => (&authority[..i], Some(&authority[i + 1..])),
            None => (authority, None),
        };
        let host = host.to_ascii_lowercase();
        if host.is_empty() {
            return Err(EndpointError::MissingHost);
        }
        if !valid_host(&host) {
            return Err(EndpointError::BadHost(host));
        }
        let port = match port_text {
            None | Some("") => None,
            Some(p) => {
                let n: u16 = p
                    .parse()
                    .ok()
                    .filter(|n| *n > 0 && p.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| EndpointError::BadPort(p.to_string()))?;
                (n != scheme.default_port()).then_some(n)
            }
        };
        let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
        let path = if path.is_empty() { "/" } else { path };
        Ok(Endpoint {
            scheme,
            host,
            port,
            path: wire_encode(path, b"`{}"),
            query: wire_encode(query, b"'"),
        })
    }

    /// The `Host` header: the host, with the port when it is not the default.
    pub fn host_header(&self) -> String {
        match self.port {
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }

    /// The full URL the request is sent to.
    pub fn url(&self) -> String {
        let q = if self.query.is_empty() {
            String::new()
        } else {
            format!("?{}", self.query)
        };
        format!(
            "{}://{}{}{q}",
            self.scheme.as_str(),
            self.host_header(),
            self.path
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_endpoint() {
        let e = Endpoint::for_region("eu-west-1").unwrap();
        assert_eq!(e.url(), "https://datapipeline.eu-west-1.amazonaws.com/");
        assert_eq!(e.host_header(), "datapipeline.eu-west-1.amazonaws.com");
        assert!(Endpoint::for_region("EU west").is_err());
        assert!(Endpoint::for_region("").is_err());
        assert!(Endpoint::for_region("us--east").is_err());
    }

    #[test]
    fn local_endpoint_keeps_non_default_port() {
        let e = Endpoint::parse(" http://127.0.0.1:5000 ").unwrap();
        assert_eq!(e.host_header(), "127.0.0.1:5000");
        assert_eq!(e.path, "/");
        assert_eq!(e.url(), "http://127.0.0.1:5000/");
        let e = Endpoint::parse("HTTPS://Example.COM:443/x?y=1#frag").unwrap();
        assert_eq!(e.host_header(), "example.com");
        assert_eq!(e.url(), "https://example.com/x?y=1");
        let e = Endpoint::parse("http://localhost:80").unwrap();
        assert_eq!(e.host_header(), "localhost");
        let e = Endpoint::parse("http://[::1]:8080/").unwrap();
        assert_eq!(e.host_header(), "[::1]:8080");
        let e = Endpoint::parse("http://[::1]/").unwrap();
        assert_eq!(e.host_header(), "[::1]");
    }

    #[test]
    fn bad_urls_are_reported() {
        assert_eq!(Endpoint::parse("  "), Err(EndpointError::Empty));
        assert!(matches!(
            Endpoint::parse("ftp://x"),
            Err(EndpointError::UnsupportedScheme(_))
        ));
        assert!(matches!(
            Endpoint::parse("localhost:5000"),
            Err(EndpointError::UnsupportedScheme(_))
        ));
        assert_eq!(Endpoint::parse("http://"), Err(EndpointError::MissingHost));
        assert_eq!(
            Endpoint::parse("http://:80"),
            Err(EndpointError::MissingHost)
        );
        assert_eq!(
            Endpoint::parse("http://u:p@host/"),
            Err(EndpointError::UserInfo)
        );
        assert!(matches!(
            Endpoint::parse("http://host:99999"),
            Err(EndpointError::BadPort(_))
        ));
        assert!(matches!(
            Endpoint::parse("http://host:0"),
            Err(EndpointError::BadPort(_))
        ));
        assert!(matches!(
            Endpoint::parse("http://host:+80"),
            Err(EndpointError::BadPort(_))
        ));
        assert!(matches!(
            Endpoint::parse("http://bad host/"),
            Err(EndpointError::BadHost(_))
        ));
        assert!(matches!(
            Endpoint::parse("http://bücher.example/"),
            Err(EndpointError::BadHost(_))
        ));
    }

    #[test]
    fn path_goes_to_wire_form() {
        let e = Endpoint::parse("http://h/a b/é").unwrap();
        assert_eq!(e.path, "/a%20b/%C3%A9");
        let e = Endpoint::parse("http://h/already%20encoded").unwrap();
        assert_eq!(e.path, "/already%20encoded");
    }
}
