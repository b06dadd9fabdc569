//! Helpers for the tests: the product's text engine ([`engine`]), runners
//! for poppler and qpdf, and a seeded random source for property tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// The product's text engine with the built-in fonts.
pub fn engine() -> galley::pdf::Engine {
    galley::pdf::Engine::builtin()
}

/// Runs a poppler or qpdf tool on a file; fails clearly when it is missing.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("`{name}` is needed for this test (apt-get install poppler-utils qpdf): {e}")
    });
    assert!(
        out.status.success() || name == "qpdf",
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// Writes bytes to a fresh file under the target directory and returns its path.
pub fn write_temp(name: &str, bytes: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}
