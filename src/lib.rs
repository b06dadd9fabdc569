//! galley: news articles to print page proofs and EPUB series collections.
//!
//! The pipeline: a reader ([`read`]) turns article markup (NITF, web/wire text,
//! or the tree JSON) into one [`model::Article`]; backends lay that tree out;
//! the `galley` command line sits thinly on top.
//!
//! ```
//! let input = br#"{"version": 1, "meta": {"headline": "Ferry resumes service"}}"#;
//! let reading = galley::read::read(input, &galley::read::ReadOptions::default()).unwrap();
//! assert_eq!(reading.article.meta.headline, "Ferry resumes service");
//! ```

pub mod backend;
pub mod dates;
pub mod diag;
pub mod epub;
pub mod locale;
pub mod model;
pub mod pdf;
pub mod read;
pub mod style;
pub mod typeset;
