//! What the whole-process benchmarks share: a median timer, a runner for the
//! built `galley` binary, and JPEG encoding for invented photos.
#![allow(dead_code)]

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use image::{DynamicImage, ImageFormat, RgbImage};

/// Runs of each measurement; the median is reported.
pub const ROUNDS: usize = 11;

/// The median time of `ROUNDS` runs, after one run not counted (the
/// first after the inputs are written pays for the page cache and memory
/// the build left behind).
pub fn time(mut run: impl FnMut()) -> Duration {
    run();
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[ROUNDS / 2]
}

/// Runs `galley` in `dir`; a failure ends the benchmark.
pub fn galley(args: &[&str], dir: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .current_dir(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("galley runs");
    assert!(status.success(), "galley {args:?} failed");
}

/// An image as JPEG bytes.
pub fn jpeg(image: RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
        .expect("the photo encodes");
    out
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs one batch; returns wall time and the child's peak resident memory in KiB.
pub fn batch(archive: &Path, out: &Path, jobs: usize, to: &str) -> (Duration, u64) {
    let _ = std::fs::remove_dir_all(out);
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
        .arg("batch")
        .arg(archive)
        .arg("-o")
        .arg(out)
        .args(["--to", to, "--jobs", &jobs.to_string(), "--quiet"])
        .spawn()
        .expect("galley runs");
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak = 0;
    loop {
        // VmHWM is the peak so far; the last reading before exit is the run's peak.
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            if let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kib);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.success() || status.code() == Some(1),
                "galley failed: {status}"
            );
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (started.elapsed(), peak)
}
