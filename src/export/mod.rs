//! Turn a definition into what AWS takes and read what it answers: request
//! bodies, the CLI file, SigV4 signing. The network call itself lives in `ui`.

pub mod sigv4;
