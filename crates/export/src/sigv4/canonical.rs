//! The canonical forms SigV4 hashes: URI (normalised path, encoded once
//! more), query string (decoded, re-encoded with the RFC 3986 unreserved set,
//! sorted by name then value) and headers (lower-cased names, trimmed and
//! folded values, repeats joined with commas in order, sorted by name).

/// Percent-encode every byte outside the RFC 3986 unreserved set
/// (`A-Z a-z 0-9 - . _ ~`), upper-case hex; `/` is kept when `keep_slash`.
pub fn uri_encode(bytes: &[u8], keep_slash: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else if b == b'/' && keep_slash {
            out.push('/');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decode `%XX` escapes; a `%` not followed by two hex digits stays literal.
/// `+` is not a space here (SigV4 and botocore leave it alone).
pub fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// Remove dot segments (RFC 3986 §5.2.4) and empty segments (AWS wants
/// consecutive slashes collapsed); keep a leading and a trailing slash.
/// The same rules as botocore's `remove_dot_segments`.
fn normalize_path(path: &str) -> String {
    if path.is_empty() {
        return "/".to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let first = if path.starts_with('/') { "/" } else { "" };
    let last = if path.ends_with('/') && !out.is_empty() {
        "/"
    } else {
        ""
    };
    let joined = format!("{first}{}{last}", out.join("/"));
    if joined.is_empty() {
        "/".to_string()
    } else {
        joined
    }
}

/// The canonical URI of a path as it appears in the request line: dot and
/// empty segments removed, then every byte but unreserved ones and `/`
/// percent-encoded (so an already-encoded `%20` becomes `%2520`: the double
/// encoding every AWS service except S3 expects).
pub fn canonical_uri(path: &str) -> String {
    uri_encode(normalize_path(path).as_bytes(), true)
}

/// The canonical query string: split on `&` and the first `=`, decode each
/// name and value, re-encode with the unreserved set, sort by name then
/// value (bytewise), join as `name=value` with `&`. Repeated names are kept.
pub fn canonical_query_string(query: &str) -> String {
    if query.is_empty() {
        return String::new();
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .map(|item| {
            let (k, v) = item.split_once('=').unwrap_or((item, ""));
            (
                uri_encode(&percent_decode(k), false),
                uri_encode(&percent_decode(v), false),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Trim a header value and fold every run of whitespace (spaces, tabs, the
/// line breaks of a multi-line value) into one space.
pub fn fold_header_value(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The canonical header block (each `name:value\n`) and the signed header
/// names (`a;b;c`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanonicalHeaders {
    pub canonical: String,
    pub signed_names: String,
}

/// Lower-case the names, fold the values, join repeats of one name with
/// `,` in their order, sort by name. Every header given is signed.
pub fn canonical_headers(headers: &[(String, String)]) -> CanonicalHeaders {
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in headers {
        let name = name.trim().to_ascii_lowercase();
        let value = fold_header_value(value);
        match grouped.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => grouped.push((name, vec![value])),
        }
    }
    grouped.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical = grouped
        .iter()
        .map(|(n, vs)| format!("{n}:{}\n", vs.join(",")))
        .collect();
    let signed_names = grouped
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    CanonicalHeaders {
        canonical,
        signed_names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_like_botocore() {
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("//"), "/");
        assert_eq!(canonical_uri("//example//"), "/example/");
        assert_eq!(canonical_uri("/example1/example2/../.."), "/");
        assert_eq!(canonical_uri("/./example"), "/example");
        assert_eq!(canonical_uri("/a/b/../c/./d"), "/a/c/d");
        assert_eq!(canonical_uri("/../.."), "/");
    }

    #[test]
    fn paths_are_encoded_once_more() {
        assert_eq!(canonical_uri("/example space/"), "/example%20space/");
        assert_eq!(canonical_uri("/example%20space/"), "/example%2520space/");
        assert_eq!(canonical_uri("/$delete"), "/%24delete");
        assert_eq!(canonical_uri("/\u{1234}"), "/%E1%88%B4");
        assert_eq!(canonical_uri("/-._~az09AZ"), "/-._~az09AZ");
    }

    #[test]
    fn query_is_decoded_reencoded_and_sorted() {
        assert_eq!(canonical_query_string(""), "");
        assert_eq!(canonical_query_string("b=2&a=1"), "a=1&b=2");
        assert_eq!(canonical_query_string("a=2&a=1"), "a=1&a=2");
        assert_eq!(canonical_query_string("Param"), "Param=");
        assert_eq!(canonical_query_string("a=x y+z"), "a=x%20y%2Bz");
        assert_eq!(canonical_query_string("a=%7e%2F"), "a=~%2F");
        assert_eq!(canonical_query_string("a=%zz%4"), "a=%25zz%254");
        // sort by name, then value: "Param" before "Param-3" although '-' < '='
        assert_eq!(
            canonical_query_string("Param-3=3&Param=2"),
            "Param=2&Param-3=3"
        );
    }

    #[test]
    fn headers_lowercased_folded_grouped_sorted() {
        let h = |k: &str, v: &str| (k.to_string(), v.to_string());
        let c = canonical_headers(&[
            h("X-B", "  two   words \t here "),
            h("a", "1"),
            h("x-b", "line1\n   line2"),
        ]);
        assert_eq!(c.canonical, "a:1\nx-b:two words here,line1 line2\n");
        assert_eq!(c.signed_names, "a;x-b");
    }

    #[test]
    fn percent_decode_edges() {
        assert_eq!(percent_decode("%41%"), b"A%");
        assert_eq!(percent_decode("%4"), b"%4");
        assert_eq!(percent_decode("%E1%88%B4"), "\u{1234}".as_bytes());
    }
}
