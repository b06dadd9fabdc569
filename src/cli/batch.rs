//! `galley batch`: whole archives from scripts — parallel, resumable, shardable,
//! and never stopped by one broken article.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use galley::diag::{Error, Warning};
use galley::model::Article;
use galley::read;

use super::args::{BatchArgs, Target};
use super::collect::collect;
use super::exit;
use super::input::{display_name, load};
use super::output::{remove_stale_partials, write_atomically, TempFiles};
use super::report::{ErrorEntry, InputEntry, Report, Status, WarningEntry};

/// One article to convert, and the options that apply to it.
#[derive(Debug, Clone)]
struct Job {
    /// The article file.
    path: PathBuf,
    /// Where its outputs go, relative to the output folder, without extension.
    stem: PathBuf,
}

pub fn run(args: &BatchArgs) -> u8 {
    let started = Instant::now();
    let jobs = match plan(args) {
        Ok(jobs) => jobs,
        Err(message) => {
            eprintln!("galley: error: {message}");
            return exit::USAGE;
        }
    };
    let proofer = if args.to.contains(&Target::Pdf) {
        match super::pdf::Proofer::new(&args.style, None) {
            Ok(p) => Some(p),
            Err(message) => {
                eprintln!("galley: error: {message}");
                return exit::USAGE;
            }
        }
    } else {
        None
    };
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        eprintln!(
            "galley: error: {}: cannot create the output folder: {}",
            args.output.display(),
            super::input::io_reason(&e)
        );
        return exit::FAILED;
    }
    remove_stale_partials(&args.output);
    let temp_files = TempFiles::install_interrupt_handler();
    let state = super::resume::State::open(&args.output, args.resume);
    let workers = args
        .jobs
        .unwrap_or_else(default_jobs)
        .max(1)
        .min(jobs.len().max(1));
    let progress = super::progress::Progress::new(jobs.len() as u64, args.quiet);

    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, InputEntry)>();
    let context = Context {
        args,
        temp_files: &temp_files,
        state: &state,
        proofer: proofer.as_ref(),
    };
    let mut entries: Vec<Option<InputEntry>> = vec![None; jobs.len()];
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (jobs, next, context) = (&jobs, &next, &context);
            scope.spawn(move || loop {
                if context.temp_files.interrupted() {
                    break;
                }
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(index) else { break };
                let entry = convert(job, context);
                if sender.send((index, entry)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        for (index, entry) in receiver {
            progress.advance(&entry);
            entries[index] = Some(entry);
        }
    });
    progress.finish();
    let interrupted = temp_files.interrupted();
    let entries: Vec<InputEntry> = entries.into_iter().flatten().collect();
    let report = Report::new(entries, started.elapsed().as_secs_f64(), interrupted);
    if !args.quiet {
        eprintln!("{}", report.summary());
    }
    if let Some(path) = &args.report {
        if let Err(message) = write_atomically(path, report.to_json().as_bytes()) {
            eprintln!("galley: error: {message}");
            return exit::FAILED;
        }
    }
    if interrupted {
        return exit::INTERRUPTED;
    }
    if report.totals.failed > 0 {
        exit::FAILED
    } else {
        exit::OK
    }
}

struct Context<'a> {
    args: &'a BatchArgs,
    temp_files: &'a TempFiles,
    state: &'a super::resume::State,
    /// Set when one of the targets is a page proof.
    proofer: Option<&'a super::pdf::Proofer>,
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Expands the inputs into jobs, sorted, then keeps this shard's share.
fn plan(args: &BatchArgs) -> Result<Vec<Job>, String> {
    let output = std::fs::canonicalize(&args.output).ok();
    let mut jobs = Vec::new();
    for input in &args.inputs {
        let (files, errors) = collect(std::slice::from_ref(input));
        if let Some(error) = errors.into_iter().next() {
            return Err(error);
        }
        for file in files {
            // Outputs written inside an input folder are never read back as inputs.
            let inside_output = output
                .as_ref()
                .is_some_and(|out| std::fs::canonicalize(&file).is_ok_and(|f| f.starts_with(out)));
            if inside_output {
                continue;
            }
            let relative = match file.strip_prefix(input) {
                Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
                _ => file.file_name().map(PathBuf::from).unwrap_or_default(),
            };
            jobs.push(Job {
                stem: relative.with_extension(""),
                path: file,
            });
        }
    }
    jobs.sort_by(|a, b| a.stem.cmp(&b.stem).then(a.path.cmp(&b.path)));
    let mut seen = BTreeMap::new();
    for job in &jobs {
        if let Some(other) = seen.insert(job.stem.clone(), job.path.clone()) {
            return Err(format!(
                "{} and {} would write the same outputs ({}); rename one",
                other.display(),
                job.path.display(),
                job.stem.display()
            ));
        }
    }
    if let Some(shard) = args.shard {
        let options = args.read.options();
        jobs.retain(|job| shard.takes(&shard_key(job, &options)));
    }
    Ok(jobs)
}

/// The group an article is sharded by: its series, so a series stays on one
/// machine; an article without one (or one that cannot be read) goes by its path.
fn shard_key(job: &Job, options: &read::ReadOptions) -> String {
    let series = load(&job.path)
        .and_then(|bytes| read::read(&bytes, options))
        .ok()
        .and_then(|reading| reading.article.meta.series)
        .map(|series| series.name.trim().to_lowercase());
    match series {
        Some(name) if !name.is_empty() => format!("series:{name}"),
        _ => format!("file:{}", job.stem.display()),
    }
}

/// Converts one article to every target; never panics the batch.
fn convert(job: &Job, context: &Context<'_>) -> InputEntry {
    let started = Instant::now();
    let name = display_name(&job.path);
    let mut entry = InputEntry::new(&name);
    let outcome = load(&job.path).and_then(|bytes| {
        let reading = read::read(&bytes, &context.args.read.options())?;
        Ok((bytes, reading))
    });
    let (bytes, reading) = match outcome {
        Ok(ok) => ok,
        Err(e) => {
            entry.fail(ErrorEntry::from_error(&name, &e));
            entry.seconds = started.elapsed().as_secs_f64();
            return entry;
        }
    };
    entry.add_warnings(&reading.warnings);
    for target in &context.args.to {
        let out_path = context
            .args
            .output
            .join(&job.stem)
            .with_extension(target.extension());
        let key = super::resume::key(&bytes, *target, &context.args.style);
        if context.state.is_current(&out_path, &key) {
            entry.skipped.push(out_path.display().to_string());
            continue;
        }
        match render(*target, &job.path, &reading.article, context.proofer) {
            Ok((data, warnings)) => {
                entry.add_warnings(&warnings);
                if let Some(parent) = out_path.parent() {
                    let _ = std::fs::create_dir_all(parent);
                }
                match context.temp_files.write(&out_path, &data) {
                    Ok(()) => {
                        context.state.record(&out_path, &key);
                        entry.outputs.push(out_path.display().to_string());
                    }
                    Err(message) => entry.fail(ErrorEntry::plain(&name, message)),
                }
            }
            Err(e) => entry.fail(ErrorEntry::from_error(&name, &e)),
        }
    }
    entry.seconds = started.elapsed().as_secs_f64();
    entry
}

/// One article to one output format.
fn render(
    target: Target,
    path: &Path,
    article: &Article,
    proofer: Option<&super::pdf::Proofer>,
) -> Result<(Vec<u8>, Vec<Warning>), Error> {
    match target {
        Target::Tree => {
            let mut json = galley::model::to_json(article);
            json.push('\n');
            Ok((json.into_bytes(), Vec::new()))
        }
        Target::Pdf => {
            let proofer =
                proofer.ok_or_else(|| Error::new("no page style loaded for the pdf target"))?;
            let made = proofer.make(path, article.clone(), None)?;
            Ok((made.bytes, made.warnings))
        }
    }
}

/// Marks an error entry's status; kept here so `convert` reads top to bottom.
impl InputEntry {
    fn fail(&mut self, error: ErrorEntry) {
        self.status = Status::Failed;
        self.error.get_or_insert(error);
    }

    fn add_warnings(&mut self, warnings: &[Warning]) {
        if !warnings.is_empty() && self.status == Status::Ok {
            self.status = Status::Warning;
        }
        self.warnings
            .extend(warnings.iter().map(WarningEntry::from_warning));
    }
}
