//! `galley batch`: whole archives from scripts — parallel, resumable, shardable,
//! and never stopped by one broken article.
//!
//! Two phases: every article to its own outputs (tree, pdf), then, for
//! `--to epub`, one book per series. Only each article's metadata is kept
//! between the phases; a book's articles are read again (with their images)
//! when the book is made, so memory holds one book per worker, not the archive.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;

use galley::backend::Document;
use galley::diag::{Error, Warning};
use galley::epub::EpubOptions;
use galley::model::{Article, Series};
use galley::read::{self, ReadOptions, Reading};
use galley::style::Hole;

use super::args::{BatchArgs, Target};
use super::collect::collect;
use super::exit;
use super::input::{backend_warnings, display_name, load, reader_warnings, Loaded};
use super::manifest::{self, Manifest};
use super::media::load_media;
use super::output::{remove_stale_partials, write_atomically, TempFiles};
use super::report::{BookEntry, ErrorEntry, InputEntry, Report, Status};

/// The page style when neither the command line nor a manifest names one.
const DEFAULT_STYLE: &str = "tabloid";

/// One article to convert, and the options that apply to it.
#[derive(Debug, Clone)]
struct Job {
    /// The article file.
    path: PathBuf,
    /// The folder given it was found in: it must not lead out of it.
    root: Option<PathBuf>,
    /// Where its outputs go, relative to the output folder, without extension.
    stem: PathBuf,
    /// Its page style (a built-in name or a file).
    style: String,
    /// Where its images are looked for instead of its folder.
    media_root: Option<PathBuf>,
    /// Series fields from a manifest that replace the markup's.
    series: Option<Series>,
    /// Its news hole, from a manifest or `--hole` (else its style's).
    hole: Option<Hole>,
}

impl Job {
    /// What, besides the input's bytes and images, shapes its outputs: for
    /// `--resume`. `style` is the proofer's identity (the style file's and its
    /// fonts' bytes, `SOURCE_DATE_EPOCH`), when proofs are made.
    fn fingerprint(&self, read: &ReadOptions, style: Option<&str>) -> String {
        let mut print = format!(
            "{}\0{style:?}\0{:?}\0{:?}\0{read:?}",
            self.style, self.media_root, self.series
        );
        if let Some(hole) = self.hole {
            print.push_str(&format!("\0hole {hole}"));
        }
        print
    }
}

/// The whole batch (every shard's share), and the formats to make.
struct Plan {
    jobs: Vec<Job>,
    targets: Vec<Target>,
    /// Inputs (or files and folders below them) that cannot be converted,
    /// failed as they are; the rest of the batch goes on.
    failures: Vec<InputEntry>,
}

/// A book to make: its file name (without `.epub`) and its articles, as indices
/// into the plan's jobs, in reading order.
struct BookJob {
    name: String,
    members: Vec<usize>,
}

pub fn run(args: &BatchArgs) -> u8 {
    let started = Instant::now();
    let Plan {
        jobs,
        targets,
        failures,
    } = match plan(args) {
        Ok(plan) => plan,
        Err(message) => {
            eprintln!("galley: error: {message}");
            return exit::USAGE;
        }
    };
    // One proofer per style named, each loaded once; a bad style is a usage error.
    let mut proofers = BTreeMap::new();
    if targets.contains(&Target::Pdf) {
        for job in &jobs {
            if proofers.contains_key(&job.style) {
                continue;
            }
            match super::pdf::Proofer::new(&job.style, None, None)
                .and_then(|p| p.with_standards(&args.standard))
            {
                Ok(p) => proofers.insert(job.style.clone(), p),
                Err(message) => {
                    eprintln!("galley: error: {message}");
                    return exit::USAGE;
                }
            };
        }
        // A hole that does not fit its style is a usage error, found before
        // any work.
        for job in &jobs {
            let (Some(hole), Some(proofer)) = (&job.hole, proofers.get(&job.style)) else {
                continue;
            };
            if let Err(message) = proofer.check_hole(hole) {
                eprintln!("galley: error: {}: {message}", job.path.display());
                return exit::USAGE;
            }
        }
    }
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
    // The entries so far, so that an interrupt still writes the report (marked so).
    let so_far: Arc<Mutex<Vec<InputEntry>>> = Arc::new(Mutex::new(failures.clone()));
    if let Some(path) = args.report.clone() {
        let so_far = Arc::clone(&so_far);
        temp_files.on_interrupt(move || {
            let entries = so_far.lock().map(|e| e.clone()).unwrap_or_default();
            let report = Report::new(
                "batch",
                entries,
                Vec::new(),
                started.elapsed().as_secs_f64(),
                true,
            );
            if let Err(message) = write_atomically(&path, report.to_json().as_bytes()) {
                eprintln!("galley: error: {message}");
            }
        });
    }
    let state = super::resume::State::open(&args.output, args.resume);
    let workers = args.jobs.unwrap_or_else(default_jobs).max(1);
    let read_options = args.read.options();
    let want_books = targets.contains(&Target::Epub);
    let epub_options = want_books.then(super::epub::book_options);
    let page_starts = std::sync::Mutex::new(BTreeMap::new());
    let context = Context {
        args,
        jobs: &jobs,
        targets: &targets,
        read_options: &read_options,
        temp_files: &temp_files,
        state: &state,
        proofers: &proofers,
        page_starts: &page_starts,
        epub_options: epub_options.as_ref(),
    };

    // A shard needs every article's series to know its share (and, for books,
    // every book's name, so names do not depend on the shard).
    let mut catalogue: Vec<Option<Document>> = Vec::new();
    let mine: Vec<usize> = match args.shard {
        Some(shard) => {
            let all: Vec<usize> = (0..jobs.len()).collect();
            catalogue = parallel(&all, workers, &temp_files, |&i| {
                survey(&jobs[i], &read_options)
            })
            .into_iter()
            .map(Option::flatten)
            .collect();
            all.into_iter()
                .filter(|&i| shard.takes(&shard_key(&jobs[i], catalogue[i].as_ref())))
                .collect()
        }
        None => (0..jobs.len()).collect(),
    };

    let progress = super::progress::Progress::new(mine.len() as u64, args.quiet);
    let (sender, receiver) = mpsc::channel::<(usize, InputEntry, Option<Document>)>();
    let mut entries: Vec<Option<InputEntry>> = vec![None; jobs.len()];
    let mut skeletons: Vec<Option<Document>> = vec![None; jobs.len()];
    std::thread::scope(|scope| {
        let (mine, context) = (&mine, &context);
        scope.spawn(move || {
            parallel(mine, workers, context.temp_files, |&i| {
                let (entry, skeleton) = convert(&context.jobs[i], context);
                // Sent as it finishes, so the bar moves; the result list is not used.
                let _ = sender.send((i, entry, skeleton));
            });
        });
        for (i, entry, skeleton) in receiver {
            progress.advance(&entry);
            if let Ok(mut so_far) = so_far.lock() {
                so_far.push(entry.clone());
            }
            entries[i] = Some(entry);
            skeletons[i] = skeleton;
        }
    });

    let mut book_entries = Vec::new();
    let mut catalogue_failed = false;
    if want_books && !temp_files.interrupted() {
        if args.shard.is_none() {
            catalogue = skeletons;
        }
        let books = plan_books(&jobs, catalogue, &mine);
        progress.add(books.len() as u64);
        let (sender, receiver) = mpsc::channel::<(usize, BookEntry)>();
        let mut slots: Vec<Option<BookEntry>> = vec![None; books.len()];
        let indices: Vec<usize> = (0..books.len()).collect();
        std::thread::scope(|scope| {
            let (books, indices, context) = (&books, &indices, &context);
            scope.spawn(move || {
                parallel(indices, workers, context.temp_files, |&b| {
                    let _ = sender.send((b, make_book(&books[b], context)));
                });
            });
            for (b, entry) in receiver {
                progress.advance_book(&entry);
                slots[b] = Some(entry);
            }
        });
        book_entries = slots.into_iter().flatten().collect();
        let listed: Vec<galley::epub::catalogue::FeedBook> = book_entries
            .iter()
            .filter_map(|b: &BookEntry| b.catalogued.clone())
            .collect();
        if !temp_files.interrupted() {
            let name = catalogue_name(args.shard);
            let feed = galley::epub::catalogue::feed(&listed, &name);
            if let Err(message) =
                temp_files.write(&args.output, &args.output.join(&name), feed.as_bytes())
            {
                eprintln!("galley: error: {message}");
                catalogue_failed = true;
            }
        }
    }
    progress.finish();

    let interrupted = temp_files.interrupted();
    let mut entries: Vec<InputEntry> = entries.into_iter().flatten().collect();
    entries.extend(failures);
    let report = Report::new(
        "batch",
        entries,
        book_entries,
        started.elapsed().as_secs_f64(),
        interrupted,
    );
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
    if report.failed() || catalogue_failed {
        exit::FAILED
    } else {
        exit::OK
    }
}

struct Context<'a> {
    args: &'a BatchArgs,
    jobs: &'a [Job],
    targets: &'a [Target],
    read_options: &'a ReadOptions,
    temp_files: &'a TempFiles,
    state: &'a super::resume::State,
    /// A proofer per style, when one of the targets is a page proof.
    proofers: &'a BTreeMap<String, super::pdf::Proofer>,
    /// Set when one of the targets is a book.
    epub_options: Option<&'a EpubOptions>,
    /// Where the pages of each article's proof begin, by article, for the
    /// books' page-lists (`--to pdf,epub`).
    page_starts: &'a std::sync::Mutex<BTreeMap<String, Vec<galley::epub::PageStart>>>,
}

/// Where the pages of a proof begin (from page 2 on), as the books' page-lists
/// take them: block and characters into it, from the proof's report.
fn proof_page_starts(made: &super::pdf::Made) -> Vec<galley::epub::PageStart> {
    made.report.page_starts.clone()
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` on every item with `workers` threads (never more than items);
/// results in item order, `None` for items not reached before an interrupt.
fn parallel<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    temp_files: &TempFiles,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let next = AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers.min(items.len()) {
            scope.spawn(|| loop {
                if temp_files.interrupted() {
                    break;
                }
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(index) else { break };
                let result = work(item);
                if let Ok(mut slot) = results[index].lock() {
                    *slot = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

/// Expands the inputs (folders, files, manifests) into the whole batch's jobs,
/// sorted by output path; the formats come from `--to`, else the manifests.
/// An input that is not there is a usage error; one that cannot be read (or a
/// file or folder below it) fails alone.
fn plan(args: &BatchArgs) -> Result<Plan, String> {
    let output = std::fs::canonicalize(&args.output).ok();
    let mut jobs = Vec::new();
    let mut failures = Vec::new();
    let mut manifest_targets: Option<(Vec<Target>, PathBuf)> = None;
    for input in &args.inputs {
        if let Some(out) = &output {
            refuse_output_over(out, &args.output, input)?;
        }
        if input.is_file() && manifest::is_manifest(input) {
            let manifest = manifest::load(input)?;
            if let Some(to) = &manifest.to {
                match &manifest_targets {
                    Some((other, file)) if other != to => {
                        return Err(format!(
                            "{} and {} ask for different `to` formats; give --to",
                            file.display(),
                            input.display()
                        ))
                    }
                    _ => manifest_targets = Some((to.clone(), input.clone())),
                }
            }
            listed_jobs(&manifest, args, output.as_deref(), &mut jobs, &mut failures)?;
            continue;
        }
        let (files, errors) = collect(std::slice::from_ref(input));
        take_errors(errors, &mut failures, None)?;
        for found in files {
            let relative = match found.path.strip_prefix(input) {
                Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
                _ => found
                    .path
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_default(),
            };
            jobs.push(Job {
                stem: relative.with_extension(""),
                path: found.path,
                root: found.root,
                style: args
                    .style
                    .clone()
                    .unwrap_or_else(|| DEFAULT_STYLE.to_string()),
                media_root: args.media_root.clone(),
                series: None,
                hole: args.hole,
            });
        }
    }
    // Outputs written inside an input folder are never read back as inputs.
    jobs.retain(|job| {
        !output
            .as_ref()
            .is_some_and(|out| std::fs::canonicalize(&job.path).is_ok_and(|f| f.starts_with(out)))
    });
    // A file reached twice (a folder and its subfolder, or two spellings of
    // one path, or a link beside the file) is converted once: the first.
    let mut seen = BTreeSet::new();
    jobs.retain(|job| match super::files::identity(&job.path) {
        Some(id) => seen.insert(id),
        None => true,
    });
    jobs.sort_by(|a, b| a.path.cmp(&b.path).then(a.stem.cmp(&b.stem)));
    jobs.dedup_by(|a, b| a.path == b.path);
    jobs.sort_by(|a, b| a.stem.cmp(&b.stem).then(a.path.cmp(&b.path)));
    for pair in jobs.windows(2) {
        if pair[0].stem == pair[1].stem {
            return Err(format!(
                "{} and {} would write the same outputs ({}); rename one",
                pair[0].path.display(),
                pair[1].path.display(),
                pair[0].stem.display()
            ));
        }
    }
    let roots: BTreeSet<&PathBuf> = jobs.iter().filter_map(|j| j.media_root.as_ref()).collect();
    for root in roots {
        if !root.is_dir() {
            return Err(format!(
                "{}: the media root is not a folder",
                root.display()
            ));
        }
    }
    let mut targets = match (&args.to, manifest_targets) {
        (Some(to), _) => to.clone(),
        (None, Some((to, _))) => to,
        (None, None) => vec![Target::Tree],
    };
    let mut seen = BTreeSet::new();
    targets.retain(|t| seen.insert(*t));
    if targets.is_empty() {
        return Err("no output format: give --to tree, pdf or epub".into());
    }
    Ok(Plan {
        jobs,
        targets,
        failures,
    })
}

/// An output folder that is an input folder, or holds one, is refused: its
/// outputs would be taken for inputs (one inside an input is left out of it).
fn refuse_output_over(out: &Path, given: &Path, input: &Path) -> Result<(), String> {
    let Ok(real) = std::fs::canonicalize(input) else {
        return Ok(());
    };
    if real.is_dir() && real.starts_with(out) {
        return Err(format!(
            "{}: the output folder is, or holds, the input folder {}; give an output folder outside it",
            given.display(),
            input.display()
        ));
    }
    Ok(())
}

/// Inputs that cannot be listed become failed entries; one that is not there
/// at all is a usage error. `listed_in` names the manifest that listed it.
fn take_errors(
    errors: Vec<super::collect::Unreadable>,
    failures: &mut Vec<InputEntry>,
    listed_in: Option<&Path>,
) -> Result<(), String> {
    for error in errors {
        if error.missing {
            return Err(match listed_in {
                Some(manifest) => format!("{error} (listed in {})", manifest.display()),
                None => error.to_string(),
            });
        }
        eprintln!("galley: error: {error}");
        failures.push(InputEntry::unreadable(&error));
    }
    Ok(())
}

/// The jobs a manifest lists. A listed file that does not exist stays a job:
/// it fails as an input, and the rest of the batch goes on.
fn listed_jobs(
    manifest: &Manifest,
    args: &BatchArgs,
    output: Option<&Path>,
    jobs: &mut Vec<Job>,
    failures: &mut Vec<InputEntry>,
) -> Result<(), String> {
    let media_root = args
        .media_root
        .clone()
        .or_else(|| manifest.media_root.clone());
    for entry in &manifest.entries {
        let style = entry
            .style
            .clone()
            .or_else(|| args.style.clone())
            .or_else(|| manifest.style.clone())
            .unwrap_or_else(|| DEFAULT_STYLE.to_string());
        let hole = entry.hole.or(args.hole).or(manifest.hole);
        let job = |path: PathBuf, root: Option<PathBuf>, stem: PathBuf| Job {
            path,
            root,
            stem,
            style: style.clone(),
            media_root: media_root.clone(),
            series: entry.series.clone(),
            hole,
        };
        if entry.path.is_dir() {
            if let Some(out) = output {
                refuse_output_over(out, &args.output, &entry.path)?;
            }
            let (files, errors) = collect(std::slice::from_ref(&entry.path));
            take_errors(errors, failures, Some(&manifest.file))?;
            for found in files {
                let rest = found.path.strip_prefix(&entry.path).unwrap_or(&found.path);
                let stem = entry.relative.join(rest).with_extension("");
                jobs.push(job(found.path.clone(), found.root, stem));
            }
        } else {
            jobs.push(job(
                entry.path.clone(),
                None,
                entry.relative.with_extension(""),
            ));
        }
    }
    Ok(())
}

/// Reads a job's article, with the manifest's series fields put in.
fn read_job(job: &Job, options: &ReadOptions) -> Result<(Vec<u8>, Reading), Error> {
    let bytes = load(&job.path, job.root.as_deref())?;
    let mut reading = read::read(&bytes, options)?;
    apply_series(&mut reading.article, job.series.as_ref());
    Ok((bytes, reading))
}

/// The fields a manifest gives replace the markup's; the others are kept.
fn apply_series(article: &mut Article, series: Option<&Series>) {
    let Some(series) = series else { return };
    let old = article.meta.series.take().unwrap_or_default();
    article.meta.series = Some(Series {
        name: series.name.clone(),
        part: series.part.or(old.part),
        total: series.total.or(old.total),
    });
}

/// The article's metadata only, as a document to group into books (no body,
/// no media); `None` when it cannot be read.
fn survey(job: &Job, options: &ReadOptions) -> Option<Document> {
    read_job(job, options)
        .ok()
        .map(|(_, reading)| skeleton(job, &reading.article))
}

fn skeleton(job: &Job, article: &Article) -> Document {
    let mut meta_only = Article::new();
    meta_only.meta = article.meta.clone();
    Document::new(meta_only, display_name(&job.path))
}

/// The group an article is sharded by: its series (as books group them), so a
/// series stays on one machine; an article without one (or one that cannot be
/// read) goes by its path.
fn shard_key(job: &Job, skeleton: Option<&Document>) -> String {
    match skeleton.and_then(|d| galley::epub::series::series_key(&d.article.meta)) {
        Some(key) => format!("series:{key}"),
        None => format!("file:{}", job.stem.display()),
    }
}

/// The books of the whole batch, named as `galley epub --by-series` names
/// them, then only those whose articles are in this run's share.
fn plan_books(jobs: &[Job], catalogue: Vec<Option<Document>>, mine: &[usize]) -> Vec<BookJob> {
    let index: BTreeMap<String, usize> = jobs
        .iter()
        .enumerate()
        .map(|(i, job)| (display_name(&job.path), i))
        .collect();
    let mine: BTreeSet<usize> = mine.iter().copied().collect();
    super::epub::by_series(catalogue.into_iter().flatten().collect())
        .into_iter()
        .filter_map(|(name, docs)| {
            let members: Vec<usize> = docs
                .iter()
                .filter_map(|d| index.get(&d.origin).copied())
                .collect();
            // A series is never split between shares, so its first article decides.
            members
                .first()
                .is_some_and(|i| mine.contains(i))
                .then_some(BookJob { name, members })
        })
        .collect()
}

/// Converts one article to every per-article target; never panics the batch.
/// Also returns the article's metadata, for grouping into books.
fn convert(job: &Job, context: &Context<'_>) -> (InputEntry, Option<Document>) {
    let started = Instant::now();
    let name = display_name(&job.path);
    let mut entry = InputEntry::new(&name);
    let (bytes, reading) = match read_job(job, context.read_options) {
        Ok(ok) => ok,
        Err(e) => {
            entry.fail(ErrorEntry::from_error(&name, &e));
            entry.seconds = started.elapsed().as_secs_f64();
            return (entry, None);
        }
    };
    entry.add(reader_warnings(&name, &reading));
    let proofer = context.proofers.get(&job.style);
    let fingerprint = job.fingerprint(context.read_options, proofer.map(|p| p.identity.as_str()));
    for &target in context.targets {
        if target == Target::Epub {
            continue;
        }
        let out_path = context
            .args
            .output
            .join(&job.stem)
            .with_extension(target.extension());
        // A proof's images are loaded first, so that a changed photo changes the key.
        let mut article = reading.article.clone();
        let media = (target == Target::Pdf)
            .then(|| load_media(&job.path, &mut article, job.media_root.as_deref()));
        let key = super::resume::key(&bytes, target, &fingerprint, media.as_ref());
        if let Some(record) = context.state.current(&out_path, &key) {
            entry.add(record.warnings.iter().cloned());
            if record.proof.is_some() {
                entry.proof = record.proof.clone();
            }
            entry.skipped.push(out_path.display().to_string());
            continue;
        }
        match render(target, job, article, media, context) {
            Ok((data, warnings, proof)) => {
                let warnings = backend_warnings(&name, &name, &warnings);
                entry.add(warnings.iter().cloned());
                let proof = proof.and_then(|p| serde_json::to_value(p).ok());
                if proof.is_some() {
                    entry.proof = proof.clone();
                }
                match context
                    .temp_files
                    .write(&context.args.output, &out_path, &data)
                {
                    Ok(()) => {
                        context
                            .state
                            .record(&out_path, &key, &warnings, proof.as_ref());
                        entry.outputs.push(out_path.display().to_string());
                    }
                    Err(message) => entry.fail(ErrorEntry::plain(&name, message)),
                }
            }
            Err(e) => entry.fail(ErrorEntry::from_error(&name, &e)),
        }
    }
    entry.seconds = started.elapsed().as_secs_f64();
    (entry, Some(skeleton(job, &reading.article)))
}

/// What rendering one article gave: the bytes, the backend's warnings and,
/// for a proof, its report.
type Rendered = (Vec<u8>, Vec<Warning>, Option<galley::pdf::ProofReport>);

/// One article to one per-article output format.
fn render(
    target: Target,
    job: &Job,
    article: Article,
    media: Option<super::media::Media>,
    context: &Context<'_>,
) -> Result<Rendered, Error> {
    match target {
        Target::Tree => {
            let mut json = galley::model::to_json(&article);
            json.push('\n');
            Ok((json.into_bytes(), Vec::new(), None))
        }
        Target::Pdf => {
            let proofer = context
                .proofers
                .get(&job.style)
                .ok_or_else(|| Error::new("no page style loaded for the pdf target"))?;
            let shown = super::pdf::shown_name(&job.path, job.root.as_deref());
            let made = proofer.make_with(&shown, article, media.unwrap_or_default(), job.hole)?;
            let starts = proof_page_starts(&made);
            if !starts.is_empty() {
                if let Ok(mut map) = context.page_starts.lock() {
                    map.insert(display_name(&job.path), starts);
                }
            }
            Ok((made.bytes, made.warnings, Some(made.report)))
        }
        Target::Epub => Err(Error::new("books are made per series, not per article")),
    }
}

/// Reads a book's articles again, with their images, and makes and writes the
/// book; a failure fails this book only.
fn make_book(book: &BookJob, context: &Context<'_>) -> BookEntry {
    let started = Instant::now();
    let out = context.args.output.join(format!("{}.epub", book.name));
    let out_name = out.display().to_string();
    let mut entry = BookEntry::new(&out_name, Vec::new());
    let mut docs = Vec::new();
    for &i in &book.members {
        let job = &context.jobs[i];
        let name = display_name(&job.path);
        entry.inputs.push(name.clone());
        match load_job_document(job, context.read_options) {
            Ok(loaded) => docs.push(loaded.document),
            Err(e) => {
                entry.status = Status::Failed;
                entry.error = Some(ErrorEntry::from_error(&name, &e));
            }
        }
    }
    let with_pages;
    let result = match (entry.error.is_none(), context.epub_options) {
        (true, Some(options)) => {
            // The proofs' page breaks of this book's articles, when this run made proofs.
            let options = match context.page_starts.lock() {
                Ok(map) if docs.iter().any(|d| map.contains_key(&d.origin)) => {
                    let mut own = options.clone();
                    own.page_starts = docs
                        .iter()
                        .filter_map(|d| Some((d.origin.clone(), map.get(&d.origin)?.clone())))
                        .collect();
                    with_pages = own;
                    &with_pages
                }
                _ => options,
            };
            let key = super::resume::book_key(&docs, &book_fingerprint(options));
            if let Some(record) = context.state.current(&out, &key) {
                for warning in &record.warnings {
                    entry.add_warning(warning.clone());
                }
                entry.skipped = true;
                describe_existing(&out, book, &mut entry);
                Ok(())
            } else {
                build_book(&docs, options, &out, &key, context, &mut entry)
            }
        }
        (true, None) => Err(ErrorEntry::plain(&out_name, "no book options".into())),
        (false, _) => Ok(()),
    };
    if let Err(error) = result {
        entry.status = Status::Failed;
        entry.error = Some(error);
    }
    entry.seconds = started.elapsed().as_secs_f64();
    entry
}

fn build_book(
    docs: &[Document],
    options: &EpubOptions,
    out: &Path,
    key: &str,
    context: &Context<'_>,
    entry: &mut BookEntry,
) -> Result<(), ErrorEntry> {
    let out_name = out.display().to_string();
    let galley::epub::Made { output, facts, .. } = galley::epub::build_described(docs, options)
        .map_err(|e| ErrorEntry::from_error(&out_name, &e))?;
    for warning in &output.warnings {
        entry.add_warning(super::epub::book_warning(&out_name, docs, warning));
    }
    context
        .temp_files
        .write(&context.args.output, out, &output.bytes)
        .map_err(|message| {
            // The entry names the book already.
            let reason = message
                .strip_prefix(&format!("{out_name}: "))
                .unwrap_or(&message);
            ErrorEntry::plain(&out_name, reason.to_string())
        })?;
    context.state.record(out, key, &entry.warnings, None);
    let sha256 = sha256_hex(&output.bytes);
    entry.identifier = Some(facts.identifier.clone());
    entry.sha256 = Some(sha256.clone());
    entry.catalogued = Some(galley::epub::catalogue::FeedBook {
        href: file_href(out),
        length: output.bytes.len() as u64,
        sha256,
        facts,
    });
    Ok(())
}

/// A book left as it was (`--resume`): its checksum and what its package
/// says, for the report and the catalogue.
fn describe_existing(out: &Path, book: &BookJob, entry: &mut BookEntry) {
    let Ok(bytes) = std::fs::read(out) else {
        return;
    };
    let sha256 = sha256_hex(&bytes);
    entry.sha256 = Some(sha256.clone());
    if let Some(facts) = galley::epub::catalogue::facts_of_book(&bytes) {
        entry.identifier = Some(facts.identifier.clone());
        entry.catalogued = Some(galley::epub::catalogue::FeedBook {
            href: file_href(out),
            length: bytes.len() as u64,
            sha256,
            facts,
        });
    }
    let _ = book;
}

/// The book's file name, as the catalogue beside it links to it.
fn file_href(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The name of the OPDS catalogue beside the books: one per share, so that
/// shares writing into one folder do not overwrite each other's.
fn catalogue_name(shard: Option<super::args::Shard>) -> String {
    match shard {
        Some(s) => format!("catalog-{}-of-{}.xml", s.index, s.count),
        None => "catalog.xml".to_string(),
    }
}

/// A book's article read and its images loaded, with the manifest's series.
fn load_job_document(job: &Job, options: &ReadOptions) -> Result<Loaded, Error> {
    let mut loaded = super::input::load_document(
        &job.path,
        job.root.as_deref(),
        options,
        job.media_root.as_deref(),
    )?;
    apply_series(&mut loaded.document.article, job.series.as_ref());
    Ok(loaded)
}

/// What, besides the articles, shapes a book: for `--resume`.
fn book_fingerprint(options: &EpubOptions) -> String {
    format!(
        "{:?}\0{:?}\0{:?}",
        options.modified, options.image_limits, options.page_starts
    )
}
