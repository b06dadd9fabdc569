//! The web/wire text reader: article text as scraped from a news site.

use super::{ReadOptions, Reading};
use crate::diag::Error;

pub(super) fn read(_bytes: &[u8], _options: &ReadOptions) -> Result<Reading, Error> {
    Err(Error::new("the wire text reader is not built yet"))
}
