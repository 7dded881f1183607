//! Which requests `serve` answers, against DNS rebinding: a page on a foreign site
//! whose name is made to resolve to 127.0.0.1 could otherwise read the served site
//! (drafts included). Browsers send that foreign name as `Host`, so only requests
//! for names the user chose are answered. The port is not checked: it does not
//! tell a rebinding apart, and tunnels (`ssh -L 8080:localhost:1111`) change it.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;

/// The hosts the server answers for.
pub struct Hosts {
    /// The address the server listens on.
    bound: IpAddr,
    /// Names (lowercase, no trailing dot) and IP addresses given with
    /// `--allow-host`, and a name given with `--bind`.
    names: Vec<String>,
    ips: Vec<IpAddr>,
    /// Refused hosts already reported in the terminal (a few, not every request).
    reported: Mutex<BTreeSet<String>>,
}

/// The host part of a `Host` header or of an `--allow-host` value.
#[derive(Debug, PartialEq, Eq)]
enum Host {
    Name(String),
    Ip(IpAddr),
}

/// How many refused hosts are reported in the terminal at most.
const REPORTED: usize = 16;

impl Hosts {
    /// `allowed` are `--allow-host` values (already checked by [`parse_allowed`]).
    pub fn new(bound: IpAddr, allowed: &[String]) -> Hosts {
        let mut hosts = Hosts {
            bound: bound.to_canonical(),
            names: Vec::new(),
            ips: Vec::new(),
            reported: Mutex::default(),
        };
        for value in allowed {
            match parse_host(value) {
                Some(Host::Name(name)) => hosts.names.push(name),
                Some(Host::Ip(ip)) => hosts.ips.push(ip),
                None => {}
            }
        }
        hosts
    }

    /// Whether a request whose `Host` header is `value` is answered: localhost,
    /// loopback addresses, the bound address, any IP address when bound to all
    /// interfaces (an address, unlike a name, cannot be rebound), and the allowed
    /// names.
    pub fn allows(&self, value: &str) -> bool {
        match parse_authority(value) {
            Some(Host::Name(name)) => name == "localhost" || self.names.contains(&name),
            Some(Host::Ip(ip)) => {
                ip.is_loopback()
                    || ip == self.bound
                    || self.bound.is_unspecified()
                    || self.ips.contains(&ip)
            }
            None => false,
        }
    }

    /// Whether a refused `Host` is seen for the first time, to say so in the
    /// terminal once (and only for the first few hosts).
    pub fn first_refusal(&self, value: Option<&str>) -> bool {
        self.reported
            .lock()
            .map(|mut r| r.len() < REPORTED && r.insert(value.unwrap_or_default().to_string()))
            .unwrap_or(false)
    }
}

/// The plain-text body of a refusal for a request whose `Host` header is `value`.
pub fn refusal(value: Option<&str>) -> String {
    const ONLY: &str = "403 Forbidden: sitroom serve answers only requests for localhost, 127.0.0.1, [::1] or the address it listens on";
    match value.and_then(parse_authority) {
        Some(host) => {
            let name = host.to_string();
            format!(
                "{ONLY}, not for `{name}`, so that other websites cannot read it through DNS rebinding.\nIf you meant to reach it by this name, restart it with `--allow-host {name}`.\n"
            )
        }
        None => match value {
            Some(v) => format!("{ONLY}, and this request's Host header `{v}` is none of them.\n"),
            None => format!("{ONLY}, and this request has no valid Host header.\n"),
        },
    }
}

impl std::fmt::Display for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Host::Name(name) => f.write_str(name),
            Host::Ip(IpAddr::V6(ip)) => write!(f, "[{ip}]"),
            Host::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

/// The line printed in the terminal when a host is first refused.
pub fn refused_line(value: Option<&str>) -> String {
    match value.and_then(parse_authority) {
        Some(host) => format!(
            "warning: refused a request for `{host}` (DNS rebinding protection); to allow it, restart with `--allow-host {host}`"
        ),
        None => "warning: refused a request without a valid Host header".to_string(),
    }
}

/// Whether a live-reload request with this `Origin` comes from a page of this
/// server: the origin's host and port must be the request's `Host`.
pub fn same_origin(origin: &str, host: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && authority.eq_ignore_ascii_case(host)
}

/// Checks an `--allow-host` value and returns it normalised: a host name or an IP
/// address, without scheme, port or path.
pub fn parse_allowed(value: &str) -> Result<String, String> {
    let trimmed = value.trim();
    if let Some((_, rest)) = trimmed.split_once("://") {
        let bare = rest.split(['/', ':']).next().unwrap_or_default();
        return Err(format!(
            "give a host name without a scheme, e.g. `--allow-host {bare}`"
        ));
    }
    match parse_host(trimmed) {
        Some(host) => Ok(host.to_string()),
        None => match parse_authority(trimmed) {
            Some(Host::Name(bare)) => Err(format!(
                "give a host name without a port (any port is allowed), e.g. `--allow-host {bare}`"
            )),
            Some(Host::Ip(_)) => {
                Err("give an IP address without a port (any port is allowed)".to_string())
            }
            None => Err(
                "expected a host name (letters, digits, `-` and `.`) or an IP address".to_string(),
            ),
        },
    }
}

/// `name`, `name:port`, `1.2.3.4:port`, `[::1]:port`, as in a `Host` header.
fn parse_authority(value: &str) -> Option<Host> {
    let value = value.trim();
    if let Some(rest) = value.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(is_port)) {
            return None;
        }
        return ip
            .parse::<Ipv6Addr>()
            .ok()
            .map(|ip| Host::Ip(ip.to_canonical()));
    }
    let host = match value.rsplit_once(':') {
        Some((host, port)) if is_port(port) => host,
        Some(_) => return None,
        None => value,
    };
    parse_host(host)
}

/// A host without port: a name, an IPv4 address or a bracketed (or bare) IPv6
/// address.
fn parse_host(host: &str) -> Option<Host> {
    let bracketed = host.strip_prefix('[').and_then(|h| h.strip_suffix(']'));
    if let Ok(ip) = bracketed.unwrap_or(host).parse::<IpAddr>() {
        return Some(Host::Ip(ip.to_canonical()));
    }
    let name = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    let valid = !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    valid.then_some(Host::Name(name))
}

fn is_port(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> Hosts {
        Hosts::new("127.0.0.1".parse().unwrap(), &["dev.example".into()])
    }

    #[test]
    fn answers_local_names_on_any_port() {
        let hosts = loopback();
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.:80",
            "127.0.0.1:1111",
            "127.0.0.1",
            "[::1]:1111",
            "[::1]",
            "[::ffff:127.0.0.1]:1",
            "dev.example:8080",
            "Dev.Example",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_foreign_and_malformed_hosts() {
        let hosts = loopback();
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "sub.dev.example",
            "192.168.1.5:1111",
            "",
            "localhost:abc",
            "[::1",
            "a b",
            "localhost:1111:1",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
    }

    #[test]
    fn bound_to_all_interfaces_any_address_is_fine_but_not_any_name() {
        let hosts = Hosts::new("0.0.0.0".parse().unwrap(), &[]);
        assert!(hosts.allows("192.168.1.5:1111"));
        assert!(hosts.allows("[2001:db8::1]:1111"));
        assert!(hosts.allows("localhost"));
        assert!(!hosts.allows("mybox.local:1111"));
        let hosts = Hosts::new("192.168.1.5".parse().unwrap(), &[]);
        assert!(hosts.allows("192.168.1.5:1111"));
        assert!(!hosts.allows("10.0.0.1:1111"));
    }

    #[test]
    fn same_origin_compares_host_and_port() {
        assert!(same_origin("http://127.0.0.1:1111", "127.0.0.1:1111"));
        assert!(same_origin("http://LocalHost:1111", "localhost:1111"));
        assert!(!same_origin("http://evil.example", "127.0.0.1:1111"));
        assert!(!same_origin("http://localhost:3000", "localhost:1111"));
        assert!(!same_origin("null", "localhost:1111"));
    }

    #[test]
    fn allow_host_values_are_checked() {
        assert_eq!(parse_allowed("Box.Local."), Ok("box.local".into()));
        assert_eq!(parse_allowed("::1"), Ok("[::1]".into()));
        assert_eq!(parse_allowed("10.0.0.2"), Ok("10.0.0.2".into()));
        assert_eq!(
            parse_allowed("https://box.local/x"),
            Err("give a host name without a scheme, e.g. `--allow-host box.local`".into())
        );
        assert_eq!(
            parse_allowed("box.local:8080"),
            Err("give a host name without a port (any port is allowed), e.g. `--allow-host box.local`".into())
        );
        assert!(parse_allowed("a b").is_err());
        assert!(parse_allowed("").is_err());
    }

    #[test]
    fn the_refusal_names_the_flag() {
        let hosts = loopback();
        assert!(hosts.first_refusal(Some("evil.example:1111")));
        assert!(!hosts.first_refusal(Some("evil.example:1111")));
        let body = refusal(Some("evil.example:1111"));
        assert_eq!(
            body,
            "403 Forbidden: sitroom serve answers only requests for localhost, 127.0.0.1, [::1] or the address it listens on, not for `evil.example`, so that other websites cannot read it through DNS rebinding.\nIf you meant to reach it by this name, restart it with `--allow-host evil.example`.\n"
        );
        let body = refusal(None);
        assert!(body.ends_with("has no valid Host header.\n"), "{body}");
    }
}
