//! `atlas import`: build a snapshot from the bureau's CSV files and write it as JSON.

use crate::files::{read_limited, shown, write_atomically, ReadFailure};
use crate::output::{self, Counts};
use crate::{Fatal, Verdict};
use atlas_core::import::{import_snapshot, ImportFiles, InputFile};
use atlas_core::report::FileReport;
use std::path::{Path, PathBuf};

pub struct Paths {
    pub meta: PathBuf,
    pub schools: PathBuf,
    pub townships: PathBuf,
    pub population: Option<PathBuf>,
    pub reported: Option<PathBuf>,
    pub survey: Option<PathBuf>,
    pub output: PathBuf,
}

/// A file read for import: its name as printed and its bytes.
struct Loaded {
    name: String,
    bytes: Vec<u8>,
}

pub fn run(paths: &Paths) -> Result<Verdict, Fatal> {
    let mut refused: Vec<FileReport> = Vec::new();
    let mut load = |path: &Path| -> Result<Option<Loaded>, Fatal> {
        let name = shown(path);
        match read_limited(path, &name) {
            Ok(bytes) => Ok(Some(Loaded { name, bytes })),
            Err(ReadFailure::Refused(e)) => {
                refused.push(FileReport { file: name, issues: vec![e.issue] });
                Ok(None)
            }
            Err(ReadFailure::Io(message)) => Err(Fatal(message)),
        }
    };
    let meta = load(&paths.meta)?;
    let schools = load(&paths.schools)?;
    let townships = load(&paths.townships)?;
    let population = paths.population.as_deref().map(&mut load).transpose()?.flatten();
    let reported = paths.reported.as_deref().map(&mut load).transpose()?.flatten();
    let survey = paths.survey.as_deref().map(&mut load).transpose()?.flatten();
    if !refused.is_empty() {
        return Ok(report_refusal(&refused));
    }
    let (Some(meta), Some(schools), Some(townships)) = (meta, schools, townships) else {
        return Ok(report_refusal(&refused));
    };

    let files = ImportFiles {
        meta: input(&meta),
        schools: input(&schools),
        townships: input(&townships),
        population: population.as_ref().map(input),
        reported: reported.as_ref().map(input),
        survey: survey.as_ref().map(input),
    };
    let output_name = shown(&paths.output);
    let imported = match import_snapshot(&files, &output_name) {
        Ok(imported) => imported,
        Err(reports) => return Ok(report_refusal(&reports)),
    };
    let json = atlas_core::to_published_json(&imported.snapshot).map_err(|e| Fatal(e.to_string()))?;
    write_atomically(&paths.output, json.as_bytes())?;

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

fn input(f: &Loaded) -> InputFile<'_> {
    InputFile { name: &f.name, bytes: &f.bytes }
}

fn report_refusal(reports: &[FileReport]) -> Verdict {
    let mut text = output::reports_text(reports);
    text.push_str(&output::summary_line(Counts::of(reports)));
    text.push_str("未写入快照 no snapshot written\n");
    output::eprint(&text);
    Verdict::Refused
}
