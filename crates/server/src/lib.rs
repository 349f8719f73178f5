//! The local Data Pipeline endpoint: the simulator (`engine::Service`)
//! served over HTTP for boto3, the AWS CLI, the app's Export and home-made
//! task runners. `args` (command line), `auth` (SigV4 check), `state`
//! (the locked service, clock anchor), `journal` (`--state`: the durable
//! journal and snapshots), `http` (routes, CORS), `dispatch` (calls under
//! the lock, long poll), `clock_api` (`/__clock/`), `origin` (which web
//! pages may call it), `relay` (`--relay`: the app's calls forwarded to
//! AWS, signed with this machine's credentials; cargo feature `relay`, on
//! by default).
//! Native only, behind the `server` feature.

pub mod args;
pub mod auth;
mod clock_api;
pub mod dispatch;
pub mod http;
pub mod journal;
pub mod origin;
#[cfg(feature = "relay")]
pub mod relay;
pub mod state;

use args::{ClockMode, Options};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use state::Shared;
use std::io::Write;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

/// Start the server and serve until the process ends. Prints
/// `listening on http://ADDR:PORT` as the first stdout line.
pub fn run(options: Options) -> Result<(), String> {
    let keys = match &options.credentials {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            Some(auth::parse_credentials(&text)?)
        }
        None => None,
    };
    let shared = Arc::new(Shared::open(
        options.clock,
        options.start,
        options.seed,
        options.state.as_deref(),
        options.journal,
    )?);
    shared.set_retention(options.keep_days)?;
    let boot = state::wall_now()
        .and_utc()
        .timestamp_nanos_opt()
        .unwrap_or(0) as u64;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    #[cfg(feature = "relay")]
    let relay = match &options.relay {
        Some(r) => {
            let relay = runtime.block_on(relay::Relay::from_chain(r))?;
            if !options.quiet {
                eprintln!("relaying DataPipeline calls to {}", relay.upstream());
            }
            Some(Arc::new(relay))
        }
        None => None,
    };
    #[cfg(not(feature = "relay"))]
    if options.relay.is_some() {
        return Err(
            "this build has no relay: build pipeline-studio-server with its default features"
                .into(),
        );
    }
    let app = Arc::new(http::App {
        #[cfg(feature = "relay")]
        relay,
        shared: shared.clone(),
        keys,
        poll_wait: match options.clock {
            ClockMode::Manual => None,
            ClockMode::Wall { .. } => Some(Duration::from_secs_f64(options.poll_wait_secs)),
        },
        quiet: options.quiet,
        origins: options.origins.clone(),
        ids: AtomicU64::new(0),
        boot,
    });
    let listener = std::net::TcpListener::bind((options.bind.as_str(), options.port))
        .map_err(|e| format!("bind {}:{}: {e}", options.bind, options.port))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("listener: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("listener: {e}"))?;
    println!("listening on http://{addr}");
    let _ = std::io::stdout().flush();
    if matches!(options.clock, ClockMode::Wall { .. }) {
        let s = shared.clone();
        std::thread::Builder::new()
            .name("wall-clock".into())
            .spawn(move || ticker(&s))
            .map_err(|e| format!("ticker thread: {e}"))?;
    }
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| format!("listener: {e}"))?;
        loop {
            let (stream, _) = match listener.accept().await {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let app = app.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| http::handle(app.clone(), req));
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}

/// Wall mode: run timers as virtual time reaches them, then sleep until the
/// next one is due (at most a second, woken early by every change).
fn ticker(shared: &Shared) {
    loop {
        let (fired, seq, wait) = {
            let mut core = shared.lock();
            let t0 = std::time::Instant::now();
            let fired = core.catch_up();
            let seq = if fired {
                shared.timers_ran(&mut core, t0.elapsed())
            } else {
                Ok(None)
            };
            let now = core.service.now();
            let speed = core.anchor.map_or(1.0, |a| a.speed);
            let wait = core
                .service
                .next_event_time()
                .map(|t| ((t - now).num_milliseconds().max(0) as f64 / speed) as u64 + 1)
                .unwrap_or(1000)
                .clamp(1, 1000);
            (fired, seq, Duration::from_millis(wait))
        };
        if fired {
            shared.tasks_changed.notify_waiters();
        }
        if let Err(e) = seq.and_then(|s| shared.sync(s)) {
            eprintln!("{e}");
        }
        let guard = shared.ticker_lock.lock().unwrap_or_else(|e| e.into_inner());
        let _ = shared.ticker.wait_timeout(guard, wait);
    }
}
