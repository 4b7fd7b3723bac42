//! CSV output: a header of column names, then one record per row.

use super::{cell, cell_text};
use crate::table::Table;
use std::io::{self, Write};

/// Writes a table as CSV (quoting as needed). Null is an empty field; see the module docs
/// of [`crate::output`] for the text of each type.
pub fn write_csv(t: &Table, w: &mut dyn Write) -> io::Result<()> {
    let mut wtr = ::csv::WriterBuilder::new()
        .buffer_capacity(1 << 16)
        .from_writer(w);
    let to_io = |e: ::csv::Error| match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    };
    wtr.write_record(t.fields().iter().map(|f| f.name.as_str()))
        .map_err(to_io)?;
    for r in 0..t.num_rows() {
        for c in t.columns() {
            let text = cell_text(cell(c, r));
            wtr.write_field(text.as_deref().unwrap_or(""))
                .map_err(to_io)?;
        }
        wtr.write_record(None::<&[u8]>).map_err(to_io)?;
    }
    wtr.flush()
}
