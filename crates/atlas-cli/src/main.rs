//! `atlas`: the county statistician's tool for Edu Atlas data (县域教育数据地图).
//!
//! `atlas validate` checks files, `atlas import` builds a snapshot from CSV, `atlas publish`
//! writes `manifest.json`, `atlas export` writes the computed indicators as CSV. The rules live in
//! `atlas-core`; this crate reads and writes files, prints reports and sets the exit code:
//! 0 done (warnings allowed), 1 validation errors or publication refused, 2 usage or I/O error.
//! See `docs/publishing.md`.
//!
//! Standard output carries only what a command is asked for: the CSV of `atlas export` without
//! `-o`, and the reports of `atlas validate` and `atlas verify`. Everything about the run — notes,
//! warnings about the input, a refusal, "wrote FILE", progress bars, errors — goes to standard
//! error, so `atlas export x.json > out.csv` never writes a message into the CSV.

mod cmd_export;
mod cmd_import;
mod cmd_keygen;
mod cmd_publish;
mod cmd_validate;
mod cmd_verify;
mod files;
mod keys;
mod output;
mod today;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "atlas",
    version,
    about = "Edu Atlas 数据工具：校验、导入、发布、导出 / validate, import, publish and export Edu Atlas data",
    long_about = "Edu Atlas 数据工具：校验、导入、发布、导出。\n\
                  Validate, import, publish and export Edu Atlas data.\n\n\
                  Exit codes: 0 ok (warnings allowed), 1 validation errors or refused, 2 usage or I/O error.\n\
                  Guide: docs/publishing.md"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 校验文件或整个数据目录 / Check files, or a whole data folder (a directory or manifest.json)
    Validate {
        /// Snapshot, geometry or plan files; a data folder or its manifest.json checks the whole set
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the reports as JSON (for machines) instead of text
        #[arg(long)]
        json: bool,
    },
    /// 由 CSV 表格生成快照 / Build a snapshot from the bureau's CSV files
    Import {
        /// The snapshot's meta as JSON (county, school year, publisher, source, licence …)
        #[arg(long, value_name = "META.json")]
        meta: PathBuf,
        /// The schools table: one row per school (per-stage columns), or one per school per stage
        /// (a 学段 column); a CSV file or a workbook
        #[arg(long, value_name = "schools.csv")]
        schools: Option<PathBuf>,
        /// Township codes, names and (optionally) kinds and population (代码, 名称, 类型 …)
        #[arg(long, value_name = "townships.csv")]
        townships: Option<PathBuf>,
        /// Resident population by age band per township
        #[arg(long, value_name = "population.csv")]
        population: Option<PathBuf>,
        /// Indicators the bureau reports (巩固率, 毛入学率 …)
        #[arg(long, value_name = "reported.csv")]
        reported: Option<PathBuf>,
        /// Satisfaction survey results (社会认可度)
        #[arg(long, value_name = "survey.csv")]
        survey: Option<PathBuf>,
        /// Where to write the snapshot, e.g. public/data/530426/2024-2025.json
        #[arg(short, long, value_name = "OUT.json")]
        output: PathBuf,
        /// Workbooks (.xlsx, .ods, .xls) or CSV files whose sheets say by their headers what they
        /// hold (学校, 乡镇, 人口, 上报指标, 认可度调查)
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// 校验并发布数据目录，重写 manifest.json / Validate a data folder and rewrite its manifest.json
    Publish {
        /// The data root, e.g. public/data
        #[arg(value_name = "DATA_DIR")]
        data_dir: PathBuf,
        /// Publication date of new snapshots (default: today in China, UTC+8)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// What a correction changed and why (required when publishing a correction)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Sign the manifest with this secret key (from `atlas keygen`): the signature is
        /// written beside it as manifest.json.minisig. Its password is asked on the terminal,
        /// or read from ATLAS_KEY_PASSWORD
        #[arg(long, value_name = "SECRET.key")]
        sign: Option<PathBuf>,
    },
    /// 生成发布密钥（minisign 格式）/ Make a publisher key pair (minisign format) for `publish --sign`
    Keygen {
        /// The secret key file to write (readable by you only); keep it off the website
        #[arg(short, long, value_name = "SECRET.key", default_value = "atlas-publisher.key")]
        secret: PathBuf,
        /// The public key file: build the portal with it and publish it on your own site
        #[arg(short, long, value_name = "PUBLIC.pub", default_value = "atlas-publisher.pub")]
        public: PathBuf,
        /// Leave the secret key without a password (for unattended publishing); otherwise the
        /// password is asked on the terminal, or read from ATLAS_KEY_PASSWORD
        #[arg(long)]
        no_password: bool,
        /// Overwrite existing key files
        #[arg(long)]
        force: bool,
    },
    /// 核对签名与文件 / Check a data folder's signature and every file's hash
    Verify {
        /// The data folder, e.g. a downloaded copy of the site's data/
        #[arg(value_name = "DATA_DIR")]
        data_dir: PathBuf,
        /// The publisher's public key: a .pub file, or the key itself as `minisign -P` takes it
        /// (default: the key built into this program; see `atlas verify --help`)
        #[arg(long, value_name = "PUB")]
        key: Option<String>,
    },
    /// 导出指标 CSV（或导入用的 CSV 表格）/ Write the computed indicators as CSV
    Export {
        /// A snapshot file
        #[arg(value_name = "SNAPSHOT.json")]
        snapshot: PathBuf,
        /// Write the indicator CSV here (default: standard output)
        #[arg(short, long, value_name = "OUT.csv")]
        output: Option<PathBuf>,
        /// Instead of indicators, write the snapshot as the CSV files `atlas import` reads
        /// (meta.json, schools.csv, townships.csv …) into this folder
        #[arg(long, value_name = "DIR", conflicts_with = "output")]
        import_files: Option<PathBuf>,
    },
}

/// How a command ended when it could run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Done; warnings may have been printed.
    Done,
    /// Validation errors, or publication refused: exit code 1.
    Refused,
}

/// A usage or I/O problem that stopped the command: exit code 2. The message names the file or
/// folder it is about (there is deliberately no conversion from a bare `std::io::Error`, whose
/// text says "No such file or directory" without saying which).
#[derive(Debug)]
pub struct Fatal(pub String);

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with code 2; --help and --version exit 0.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate { files, json } => cmd_validate::run(&files, json),
        Command::Import { meta, schools, townships, population, reported, survey, output, files } => {
            cmd_import::run(&cmd_import::Paths {
                meta,
                schools,
                townships,
                population,
                reported,
                survey,
                files,
                output,
            })
        }
        Command::Publish { data_dir, date, note, sign } => {
            cmd_publish::run(&data_dir, date, note, sign.as_deref())
        }
        Command::Keygen { secret, public, no_password, force } => {
            cmd_keygen::run(&secret, &public, no_password, force)
        }
        Command::Verify { data_dir, key } => cmd_verify::run(&data_dir, key.as_deref()),
        Command::Export { snapshot, output, import_files } => {
            cmd_export::run(&snapshot, output.as_deref(), import_files.as_deref())
        }
    };
    match result {
        Ok(Verdict::Done) => ExitCode::SUCCESS,
        Ok(Verdict::Refused) => ExitCode::from(1),
        Err(Fatal(message)) => {
            output::eprint(&format!("atlas: 错误 error: {message}\n"));
            ExitCode::from(2)
        }
    }
}
