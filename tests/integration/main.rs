//! The one integration test binary: each module drives the real `sitroom` binary
//! over small fixture sites in `tests/fixtures/`.

mod harness;

mod pages;
mod model;
