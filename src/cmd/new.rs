//! `sitroom new briefing|actor`: write a new content file from a skeleton, never
//! over an existing one.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::NewKind;
use crate::date::Day;
use crate::diagnostic::did_you_mean;
use crate::scaffold;
use crate::slug::slugify;

const KINDS: [&str; 4] = ["person", "state", "organization", "armed_group"];

pub fn run(root: &Path, what: NewKind) -> anyhow::Result<ExitCode> {
    let (rel, text, draft) = match what {
        NewKind::Briefing { title, date } => {
            let date = match date {
                Some(d) => match serde_yaml::from_str::<Day>(&d) {
                    Ok(day) => day.iso(),
                    Err(_) => {
                        return usage(&format!("`{d}` is not a date"), "write --date YYYY-MM-DD");
                    }
                },
                None => jiff::Zoned::now().date().to_string(),
            };
            if title.trim().is_empty() {
                return usage(
                    "the title is empty",
                    "sitroom new briefing \"Pashinyan speaks with Putin\"",
                );
            }
            let name = scaffold::briefing_file_name(&title, &date);
            (
                format!("content/briefings/{name}"),
                scaffold::briefing(title.trim(), &date),
                true,
            )
        }
        NewKind::Actor { name, kind } => {
            if !KINDS.contains(&kind.as_str()) {
                let hint = match did_you_mean(&kind, KINDS) {
                    Some(k) => format!("did you mean `{k}`? Kinds: {}", KINDS.join(", ")),
                    None => format!("kinds: {}", KINDS.join(", ")),
                };
                return usage(&format!("unknown actor kind `{kind}`"), &hint);
            }
            let id = slugify(&name);
            if id.is_empty() {
                return usage(
                    "the name gives an empty id",
                    "use a name with letters or digits",
                );
            }
            (
                format!("content/actors/{id}.md"),
                scaffold::actor(name.trim(), &kind),
                false,
            )
        }
    };
    let path = root.join(&rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    // `create_new` refuses to replace a file, even one that appears meanwhile.
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: `{rel}` already exists\n  hint: edit it, or choose another title or name"
            );
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e).with_context(|| format!("cannot create `{}`", path.display())),
    };
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    println!("created {rel}");
    if draft {
        println!(
            "It is a draft (`draft: true`): `sitroom serve` shows it with a draft banner, and \
             `build` leaves it out; to publish it, remove the line `draft: true`."
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn usage(message: &str, hint: &str) -> anyhow::Result<ExitCode> {
    eprintln!("error: {message}\n  hint: {hint}");
    Ok(ExitCode::from(2))
}
