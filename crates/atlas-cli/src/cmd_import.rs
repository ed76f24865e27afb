//! `atlas import`: build a snapshot from the bureau's files (CSV or workbooks) and write it as JSON.

use crate::files::{read_input, read_limited, shown, write_atomically, ReadFailure};
use crate::output::{self, Counts};
use crate::{Fatal, Verdict};
use atlas_core::import::{import_sources, ImportSource, InputFile, MetaSource, Role};
use atlas_core::report::FileReport;
use std::path::{Path, PathBuf};

pub struct Paths {
    pub meta: PathBuf,
    pub schools: Option<PathBuf>,
    pub townships: Option<PathBuf>,
    pub population: Option<PathBuf>,
    pub reported: Option<PathBuf>,
    pub survey: Option<PathBuf>,
    /// Files whose tables say themselves what they hold (a workbook with several sheets).
    pub files: Vec<PathBuf>,
    pub output: PathBuf,
}

/// A file read for import: its name as printed, its bytes and what the person said it holds.
struct Loaded {
    name: String,
    bytes: Vec<u8>,
    role: Option<Role>,
}

pub fn run(paths: &Paths) -> Result<Verdict, Fatal> {
    let mut refused: Vec<FileReport> = Vec::new();
    let mut load = |path: &Path, role: Option<Role>, meta: bool| -> Result<Option<Loaded>, Fatal> {
        let name = shown(path);
        let read = if meta { read_limited(path, &name) } else { read_input(path, &name) };
        match read {
            Ok(bytes) => Ok(Some(Loaded { name, bytes, role })),
            Err(ReadFailure::Refused(e)) => {
                refused.push(FileReport { file: name, issues: vec![e.issue] });
                Ok(None)
            }
            Err(ReadFailure::Io(message)) => Err(Fatal(message)),
        }
    };
    let meta = load(&paths.meta, None, true)?;
    let mut inputs: Vec<Loaded> = Vec::new();
    let named = [
        (&paths.schools, Role::Schools),
        (&paths.townships, Role::Townships),
        (&paths.population, Role::Population),
        (&paths.reported, Role::Reported),
        (&paths.survey, Role::Survey),
    ];
    for (path, role) in named {
        if let Some(path) = path {
            inputs.extend(load(path, Some(role), false)?);
        }
    }
    for path in &paths.files {
        inputs.extend(load(path, None, false)?);
    }
    if inputs.is_empty() {
        return Err(Fatal(
            "没有要导入的文件：请给出工作簿或 CSV 文件（或 --schools、--townships）/ no files to import: give the workbook or CSV files (or --schools and --townships)".into(),
        ));
    }
    let Some(meta) = meta.filter(|_| refused.is_empty()) else {
        return Ok(report_refusal(&refused));
    };

    let sources: Vec<ImportSource> = inputs
        .iter()
        .map(|f| ImportSource { input: InputFile { name: &f.name, bytes: &f.bytes }, role: f.role })
        .collect();
    let output_name = shown(&paths.output);
    let meta_input = MetaSource::File(InputFile { name: &meta.name, bytes: &meta.bytes });
    let imported = match import_sources(meta_input, &sources, &output_name) {
        Ok(imported) => imported,
        Err(reports) => return Ok(report_refusal(&reports)),
    };
    write_atomically(&paths.output, imported.json.as_bytes())?;

    let mut text = output::reports_text(&imported.warnings);
    let snapshot = &imported.snapshot;
    text.push_str(&format!(
        "已写入 wrote {output_name}: {} {}，{} 个乡镇 townships，{} 所学校 schools，{} 个上报指标 reported values\n",
        snapshot.meta.county_name,
        snapshot.meta.school_year.label_zh(),
        snapshot.townships.len(),
        snapshot.schools.len(),
        snapshot.reported.len(),
    ));
    output::eprint(&text);
    Ok(Verdict::Done)
}

fn report_refusal(reports: &[FileReport]) -> Verdict {
    let mut text = output::reports_text(reports);
    text.push_str(&output::summary_line(Counts::of(reports)));
    text.push_str("未写入快照 no snapshot written\n");
    output::eprint(&text);
    Verdict::Refused
}
