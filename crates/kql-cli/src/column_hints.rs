//! Which columns of each data file a query reads, found by binding the query against a
//! sample of each file, so that `kql run` can skip the rest while loading.

use crate::args::TableSpec;
use kql::io::{load_table_from_bytes, DataFormat, LoadOptions};
use kql::{Engine, Schema};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

/// Bytes read from the start of each file to learn its columns.
const SAMPLE_BYTES: u64 = 1 << 20;

/// Per table, the columns `query` reads; `None` (load everything) when a file cannot be
/// sampled, the query does not bind against the samples, or it reads columns it does not
/// name.
pub fn needed_columns(
    query: &str,
    specs: &[TableSpec],
    schemas: &BTreeMap<String, Schema>,
) -> Option<HashMap<String, HashSet<String>>> {
    let mut engine = Engine::new();
    for spec in specs {
        let format = DataFormat::from_path(&spec.path)?;
        let sample = read_sample(&spec.path, format)?;
        let options = LoadOptions {
            schema: schemas.get(&spec.name).cloned(),
            format: Some(format),
            columns: None,
        };
        let table = load_table_from_bytes(&sample, format, &options, "sample").ok()?;
        engine.add_table(spec.name.clone(), table);
    }
    engine.referenced_columns(query)
}

/// The first [`SAMPLE_BYTES`] of a line-based file, cut at the last line break; the whole
/// file for JSON arrays (they cannot be cut), which are small in practice.
fn read_sample(path: &std::path::Path, format: DataFormat) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    if format == DataFormat::JsonArray {
        return None;
    }
    file.take(SAMPLE_BYTES).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 == SAMPLE_BYTES {
        let end = bytes.iter().rposition(|b| *b == b'\n')?;
        bytes.truncate(end + 1);
    }
    Some(bytes)
}
