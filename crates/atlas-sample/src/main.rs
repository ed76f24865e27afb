//! `atlas-sample [DATA_DIR]`: (re)generate the sample data (示例数据), by default in
//! `public/data`. Run from the repository root: `cargo run -p atlas-sample -- public/data`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") || args.len() > 1 {
        eprintln!("usage: atlas-sample [DATA_DIR]   (default: public/data)");
        eprintln!("Writes the sample snapshots, maps and manifest.json; plan files already in DATA_DIR/plans are listed too.");
        return if args.len() > 1 { ExitCode::from(2) } else { ExitCode::SUCCESS };
    }
    let root = PathBuf::from(args.first().map_or("public/data", String::as_str));
    match atlas_sample::generate(&root) {
        Ok(written) => {
            for w in &written {
                let status = if w.changed { "written" } else { "unchanged" };
                println!("{status:>9} {:>8} bytes  {}", w.bytes, root.join(&w.path).display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("atlas-sample: {error}");
            ExitCode::FAILURE
        }
    }
}
