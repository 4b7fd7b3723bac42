//! IP networks (CIDR notation) and a most-specific-network lookup over a set of them,
//! shared by `geo_info_from_ip_address` (functions/scalar/geoip.rs) and the
//! `ipv4_lookup` / `ipv6_lookup` plugins (bind/ops/ip_lookup.rs, exec/ip_lookup.rs).
//!
//! Addresses live in one 128-bit space: an IPv6 address as itself, an IPv4 address
//! `a.b.c.d` as the IPv4-mapped IPv6 address `::ffff:a.b.c.d`, so `a.b.c.d/p` is
//! `::ffff:a.b.c.d/(96 + p)` and one index serves both families.
//!
//! Networks are either nested or disjoint, never partly overlapping. [`RangeIndex`] turns
//! a set of them into sorted, disjoint address ranges, each labelled with the most
//! specific network that covers it; a lookup is one binary search.

use std::net::Ipv6Addr;

/// `::ffff:0:0`, the start of the IPv4-mapped block.
const V4_MAPPED: u128 = 0xffff << 32;

/// Which notations a parse accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Dotted IPv4 only (`ipv4_lookup`).
    V4,
    /// IPv6 or dotted IPv4 (taken as IPv4-mapped IPv6).
    Any,
}

/// A network: every address whose first `prefix` bits equal `base`'s (host bits of `base`
/// are zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IpNet {
    /// The first address.
    pub base: u128,
    /// Leading bits that are fixed, 0 to 128 (an IPv4 `/p` is `96 + p`).
    pub prefix: u8,
}

impl IpNet {
    /// The last address of the network.
    pub fn last(self) -> u128 {
        self.base | host_mask(self.prefix)
    }

    /// True when `addr` is in the network.
    pub fn contains(self, addr: u128) -> bool {
        addr & !host_mask(self.prefix) == self.base
    }
}

/// The bits after the first `prefix`.
fn host_mask(prefix: u8) -> u128 {
    u128::MAX.checked_shr(u32::from(prefix)).unwrap_or(0)
}

/// Dotted IPv4 `a.b.c.d` (each part 1 to 3 decimal digits, at most 255).
fn parse_v4(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    let mut parts = 0;
    for part in s.split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        v = (v << 8) | u32::from(part.parse::<u8>().ok()?);
        parts += 1;
    }
    (parts == 4).then_some(v)
}

/// Parses `address` or `address/prefix` (IP-prefix notation); host bits after the prefix
/// are cleared, so `192.0.2.77/24` is `192.0.2.0/24`. `None` when it is not an address of
/// `family`, or the prefix is out of range (0-32 for IPv4, 0-128 for IPv6).
pub fn parse_network(s: &str, family: Family) -> Option<IpNet> {
    let s = s.trim();
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (a.trim(), Some(p.trim())),
        None => (s, None),
    };
    let (base, width, offset) = match parse_v4(addr) {
        Some(v4) => (V4_MAPPED | u128::from(v4), 32u8, 96u8),
        None if family == Family::Any => (u128::from(addr.parse::<Ipv6Addr>().ok()?), 128, 0),
        None => return None,
    };
    let prefix = prefix_bits(prefix, width, offset)?;
    Some(IpNet::new(base, prefix))
}

/// The 128-bit prefix length for the text after `/` (`None`: no `/`), counted in `width`
/// bits of the address family and offset by `offset` (96 for IPv4 in the mapped block).
fn prefix_bits(prefix: Option<&str>, width: u8, offset: u8) -> Option<u8> {
    let bits = match prefix {
        Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => {
            p.parse::<u8>().ok().filter(|p| *p <= width)?
        }
        Some(_) => return None,
        None => width,
    };
    offset.checked_add(bits)
}

/// Parses an address the way Kusto's IPv6 functions (`ipv6_compare`, `parse_ipv6`, ...)
/// read it: IPv6 or dotted IPv4 (IPv4-mapped), optionally with `/prefix`. Returns the
/// address *with* its host bits and the 128-bit prefix length.
///
/// IPv6 text ending in a dotted IPv4 part counts its prefix in IPv4 bits (0-32, offset by
/// 96), and `::a.b.c.d` is read as the IPv4-mapped `::ffff:a.b.c.d`: the docs' examples
/// treat `::192.168.1.1/30` as equal to `192.168.1.255/24` under a 120-bit prefix, and
/// `parse_ipv6_mask("::192.168.255.255/24", 128)` gives `...:ffff:c0a8:ff00`
/// (q/ipv6-compare-function.md, q/parse-ipv6-mask-function.md).
pub fn parse_ipv6_address(s: &str) -> Option<(u128, u8)> {
    let s = s.trim();
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (a.trim(), Some(p.trim())),
        None => (s, None),
    };
    let (addr, width, offset) = match parse_v4(addr) {
        Some(v4) => (V4_MAPPED | u128::from(v4), 32u8, 96u8),
        None => {
            let a = u128::from(addr.parse::<Ipv6Addr>().ok()?);
            if !addr.contains('.') {
                (a, 128, 0)
            } else if a >> 32 == 0 {
                (V4_MAPPED | a, 32, 96)
            } else {
                (a, 32, 96)
            }
        }
    };
    Some((addr, prefix_bits(prefix, width, offset)?))
}

impl IpNet {
    /// The network of the first `prefix` bits of `addr` (host bits cleared; a prefix over
    /// 128 counts as 128).
    pub fn new(addr: u128, prefix: u8) -> IpNet {
        let prefix = prefix.min(128);
        IpNet {
            base: addr & !host_mask(prefix),
            prefix,
        }
    }
}

/// Networks, each with the rows that gave it, indexed for most-specific-network lookup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RangeIndex {
    /// Sorted, disjoint ranges: first address, last address, index into `networks`.
    ranges: Vec<(u128, u128, usize)>,
    /// Each distinct network with its rows (in row order).
    networks: Vec<(IpNet, Vec<usize>)>,
}

impl RangeIndex {
    /// Indexes `(network, row)` pairs. The same network may come with several rows.
    pub fn new(entries: impl IntoIterator<Item = (IpNet, usize)>) -> RangeIndex {
        let mut entries: Vec<(IpNet, usize)> = entries.into_iter().collect();
        // By first address, wider networks before the narrower ones they contain.
        entries.sort_unstable_by_key(|&(net, row)| (net.base, net.prefix, row));
        let mut networks: Vec<(IpNet, Vec<usize>)> = Vec::new();
        for (net, row) in entries {
            match networks.last_mut() {
                Some((n, rows)) if *n == net => rows.push(row),
                _ => networks.push((net, vec![row])),
            }
        }
        let ranges = flatten(networks.iter().map(|(n, _)| *n));
        RangeIndex { ranges, networks }
    }

    /// The most specific network containing `addr`, with its rows.
    pub fn lookup(&self, addr: u128) -> Option<(IpNet, &[usize])> {
        let i = self.ranges.partition_point(|r| r.0 <= addr);
        let &(_, last, n) = self.ranges.get(i.checked_sub(1)?)?;
        if addr > last {
            return None;
        }
        self.networks
            .get(n)
            .map(|(net, rows)| (*net, rows.as_slice()))
    }

    /// Networks given by more than one row, with those rows.
    pub fn duplicates(&self) -> impl Iterator<Item = (IpNet, &[usize])> {
        self.networks
            .iter()
            .filter(|(_, rows)| rows.len() > 1)
            .map(|(net, rows)| (*net, rows.as_slice()))
    }

    /// How many distinct networks there are.
    pub fn len(&self) -> usize {
        self.networks.len()
    }

    /// True when there are no networks.
    pub fn is_empty(&self) -> bool {
        self.networks.is_empty()
    }
}

/// Sorted, disjoint ranges labelled with the most specific of `networks` covering them.
/// `networks` are distinct and sorted by first address, wider first.
fn flatten(networks: impl Iterator<Item = IpNet>) -> Vec<(u128, u128, usize)> {
    let mut out = Vec::new();
    // Networks that contain the current position: (last address, network), innermost last.
    let mut open: Vec<(u128, usize)> = Vec::new();
    // The first address not yet labelled; `None` once past the end of the space.
    let mut next: Option<u128> = Some(0);
    for (n, net) in networks.enumerate() {
        while let Some(&(last, outer)) = open.last() {
            if last >= net.base {
                break;
            }
            close(&mut out, &mut next, last, outer);
            open.pop();
        }
        if let (Some(&(_, outer)), Some(from)) = (open.last(), next) {
            if from < net.base {
                out.push((from, net.base - 1, outer));
            }
        }
        next = Some(net.base);
        open.push((net.last(), n));
    }
    while let Some((last, outer)) = open.pop() {
        close(&mut out, &mut next, last, outer);
    }
    out
}

/// Labels `next..=last` with network `n` and moves `next` past it.
fn close(out: &mut Vec<(u128, u128, usize)>, next: &mut Option<u128>, last: u128, n: usize) {
    if let Some(from) = *next {
        if from <= last {
            out.push((from, last, n));
            *next = last.checked_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> IpNet {
        parse_network(s, Family::Any).unwrap()
    }

    fn addr(s: &str) -> u128 {
        net(s).base
    }

    #[test]
    fn parses_cidr_and_single_addresses() {
        assert_eq!(net("192.0.2.0/24").prefix, 120);
        assert_eq!(net("192.0.2.7").prefix, 128);
        assert_eq!(net("192.0.2.77/24"), net("192.0.2.0/24"));
        assert_eq!(net("2001:db8::/32").prefix, 32);
        assert_eq!(net("::ffff:192.0.2.1"), net("192.0.2.1"));
        assert_eq!(net("0.0.0.0/0").last(), V4_MAPPED | u128::from(u32::MAX));
        assert_eq!(net("::/0").last(), u128::MAX);
        for bad in [
            "",
            "1.2.3",
            "1.2.3.256",
            "1.2.3.4/33",
            "1.2.3.4/",
            "1.2.3.4/-1",
            "01234.1.1.1",
            "2001:db8::/129",
            "2001:db8::g",
            "x",
            "1.2.3.4/ 8x",
        ] {
            assert_eq!(parse_network(bad, Family::Any), None, "{bad}");
        }
        assert_eq!(parse_network("2001:db8::1", Family::V4), None);
        assert!(parse_network("10.0.0.1/8", Family::V4).is_some());
    }

    #[test]
    fn parses_kusto_ipv6_notation() {
        // q/parse-ipv6-mask-function.md, q/ipv6-compare-function.md
        let v4 = V4_MAPPED | 0xc0a8_0101;
        assert_eq!(parse_ipv6_address("192.168.1.1"), Some((v4, 128)));
        assert_eq!(parse_ipv6_address("::192.168.1.1/30"), Some((v4, 126)));
        assert_eq!(parse_ipv6_address("::ffff:192.168.1.1/24"), Some((v4, 120)));
        assert_eq!(parse_ipv6_address("::ffff:c0a8:0101"), Some((v4, 128)));
        assert_eq!(parse_ipv6_address("::ffff:c0a8:0101/24"), Some((v4, 24)));
        assert_eq!(parse_ipv6_address("fe80::1/120").map(|a| a.1), Some(120));
        for bad in [
            "",
            "x",
            "::1/129",
            "1.2.3.4/33",
            "::1.2.3.4/33",
            "1.2.3",
            "::1/",
        ] {
            assert_eq!(parse_ipv6_address(bad), None, "{bad}");
        }
        assert_eq!(IpNet::new(v4, 120), net("192.168.1.0/24"));
    }

    #[test]
    fn finds_the_longest_prefix() {
        let ix = RangeIndex::new([
            (net("10.0.0.0/8"), 0),
            (net("10.1.0.0/16"), 1),
            (net("10.1.2.0/24"), 2),
            (net("10.2.0.0/16"), 3),
            (net("10.1.2.3/32"), 4),
        ]);
        let row = |a: &str| ix.lookup(addr(a)).map(|(_, r)| r.to_vec());
        assert_eq!(row("10.1.2.3"), Some(vec![4]));
        assert_eq!(row("10.1.2.4"), Some(vec![2]));
        assert_eq!(row("10.1.2.2"), Some(vec![2]));
        assert_eq!(row("10.1.3.0"), Some(vec![1]));
        assert_eq!(row("10.1.0.0"), Some(vec![1]));
        assert_eq!(row("10.0.255.255"), Some(vec![0]));
        assert_eq!(row("10.2.9.9"), Some(vec![3]));
        assert_eq!(row("10.3.0.0"), Some(vec![0]));
        assert_eq!(row("10.255.255.255"), Some(vec![0]));
        assert_eq!(row("11.0.0.0"), None);
        assert_eq!(row("9.255.255.255"), None);
        assert_eq!(row("2001:db8::1"), None);
    }

    #[test]
    fn ipv6_and_whole_space_networks() {
        let ix = RangeIndex::new([
            (net("::/0"), 0),
            (net("2001:db8::/32"), 1),
            (net("2001:db8:1::/48"), 2),
            (net("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), 3),
        ]);
        let row = |a: &str| ix.lookup(addr(a)).map(|(_, r)| r.to_vec());
        assert_eq!(row("2001:db8:1::5"), Some(vec![2]));
        assert_eq!(row("2001:db8:2::5"), Some(vec![1]));
        assert_eq!(row("2a03:2880::1"), Some(vec![0]));
        assert_eq!(row("192.0.2.1"), Some(vec![0]));
        assert_eq!(
            row("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
            Some(vec![3])
        );
        assert_eq!(
            row("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"),
            Some(vec![0])
        );
    }

    #[test]
    fn duplicate_networks_keep_all_rows() {
        let ix = RangeIndex::new([
            (net("192.0.2.0/24"), 5),
            (net("198.51.100.0/24"), 1),
            (net("192.0.2.0/24"), 2),
        ]);
        assert_eq!(ix.len(), 2);
        assert_eq!(
            ix.lookup(addr("192.0.2.9")).map(|(_, r)| r),
            Some(&[2, 5][..])
        );
        let dups: Vec<_> = ix.duplicates().map(|(_, r)| r.to_vec()).collect();
        assert_eq!(dups, vec![vec![2, 5]]);
        assert!(RangeIndex::new([]).lookup(addr("1.2.3.4")).is_none());
    }

    #[test]
    fn agrees_with_a_linear_scan() {
        // Nested and disjoint networks in a small IPv4 block, checked address by address.
        let nets: Vec<IpNet> = [
            "10.0.0.0/24",
            "10.0.0.0/26",
            "10.0.0.64/27",
            "10.0.0.96/32",
            "10.0.0.128/25",
            "10.0.0.200/30",
            "10.0.0.0/29",
            "10.0.0.255/32",
        ]
        .iter()
        .map(|s| net(s))
        .collect();
        let ix = RangeIndex::new(nets.iter().copied().zip(0..));
        for a in 0..=255u32 {
            let a = addr("10.0.0.0") + u128::from(a);
            let want = nets
                .iter()
                .enumerate()
                .filter(|(_, n)| n.contains(a))
                .max_by_key(|(_, n)| n.prefix)
                .map(|(i, _)| i);
            assert_eq!(ix.lookup(a).map(|(_, r)| r[0]), want, "{a:x}");
        }
    }
}
