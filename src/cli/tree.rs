//! `galley tree`: one article in, its document tree out as JSON.

use std::path::Path;

use super::args::TreeArgs;
use super::exit;
use super::input::read_article;
use super::output::write_atomically;

pub fn run(args: &TreeArgs) -> u8 {
    let input = super::collect::Found {
        path: args.input.clone(),
        root: None,
    };
    let Ok(reading) = read_article(&input, &args.read, args.explain) else {
        return exit::FAILED;
    };
    let mut json = galley::model::to_json(&reading.article);
    json.push('\n');
    let out = args.output.as_deref().unwrap_or(Path::new("-"));
    match write_atomically(out, json.as_bytes()) {
        Ok(()) => exit::OK,
        Err(message) => {
            eprintln!("galley: error: {message}");
            exit::FAILED
        }
    }
}
