//! Any bytes through the nitf reader: a tree or an error, never a panic.
#![no_main]

use galley::read::{read, Format, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions {
        format: Some(Format::Nitf),
        ..ReadOptions::default()
    };
    let _ = read(data, &options);
});
