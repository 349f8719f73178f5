//! The command line of `pipeline-studio-server`: port, clock mode, speed,
//! long-poll wait, virtual start time, seed, credentials and state files.

use crate::journal::Policy;
use crate::origin::OriginPolicy;
use chrono::NaiveDateTime;
use model::time::parse_datetime;
use std::path::PathBuf;

/// How virtual time moves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ClockMode {
    /// Virtual time follows the wall clock, `speed` times as fast.
    Wall { speed: f64 },
    /// Virtual time moves only through `POST /__clock/advance`.
    Manual,
}

/// What `--relay` was given on the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelayOptions {
    /// `--profile`: a named profile of the shared files (else `AWS_PROFILE`
    /// or `default`).
    pub profile: Option<String>,
    /// `--region`: else the chain's region (`AWS_REGION`, the profile).
    pub region: Option<String>,
    /// `--upstream URL`: else `https://datapipeline.<region>.amazonaws.com/`.
    pub upstream: Option<String>,
}

/// Everything the command line sets.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub bind: String,
    pub port: u16,
    pub clock: ClockMode,
    /// Longest wait of a PollForTask with nothing to hand out (wall clock only).
    pub poll_wait_secs: f64,
    /// Virtual start time; `None` = the engine's default (manual) or now (wall).
    pub start: Option<NaiveDateTime>,
    pub seed: u64,
    pub credentials: Option<PathBuf>,
    pub state: Option<PathBuf>,
    /// Durability and snapshots of `--state`.
    pub journal: Policy,
    /// `--keep-days N`: forget finished instances' detail N days after
    /// they ended (`engine::retention`); None keeps everything.
    pub keep_days: Option<u32>,
    pub quiet: bool,
    /// Which web pages may call the endpoint (`--allow-origin`).
    pub origins: OriginPolicy,
    /// `--relay`: forward calls to AWS instead of simulating the service.
    pub relay: Option<RelayOptions>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bind: "127.0.0.1".to_string(),
            port: 8080,
            clock: ClockMode::Wall { speed: 1.0 },
            poll_wait_secs: 90.0,
            start: None,
            seed: 0,
            credentials: None,
            state: None,
            journal: Policy::default(),
            keep_days: None,
            quiet: false,
            origins: OriginPolicy::default(),
            relay: None,
        }
    }
}

pub const USAGE: &str = "\
pipeline-studio-server: a local AWS Data Pipeline endpoint (the Pipeline Studio simulator over HTTP)

Usage: pipeline-studio-server [options]
  --port N             port on 127.0.0.1 (default 8080; 0 picks a free one)
  --bind ADDR          address to listen on (default 127.0.0.1)
  --clock wall|manual  virtual time follows the wall clock (default) or moves only
                       through POST /__clock/advance {\"seconds\": N}
  --speed N            wall clock: virtual seconds per real second (default 1)
  --poll-wait SECS     wall clock: longest PollForTask long poll (default 90)
  --start TIME         virtual start, YYYY-MM-DDTHH:MM:SS (default: manual
                       2012-12-12T00:00:00, wall: the current UTC time)
  --seed N             seed of the simulator's random choices (default 0)
  --credentials FILE   verify SigV4 signatures against these keys: JSON
                       {\"AKID\": \"secret\", ...} or lines access_key=secret
  --state DIR          keep the service in the folder DIR across restarts: a
                       journal of every change (durable before the answer)
                       plus snapshots; an old state FILE there is migrated
  --fsync always|never always (default): fsync the journal before answering;
                       never: leave it to the OS (a power cut may lose the
                       last seconds; a crash of the server loses nothing)
  --snapshot-every N   snapshot after N journal entries (default 100000), or
                       once replaying the journal would take longer than 0.5 s
                       and than reading the last snapshot
  --keep-days N        forget finished instances, their attempts and trace
                       entries N days after they ended (at virtual midnights;
                       they then answer as unknown ids). Default: keep all
  --allow-origin O     also answer web pages from origin O (scheme://host[:port];
                       repeatable; `*` = any page). By default only the app's own
                       pages (http://localhost, 127.0.0.1, [::1], any port) may
                       call it; requests without an Origin (SDKs, CLI) are served
  --quiet              no request log on stderr

Relay to AWS (the app's \"AWS through the local relay\"):
  --relay              forward the app's calls to AWS Data Pipeline, signed with
                       the AWS credentials chain of this machine (environment,
                       ~/.aws/config and credentials, profiles, SSO); listens on
                       127.0.0.1 only (default port 4600)
  --profile NAME       the profile to use (default: AWS_PROFILE or `default`)
  --region REGION      the region (default: AWS_REGION or the profile's)
  --upstream URL       send calls here instead of https://datapipeline.REGION.amazonaws.com
The first stdout line is `listening on http://ADDR:PORT`.";

/// The relay's port unless `--port` says otherwise (the app's default
/// relay URL is `http://127.0.0.1:4600`).
pub const RELAY_PORT: u16 = 4600;

/// The value of `flag`: after `=` or the next argument.
fn take(
    inline: Option<&str>,
    it: &mut std::slice::Iter<'_, String>,
    flag: &str,
) -> Result<String, String> {
    match inline {
        Some(v) => Ok(v.to_string()),
        None => it
            .next()
            .cloned()
            .ok_or_else(|| format!("{flag} needs a value")),
    }
}

/// Parse the arguments after the program name. `Err` carries a message
/// (the usage text for `--help`).
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut speed = 1.0;
    let mut manual = false;
    let mut it = args.iter();
    let mut port_given = false;
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v)),
            _ => (arg.as_str(), None),
        };
        match flag {
            "-h" | "--help" => return Err(USAGE.to_string()),
            "--port" => {
                port_given = true;
                o.port = take(inline, &mut it, flag)?
                    .parse()
                    .map_err(|_| "--port takes a number 0-65535".to_string())?
            }
            "--bind" => o.bind = take(inline, &mut it, flag)?.to_string(),
            "--clock" => match take(inline, &mut it, flag)?.as_str() {
                "wall" => manual = false,
                "manual" => manual = true,
                other => return Err(format!("--clock takes wall or manual, not {other:?}")),
            },
            "--speed" => {
                speed = take(inline, &mut it, flag)?
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .ok_or_else(|| "--speed takes a positive number".to_string())?
            }
            "--poll-wait" => {
                o.poll_wait_secs = take(inline, &mut it, flag)?
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .ok_or_else(|| "--poll-wait takes seconds (>= 0)".to_string())?
            }
            "--start" => {
                let v = take(inline, &mut it, flag)?;
                o.start = Some(
                    parse_datetime(&v)
                        .ok_or_else(|| format!("--start takes YYYY-MM-DDTHH:MM:SS, not {v:?}"))?,
                )
            }
            "--seed" => {
                o.seed = take(inline, &mut it, flag)?
                    .parse()
                    .map_err(|_| "--seed takes a number".to_string())?
            }
            "--credentials" => o.credentials = Some(PathBuf::from(take(inline, &mut it, flag)?)),
            "--state" => o.state = Some(PathBuf::from(take(inline, &mut it, flag)?)),
            "--fsync" => match take(inline, &mut it, flag)?.as_str() {
                "always" => o.journal.fsync = true,
                "never" => o.journal.fsync = false,
                other => return Err(format!("--fsync takes always or never, not {other:?}")),
            },
            "--snapshot-every" => {
                o.journal.snapshot_every = take(inline, &mut it, flag)?
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| "--snapshot-every takes a positive number".to_string())?
            }
            "--keep-days" => {
                o.keep_days = Some(
                    take(inline, &mut it, flag)?
                        .parse()
                        .ok()
                        .filter(|&n| n >= 1)
                        .ok_or_else(|| "--keep-days takes a number of days (>= 1)".to_string())?,
                )
            }
            "--allow-origin" => o
                .origins
                .allow(&take(inline, &mut it, flag)?)
                .map_err(|e| e.to_string())?,
            "--quiet" => o.quiet = true,
            "--relay" => {
                o.relay.get_or_insert_with(RelayOptions::default);
            }
            "--profile" => {
                o.relay.get_or_insert_with(RelayOptions::default).profile =
                    Some(take(inline, &mut it, flag)?)
            }
            "--region" => {
                o.relay.get_or_insert_with(RelayOptions::default).region =
                    Some(take(inline, &mut it, flag)?)
            }
            "--upstream" => {
                o.relay.get_or_insert_with(RelayOptions::default).upstream =
                    Some(take(inline, &mut it, flag)?)
            }
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    if o.relay.is_some() {
        if !args.iter().any(|a| a == "--relay") {
            return Err("--profile, --region and --upstream go with --relay".to_string());
        }
        if o.bind != "127.0.0.1" {
            return Err(
                "--relay listens on 127.0.0.1 only: it signs with your AWS credentials".into(),
            );
        }
        if o.origins.allows_any() {
            return Err(
                "--relay does not take --allow-origin '*': any web page could use your AWS account"
                    .into(),
            );
        }
        if !port_given {
            o.port = RELAY_PORT;
        }
    }
    o.clock = if manual {
        ClockMode::Manual
    } else {
        ClockMode::Wall { speed }
    };
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn flags_in_both_spellings() {
        let o = parse(&args(
            "--port 0 --clock manual --state=s.json --poll-wait 2.5",
        ))
        .unwrap();
        assert_eq!(o.port, 0);
        assert_eq!(o.clock, ClockMode::Manual);
        assert_eq!(o.state, Some(PathBuf::from("s.json")));
        assert_eq!(o.poll_wait_secs, 2.5);
        assert!(o.journal.fsync);
        let o = parse(&args("--fsync never --snapshot-every=50")).unwrap();
        assert!(!o.journal.fsync);
        assert_eq!(o.journal.snapshot_every, 50);
        assert_eq!(o.keep_days, None);
        assert_eq!(parse(&args("--keep-days 4")).unwrap().keep_days, Some(4));
        assert!(parse(&args("--keep-days 0")).is_err());
        let o = parse(&args("--speed 60 --start 2012-12-12T00:00:00")).unwrap();
        assert_eq!(o.clock, ClockMode::Wall { speed: 60.0 });
        assert!(o.start.is_some());
        let o = parse(&args(
            "--allow-origin https://a.example --allow-origin=null",
        ))
        .unwrap();
        let mut expected = OriginPolicy::default();
        expected.allow("https://a.example").unwrap();
        expected.allow("null").unwrap();
        assert_eq!(o.origins, expected);
    }

    #[test]
    fn relay_flags() {
        let o = parse(&args("--relay --profile dev --region eu-west-1")).unwrap();
        assert_eq!(o.port, RELAY_PORT);
        let r = o.relay.unwrap();
        assert_eq!(r.profile.as_deref(), Some("dev"));
        assert_eq!(r.region.as_deref(), Some("eu-west-1"));
        let o = parse(&args("--relay --port 0 --upstream http://127.0.0.1:9")).unwrap();
        assert_eq!(o.port, 0);
        assert_eq!(
            o.relay.unwrap().upstream.as_deref(),
            Some("http://127.0.0.1:9")
        );
        for bad in [
            "--region eu-west-1",
            "--relay --bind 0.0.0.0",
            "--relay --allow-origin *",
            "--relay --profile",
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        for bad in [
            "--port",
            "--port x",
            "--clock fast",
            "--speed 0",
            "--speed -1",
            "--start yesterday",
            "--what",
            "--fsync sometimes",
            "--snapshot-every 0",
            "--allow-origin",
            "--allow-origin evil.example",
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad}");
        }
    }
}
