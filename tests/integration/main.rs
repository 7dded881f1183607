//! The one integration test binary: each module drives the real `sitroom` binary
//! over small fixture sites in `tests/fixtures/`.

mod harness;

mod a11y;
mod actor_letters;
mod archive;
mod authoring;
mod base_url;
mod browser;
mod build;
mod build_cache;
mod check;
mod claims;
mod dates;
mod edtf;
mod errors;
mod escaping;
mod feeds;
mod ftl_languages;
mod hostile;
mod i18n;
mod incremental_output;
mod injection;
mod install;
mod languages;
mod links_external;
mod main_snapshots;
mod model;
mod original_quote;
mod output_safety;
mod pages;
mod parse_cache;
mod placeholders;
mod print;
mod properties;
mod reader;
mod regressions;
mod relative_links;
mod scaffold;
mod search;
mod search_bench;
mod search_cache;
mod search_site;
mod serve;
mod shapes;
mod w3c;
