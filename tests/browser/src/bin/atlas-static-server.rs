//! `atlas-static-server DIST [--data DIR] [--port N]`: serve a built portal on 127.0.0.1 the way
//! a static host would (precompressed `.br`/`.gz` files, the app for client-side routes), until
//! killed. The Lighthouse benchmark (`bench/lighthouse.sh`) measures the site through it.

use atlas_browser_tests::server::{Site, StaticServer};
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dist = None;
    let mut data = None;
    let mut port = 8090u16;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => data = args.next().map(PathBuf::from),
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => usage("--port needs a number"),
            },
            "-h" | "--help" => usage(""),
            other if dist.is_none() && !other.starts_with('-') => dist = Some(PathBuf::from(other)),
            other => usage(&format!("unexpected argument {other:?}")),
        }
    }
    let Some(dist) = dist else { usage("name the built site (dist/)") };
    // By default the data the build copied into dist/data.
    let data = data.unwrap_or_else(|| dist.join("data"));
    let server = match StaticServer::start(Site { dist: dist.clone(), data }, port) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("atlas-static-server: cannot serve {}: {e}", dist.display());
            std::process::exit(1);
        }
    };
    println!("serving {} at {}/", dist.display(), server.origin());
    loop {
        std::thread::park();
    }
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("atlas-static-server: {problem}");
    }
    eprintln!("usage: atlas-static-server DIST [--data DIR] [--port N]");
    std::process::exit(2);
}
