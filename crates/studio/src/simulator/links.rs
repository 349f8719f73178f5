//! Plain-Rust helpers that turn the engine's words into links and
//! figures: the "Why?" lines split into text, object ids and the API call a
//! cause names ("(SetTaskStatus by runner-1)" at a time), and the lease
//! countdown in virtual time.

use chrono::NaiveDateTime;

use crate::engine::CallRecord;
use crate::model::time::parse_datetime;

/// A piece of an explanation line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// An object id the views know.
    Object(String),
    /// An API call: its position in the call log and its words.
    Call(usize, String),
}

fn trim_token(t: &str) -> &str {
    t.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '.'))
        .trim_end_matches("'s")
}

/// Split `line` into text and links: words that are `known` object ids,
/// and "(<Action> by <caller>)" when the call log has that call at the
/// line's time (the last such call at or before it).
pub fn link_line(line: &str, known: &dyn Fn(&str) -> bool, calls: &[CallRecord]) -> Vec<Piece> {
    let time = line
        .split_whitespace()
        .map(trim_token)
        .find_map(parse_datetime);
    let mut out: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let push_text = |out: &mut Vec<Piece>, text: &mut String| {
        if !text.is_empty() {
            out.push(Piece::Text(std::mem::take(text)));
        }
    };
    let mut rest = line;
    while !rest.is_empty() {
        // A cause in brackets.
        if let Some(inner) = rest.strip_prefix('(') {
            if let Some(end) = inner.find(')') {
                let words = &inner[..end];
                if let Some(n) = call_at(words, time, calls) {
                    text.push('(');
                    push_text(&mut out, &mut text);
                    out.push(Piece::Call(n, words.to_string()));
                    text.push(')');
                    rest = &inner[end + 1..];
                    continue;
                }
            }
        }
        let cut = rest
            .char_indices()
            .find(|&(i, c)| i > 0 && (c.is_whitespace() || c == '('))
            .map_or(rest.len(), |(i, _)| i);
        let (word, tail) = rest.split_at(cut);
        let token = trim_token(word);
        if !token.is_empty() && known(token) {
            let at = word.find(token).unwrap_or(0);
            text.push_str(&word[..at]);
            push_text(&mut out, &mut text);
            out.push(Piece::Object(token.to_string()));
            text.push_str(&word[at + token.len()..]);
        } else {
            text.push_str(word);
        }
        rest = tail;
    }
    push_text(&mut out, &mut text);
    out
}

/// The call "<Action> by <caller>" made at `time` (the last one at or
/// before it when the exact time has none).
fn call_at(words: &str, time: Option<NaiveDateTime>, calls: &[CallRecord]) -> Option<usize> {
    let (action, caller) = words.split_once(" by ")?;
    let time = time?;
    calls
        .iter()
        .enumerate()
        .rev()
        .find(|(_, c)| c.action == action && c.caller == caller && c.at <= time)
        .map(|(n, _)| n)
}

/// Seconds left until `expires` at `now` (negative once lapsed), and in
/// words: "1 min 05 s left", "lapsed 20 s ago".
pub fn countdown(now: NaiveDateTime, expires: NaiveDateTime) -> (i64, String) {
    let left = (expires - now).num_seconds();
    let words = |s: i64| {
        if s >= 60 {
            format!("{} min {:02} s", s / 60, s % 60)
        } else {
            format!("{s} s")
        }
    };
    let text = if left >= 0 {
        format!("{} left", words(left))
    } else {
        format!("lapsed {} ago", words(-left))
    };
    (left, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::test_support::{session, TIMEOUT_FAIL};

    #[test]
    fn why_lines_link_objects_and_the_calls_they_name() {
        let mut s = session(TIMEOUT_FAIL, 1);
        s.advance(3600);
        let ids: Vec<String> = s.instances().into_iter().map(|r| r.id).collect();
        let load = ids.iter().find(|i| i.starts_with("@Load")).unwrap().clone();
        let lines = s.service.explain(&s.pipeline_id, &load);
        assert!(lines.len() >= 3, "{lines:?}");
        let known = |t: &str| ids.iter().any(|i| i == t) || t.contains("_Attempt=");
        let calls = s.service.call_log();
        let pieces: Vec<Vec<Piece>> = lines.iter().map(|l| link_line(l, &known, calls)).collect();
        // Each line still reads the same.
        for (l, p) in lines.iter().zip(&pieces) {
            let joined: String = p
                .iter()
                .map(|x| match x {
                    Piece::Text(t) | Piece::Object(t) | Piece::Call(_, t) => t.as_str(),
                })
                .collect();
            assert_eq!(&joined, l);
        }
        // The first line names Load itself; the chain names the upstream
        // Extract and its last attempt.
        assert_eq!(
            pieces[0].iter().find(|p| matches!(p, Piece::Object(_))),
            Some(&Piece::Object(load))
        );
        let objects: Vec<&str> = pieces
            .iter()
            .flatten()
            .filter_map(|p| match p {
                Piece::Object(o) => Some(o.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            objects.contains(&"@Extract_2012-12-12T00:00:00"),
            "{objects:?}"
        );
        assert!(
            objects.contains(&"@Extract_2012-12-12T00:00:00_Attempt=2"),
            "{objects:?}"
        );
    }

    #[test]
    fn a_cause_naming_a_call_links_to_it() {
        let mut s = session(TIMEOUT_FAIL, 1);
        s.advance(3600);
        let calls = s.service.call_log();
        let n = calls
            .iter()
            .position(|c| c.action == "PollForTask")
            .unwrap();
        let at = crate::model::time::format_datetime(calls[n].at);
        let line = format!(
            "@X is RUNNING since {at} (PollForTask by {})",
            calls[n].caller
        );
        let p = link_line(&line, &|t| t == "@X", calls);
        assert_eq!(p[0], Piece::Object("@X".into()));
        assert!(
            p.iter()
                .any(|x| matches!(x, Piece::Call(m, _) if calls[*m].action == "PollForTask")),
            "{p:?}"
        );
        // A cause with no such call stays text.
        let p = link_line("@Y is FAILED (timer: lease expired)", &|_| false, calls);
        assert_eq!(
            p,
            [Piece::Text("@Y is FAILED (timer: lease expired)".into())]
        );
    }

    #[test]
    fn countdown_in_virtual_time() {
        let t = |s: &str| parse_datetime(s).unwrap();
        assert_eq!(
            countdown(t("2012-12-12T00:00:00"), t("2012-12-12T00:01:05")),
            (65, "1 min 05 s left".to_string())
        );
        assert_eq!(
            countdown(t("2012-12-12T00:00:20"), t("2012-12-12T00:00:00")),
            (-20, "lapsed 20 s ago".to_string())
        );
    }
}
