//! `--geoip PATH` (run, bench, test) and `geoip:` in test files: the table
//! `geo_info_from_ip_address` reads (examples/geoip/sample.csv).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

const SAMPLE: &str = "examples/geoip/sample.csv";

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn run_looks_addresses_up_in_the_geoip_table() {
    let query = "datatable(ip:string)['192.0.2.1', '192.0.2.200', '2001:db8:beef::1', \
                 '2001:db8::1', '203.0.113.7', '203.0.113.8', 'nonsense', ''] \
                 | extend g = geo_info_from_ip_address(ip) \
                 | project ip, city = tostring(g.city), country = tostring(g.country), \
                   lat = toreal(g.latitude), known = isnotnull(g)";
    let out = kql(&["run", "--geoip", SAMPLE, "--format", "csv", "-e", query]);
    assert_exit(&out, 0);
    assert_eq!(
        text(&out.stdout),
        "ip,city,country,lat,known\n\
         192.0.2.1,Sampleton,Exampleland,51.5,true\n\
         192.0.2.200,Testville,Exampleland,48.85,true\n\
         2001:db8:beef::1,Beeftown,Ipv6ia,37.77,true\n\
         2001:db8::1,Docnet,Ipv6ia,40.71,true\n\
         203.0.113.7,Lighthouse,Demostan,35.68,true\n\
         203.0.113.8,,,,false\n\
         nonsense,,,,false\n\
         ,,,,false\n"
    );
}

#[test]
fn the_result_is_the_documented_bag() {
    let query = "print g = geo_info_from_ip_address('198.51.100.20')";
    let out = kql(&["run", "--geoip", SAMPLE, "--format", "ndjson", "-e", query]);
    assert_exit(&out, 0);
    assert_eq!(
        text(&out.stdout).trim(),
        r#"{"g":{"country":"Demostan","state":"Central","city":"Placeholder City","latitude":-33.87,"longitude":151.21}}"#
    );
}

#[test]
fn without_a_table_only_empty_input_runs() {
    // Zero rows: no error, so a rule runs over empty tables.
    let out = kql(&[
        "run",
        "-e",
        "datatable(ip:string)[] | extend g = geo_info_from_ip_address(ip)",
    ]);
    assert_exit(&out, 0);
    let out = kql(&[
        "run",
        "-e",
        "print g = geo_info_from_ip_address('192.0.2.1')",
    ]);
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(err.contains("KQL3007") && err.contains("--geoip"), "{err}");
}

#[test]
fn bad_geoip_files_are_errors() {
    let out = kql(&["run", "--geoip", "no/such/file.csv", "-e", "print 1"]);
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("--geoip"),
        "{}",
        text(&out.stderr)
    );
    let dir = scratch("bad");
    let bad = dir.join("geo.csv");
    std::fs::write(
        &bad,
        "network,country,state,city,latitude,longitude\n192.0.2.0/24,A,,,1,2\n192.0.2.0/40,B,,,1,2\n",
    )
    .unwrap();
    let out = kql(&["run", "--geoip", bad.to_str().unwrap(), "-e", "print 1"]);
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(err.contains("row 2: network '192.0.2.0/40'"), "{err}");
    std::fs::write(&bad, "network,country\n192.0.2.0/24,A\n").unwrap();
    let out = kql(&["run", "--geoip", bad.to_str().unwrap(), "-e", "print 1"]);
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(err.contains("state, city, latitude, longitude"), "{err}");
}

#[test]
fn bench_and_test_take_the_table_too() {
    let query = "print c = tostring(geo_info_from_ip_address('192.0.2.1').city)";
    let out = kql(&["bench", "--geoip", SAMPLE, "--iterations", "1", "-e", query]);
    assert_exit(&out, 0);
    let dir = scratch("test");
    let geo = root().join(SAMPLE);
    let case = format!(
        "query: |\n  print c = tostring(geo_info_from_ip_address('2001:db8::7').city)\n\
         geoip: {}\nexpect:\n  rows:\n    - {{c: Docnet}}\n",
        geo.display()
    );
    let file = dir.join("geo.test.yaml");
    std::fs::write(&file, case).unwrap();
    let out = kql(&["test", file.to_str().unwrap()]);
    assert_exit(&out, 0);
    // Without `geoip:` the test takes `kql test --geoip`, and fails without either.
    let case = "query: |\n  print c = tostring(geo_info_from_ip_address('2001:db8::7').city)\n\
                expect:\n  rows:\n    - {c: Docnet}\n";
    std::fs::write(&file, case).unwrap();
    let out = kql(&["test", "--geoip", SAMPLE, file.to_str().unwrap()]);
    assert_exit(&out, 0);
    let out = kql(&["test", file.to_str().unwrap()]);
    assert_exit(&out, 1);
    assert!(
        text(&out.stdout).contains("--geoip"),
        "{}",
        text(&out.stdout)
    );
}
