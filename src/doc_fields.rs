//! Keeps `docs/content.md` and the front-matter structs in step: every key the code
//! accepts is documented, and every documented key is accepted.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;

use crate::front_matter::{
    ActorMeta, BriefingMeta, Config, Correction, PageMeta, RoleMeta, Source, StatementMeta,
};

const DOC: &str = include_str!("../docs/content.md");

/// The keys a struct accepts, read from serde's own "unknown field" message, so the
/// list cannot disagree with the `Deserialize` derive.
fn accepted<T: DeserializeOwned>() -> BTreeSet<String> {
    let err = match serde_yaml::from_str::<T>("__probe__: 0") {
        Ok(_) => panic!("a probe key was accepted"),
        Err(e) => e.to_string(),
    };
    let after = err
        .split_once("expected")
        .unwrap_or_else(|| panic!("no field list in `{err}`"))
        .1;
    after
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The keys in the first column of the table under `<!-- fields: NAME -->`.
fn documented(name: &str) -> BTreeSet<String> {
    let marker = format!("<!-- fields: {name} -->");
    let start = DOC
        .find(&marker)
        .unwrap_or_else(|| panic!("docs/content.md has no `{marker}`"));
    DOC[start + marker.len()..]
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .filter_map(|row| {
            let cell = row.split('|').nth(1)?.trim();
            Some(cell.trim_matches('`').to_owned())
        })
        .collect()
}

fn same<T: DeserializeOwned>(name: &str) {
    let (code, docs) = (accepted::<T>(), documented(name));
    let undocumented: Vec<_> = code.difference(&docs).collect();
    let unknown: Vec<_> = docs.difference(&code).collect();
    assert!(
        undocumented.is_empty() && unknown.is_empty(),
        "docs/content.md, table `{name}`: keys the code accepts but the docs omit: {undocumented:?}; keys the docs list but the code rejects: {unknown:?}"
    );
}

#[test]
fn every_front_matter_key_is_documented_and_every_documented_key_exists() {
    same::<Config>("site");
    same::<BriefingMeta>("briefing");
    same::<StatementMeta>("statement");
    same::<Source>("source");
    same::<Correction>("correction");
    same::<ActorMeta>("actor");
    same::<RoleMeta>("role");
    same::<PageMeta>("page");
}

/// Every subcommand and every long flag of the command line appears in docs/cli.md.
#[test]
fn every_command_and_flag_is_in_the_cli_docs() {
    use clap::CommandFactory;

    const CLI_DOC: &str = include_str!("../docs/cli.md");
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long()
                && !matches!(long, "help" | "version")
                && !CLI_DOC.contains(&format!("--{long}"))
            {
                missing.push(format!("`{path} --{long}`"));
            }
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = format!("{path} {}", sub.get_name());
            if !CLI_DOC.contains(&path) {
                missing.push(format!("`{path}`"));
            }
            walk(sub, &path, missing);
        }
    }
    let mut missing = Vec::new();
    walk(&crate::cli::Cli::command(), "sitroom", &mut missing);
    assert!(
        missing.is_empty(),
        "docs/cli.md does not mention: {}",
        missing.join(", ")
    );
}
