//! `pipeline-studio-server`: a local AWS Data Pipeline endpoint (see
//! `server` and the README).

/// mimalloc: faster than the system allocator for the simulated service
/// (measured on the engine benchmark binary; the library and the wasm
/// build keep their default allocator).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match server::args::parse(&args) {
        Ok(o) => o,
        Err(message) => {
            let help = args.iter().any(|a| a == "-h" || a == "--help");
            if help {
                println!("{message}");
                return;
            }
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if let Err(e) = server::run(options) {
        eprintln!("pipeline-studio-server: {e}");
        std::process::exit(1);
    }
}
