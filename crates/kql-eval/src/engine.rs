//! [`Engine`]: tables, functions, the pinned clock and limits; runs and checks queries.

use crate::error::Error;
use crate::functions::scalar::geoip::{GeoIpError, GeoIpTable};
use crate::functions::FunctionRegistry;
use crate::limits::Limits;
use crate::table::{Schema, Table};
use indexmap::IndexMap;
use std::sync::Arc;

/// What `externaldata` reads when no table is mapped to any of its URLs
/// (q/externaldata-operator.md; a local run cannot fetch the URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnmappedExternalData {
    /// An error naming the URL and how to map it (the default).
    #[default]
    Error,
    /// An empty table of the declared columns: for runs over empty tables, which check
    /// that a query runs end to end without any data.
    Empty,
}

/// Runs KQL over in-memory tables.
///
/// ```
/// use kql_eval::{Engine, Field, Table, DataType, Value};
/// let mut engine = Engine::new();
/// engine.add_table(
///     "T",
///     Table::from_rows(vec![Field::new("x", DataType::Long)], &[vec![Value::Long(Some(1))]]),
/// );
/// let results = engine.run("T | where x > 0 | count").unwrap();
/// assert_eq!(results[0].row(0), vec![Value::Long(Some(1))]);
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    tables: IndexMap<String, Arc<Table>>,
    /// Sentinel watchlists served by `_GetWatchlist('name')`.
    watchlists: IndexMap<String, Arc<Table>>,
    functions: FunctionRegistry,
    /// The IP geolocation table of `geo_info_from_ip_address`.
    geoip: Option<Arc<GeoIpTable>>,
    now: Option<i64>,
    limits: Limits,
    unmapped_externaldata: UnmappedExternalData,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    /// An engine with the standard function library, no tables, the real clock and
    /// default limits.
    pub fn new() -> Self {
        Engine {
            tables: IndexMap::new(),
            watchlists: IndexMap::new(),
            functions: FunctionRegistry::standard(),
            geoip: None,
            now: None,
            limits: Limits::default(),
            unmapped_externaldata: UnmappedExternalData::default(),
        }
    }

    /// Adds (or replaces) a table.
    pub fn add_table(&mut self, name: impl Into<String>, table: Table) {
        self.tables.insert(name.into(), Arc::new(table));
    }

    /// Declares a table by schema only (no rows): enough for [`Engine::check`].
    pub fn add_schema(&mut self, name: impl Into<String>, schema: Schema) {
        self.add_table(name, Table::empty(schema));
    }

    /// Adds (or replaces) a watchlist: `_GetWatchlist('name')` in a query returns `table`
    /// (a stand-in for Microsoft Sentinel's watchlists).
    pub fn add_watchlist(&mut self, name: impl Into<String>, table: Table) {
        self.watchlists.insert(name.into(), Arc::new(table));
    }

    /// The watchlist called `name`.
    pub fn watchlist(&self, name: &str) -> Option<&Arc<Table>> {
        self.watchlists.get(name)
    }

    /// The names of all watchlists, in the order they were added.
    pub fn watchlist_names(&self) -> impl Iterator<Item = &str> {
        self.watchlists.keys().map(String::as_str)
    }

    /// Sets the IP geolocation table that `geo_info_from_ip_address(ip)` reads
    /// (q/geo-info-from-ip-address-function.md; the service uses MaxMind GeoLite2, which
    /// cannot ship here). `table` has the columns `network` (CIDR string, IPv4 or IPv6,
    /// e.g. `20.53.0.0/16`, `2a03:2880::/32`), `country`, `state`, `city` (strings),
    /// `latitude` and `longitude` (reals); an address maps to its most specific network.
    /// Addresses no network covers, invalid addresses and nulls give null. Errors name the
    /// offending column or row; the engine keeps its previous table then.
    ///
    /// Without a table, `geo_info_from_ip_address` of a non-empty address is an error
    /// (empty input still runs).
    ///
    /// ```
    /// use kql_eval::{DataType, Engine, Field, Table, Value};
    /// let cols = ["network", "country", "state", "city", "latitude", "longitude"];
    /// let fields = cols
    ///     .iter()
    ///     .map(|c| Field::new(*c, if c.ends_with("itude") { DataType::Real } else { DataType::String }))
    ///     .collect();
    /// let s = |x: &str| Value::String(x.into());
    /// let row = vec![s("192.0.2.0/24"), s("Atlantis"), s("North"), s("Poseidonia"), Value::Real(Some(1.5)), Value::Real(Some(2.5))];
    /// let mut engine = Engine::new();
    /// engine.set_geoip(&Table::from_rows(fields, &[row])).unwrap();
    /// let t = engine.run("print c = tostring(geo_info_from_ip_address('192.0.2.9').city)").unwrap();
    /// assert_eq!(t[0].row(0), vec![s("Poseidonia")]);
    /// ```
    pub fn set_geoip(&mut self, table: &Table) -> Result<(), GeoIpError> {
        self.geoip = Some(Arc::new(GeoIpTable::from_table(table)?));
        Ok(())
    }

    /// The IP geolocation table, when one is set.
    pub fn geoip(&self) -> Option<&Arc<GeoIpTable>> {
        self.geoip.as_ref()
    }

    /// The table called `name`.
    pub fn table(&self, name: &str) -> Option<&Arc<Table>> {
        self.tables.get(name)
    }

    /// The names of all tables, in the order they were added.
    pub fn table_names(&self) -> impl Iterator<Item = &str> {
        self.tables.keys().map(String::as_str)
    }

    /// Pins `now()` (and `ago()`) to a datetime in ticks; without it each query reads the
    /// system clock once.
    pub fn set_now(&mut self, ticks: i64) {
        self.now = Some(ticks);
    }

    /// Sets the execution limits.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// The execution limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Sets what `externaldata` reads when no table is mapped to its URL.
    pub fn set_unmapped_externaldata(&mut self, policy: UnmappedExternalData) {
        self.unmapped_externaldata = policy;
    }

    /// What `externaldata` reads when no table is mapped to its URL.
    pub fn unmapped_externaldata(&self) -> UnmappedExternalData {
        self.unmapped_externaldata
    }

    /// The function library.
    pub fn functions(&self) -> &FunctionRegistry {
        &self.functions
    }

    /// The function library, to add functions.
    pub fn functions_mut(&mut self) -> &mut FunctionRegistry {
        &mut self.functions
    }

    /// Parses, binds and runs `text`: one table per result statement.
    pub fn run(&self, text: &str) -> Result<Vec<Table>, Error> {
        crate::stack::with_large_stack(|| crate::run::run(self, text))
    }

    /// For each table the query reads, the names of the columns it reads, when they can
    /// be told from the query (a loader can then skip the other columns); `None` when the
    /// query does not bind or reads columns it does not name (`project-away`, `*`).
    pub fn referenced_columns(
        &self,
        text: &str,
    ) -> Option<std::collections::HashMap<String, std::collections::HashSet<String>>> {
        crate::run::referenced_columns(self, text)
    }

    /// Parses and binds `text` without touching rows: the schema of each result.
    pub fn check(&self, text: &str) -> Result<Vec<Schema>, Error> {
        crate::stack::with_large_stack(|| crate::run::check(self, text))
    }

    pub(crate) fn now_override(&self) -> Option<i64> {
        self.now
    }
}
