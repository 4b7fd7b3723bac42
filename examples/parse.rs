//! Parses a query and prints its canonical form, or the syntax error with a caret.
//!
//! `cargo run --example parse -- 'T|where x>1|take 5'`

fn main() {
    let text = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "DeviceNetworkEvents|where RemoteUrl has 'rmm.datto.com'|take 5".into());
    match kql::parse(&text) {
        Ok(query) => println!("{query}"),
        Err(err) => {
            eprint!("{}", kql::render_error(&text, &kql::Error::from(err), None));
            std::process::exit(1);
        }
    }
}
