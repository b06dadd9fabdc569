//! The NITF 3.x reader (bare, namespaced, or inside NewsML-G2).

use super::{ReadOptions, Reading};
use crate::diag::Error;

pub(super) fn read(_bytes: &[u8], _options: &ReadOptions) -> Result<Reading, Error> {
    Err(Error::new("the NITF reader is not built yet"))
}
