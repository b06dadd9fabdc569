//! Any text through the style parser: a style or an error, never a panic.
#![no_main]

use galley::style::Style;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = Style::from_toml(text, "fuzz.toml");
});
