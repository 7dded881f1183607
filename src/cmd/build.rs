//! `sitroom build`: render the site and swap it into the output folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::cmd::{plural, report};
use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::route::BaseUrl;
use crate::{build_to_disk, load, output, parse, source};

/// Pages missing in a language shown by `build`: a site that adds a language has
/// one such warning per page, which would bury everything else. The first few are
/// shown; the rest are counted (`check` lists every one).
const UNTRANSLATED_SHOWN: usize = 3;

/// The diagnostics to print, and how many missing-translation warnings were left out.
fn few_untranslated(diagnostics: &[Diagnostic]) -> (Vec<Diagnostic>, usize) {
    let mut seen = 0;
    let mut left_out = 0;
    let mut shown = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        if d.code == Code::MissingTranslation {
            seen += 1;
            if seen > UNTRANSLATED_SHOWN {
                left_out += 1;
                continue;
            }
        }
        shown.push(d.clone());
    }
    (shown, left_out)
}

pub fn run(
    root: &Path,
    out: Option<PathBuf>,
    force: bool,
    options: &load::Options,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let out = out.unwrap_or_else(|| root.join("public"));
    let built = match build_to_disk(root, options, &out, force) {
        Ok(built) => built,
        // An output folder that may not be replaced is a usage error.
        Err(e) if e.is::<output::Refused>() => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e),
    };
    let (shown, untranslated) = few_untranslated(&built.diagnostics);
    let (errors, mut warnings) = report(&shown);
    if untranslated > 0 {
        eprintln!(
            "warning: {} more not translated into every language; `sitroom check` lists them all",
            plural(untranslated, "page")
        );
        warnings += untranslated;
    }
    // Only when the site was written: a failed build has enough to say.
    if built.written.is_some() {
        let config_text = source::read_config_text(root);
        if let Some(d) = no_absolute_url(config_text.as_deref(), options) {
            eprintln!("{d}");
            warnings += 1;
        }
    }
    for notice in &built.notices {
        eprintln!("{notice}");
        warnings += usize::from(notice.starts_with("warning:"));
    }
    let Some(written) = built.written else {
        eprintln!(
            "error: build failed with {}{}; `{}` was left as it was",
            plural(errors, "error"),
            if warnings > 0 {
                format!(" and {}", plural(warnings, "warning"))
            } else {
                String::new()
            },
            out.display()
        );
        return Ok(ExitCode::from(1));
    };
    println!(
        "built {} ({}) into {} in {} ms{}",
        plural(built.pages, "page"),
        plural(written, "file"),
        out.display(),
        started.elapsed().as_millis(),
        if warnings > 0 {
            format!(", {}", plural(warnings, "warning"))
        } else {
            String::new()
        }
    );
    built.exit_without_freeing();
    Ok(ExitCode::SUCCESS)
}

/// A warning when the site has no absolute URL (`base_url: /`, `/sub/`, or
/// `relative` without `public_url`): Atom, the sitemap protocol and OpenGraph need
/// absolute URLs, so the feeds and `sitemap.xml` are not written and canonical
/// links, `og:url` and `og:image` are left out. Placed at site.yaml's `base_url`
/// (or `public_url`) line when the key is there, else at `--base-url`. `None` when
/// site.yaml does not parse or the base is invalid: the build reports that itself.
fn no_absolute_url(config_text: Option<&str>, options: &load::Options) -> Option<Diagnostic> {
    let text = config_text.unwrap_or("");
    let site_yaml = Path::new("site.yaml");
    let config = if config_text.is_some() {
        parse::config(site_yaml, text).0?
    } else {
        crate::front_matter::Config::default()
    };
    let raw = options.base_url.as_deref().unwrap_or(&config.base_url);
    let base = BaseUrl::parse(raw).ok()?;
    let public = options.public_url.is_some() || config.public_url.is_some();
    if base.absolute.is_some() || (base.relative && public) {
        return None;
    }
    let (key, hint) = if base.relative {
        (
            "public_url",
            "add `public_url: https://…/` (where the site is published) to site.yaml, or pass `--public-url https://…/`",
        )
    } else {
        (
            "base_url",
            "write `base_url: https://…/` (where the site is published) in site.yaml, or pass `--base-url https://…/`",
        )
    };
    let message = format!(
        "`base_url: {}` gives no absolute URL: the Atom feeds and sitemap.xml are not written, and pages have no canonical link, og:url or og:image",
        raw.trim()
    );
    let d = if options.base_url.is_some() {
        Diagnostic::warning(Path::new("--base-url"), Code::NoAbsoluteUrl, message)
    } else {
        let d = Diagnostic::warning(site_yaml, Code::NoAbsoluteUrl, message);
        match key_position(text, key).or_else(|| key_position(text, "base_url")) {
            Some(pos) => d.at(pos),
            None if config_text.is_some() => d.at(Pos { line: 1, col: 1 }),
            None => d,
        }
    };
    Some(d.hint(hint))
}

/// Where `key:` starts a line of site.yaml, at its value.
fn key_position(text: &str, key: &str) -> Option<Pos> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let at = offset + key.len() + 1 + (rest.len() - rest.trim_start().len());
            return Some(Pos::of_offset(text, at));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_shows_only_the_first_untranslated_pages() {
        let untranslated = |n: usize| {
            Diagnostic::warning(
                Path::new(&format!("content/pages/p{n}.md")),
                Code::MissingTranslation,
                "not translated into hy",
            )
        };
        let other = Diagnostic::warning(Path::new("x.md"), Code::NoSource, "no source");
        let mut all: Vec<Diagnostic> = (1..=5).map(untranslated).collect();
        all.insert(2, other.clone());
        let (shown, left_out) = few_untranslated(&all);
        assert_eq!(left_out, 2);
        assert_eq!(shown.len(), 4);
        assert!(shown.contains(&other));
        assert_eq!(shown[3].path, Path::new("content/pages/p3.md"));
    }

    fn warn(text: Option<&str>, base: Option<&str>) -> Option<String> {
        let options = load::Options {
            base_url: base.map(str::to_string),
            ..load::Options::default()
        };
        no_absolute_url(text, &options).map(|d| d.to_string())
    }

    #[test]
    fn a_site_without_an_absolute_url_is_warned_where_it_says_so() {
        let text = "title: T\nbase_url: /nk/\n";
        let w = warn(Some(text), None).unwrap();
        assert!(
            w.starts_with("site.yaml:2:11: warning: `base_url: /nk/` gives no absolute URL"),
            "{w}"
        );
        assert!(w.contains("hint: write `base_url: https://…/`"), "{w}");
        // No base_url key: the default `/`, at the top of site.yaml.
        assert!(
            warn(Some("title: T\n"), None)
                .unwrap()
                .starts_with("site.yaml:1:1: ")
        );
        // No site.yaml at all: no position.
        assert!(warn(None, None).unwrap().starts_with("site.yaml: warning:"));
        // From the command line.
        assert!(
            warn(Some(text), Some("/"))
                .unwrap()
                .starts_with("--base-url: warning:")
        );
        // Relative without a public URL: the hint names public_url.
        let w = warn(Some("title: T\nbase_url: relative\n"), None).unwrap();
        assert!(w.contains("--public-url"), "{w}");
    }

    #[test]
    fn an_absolute_url_is_not_warned() {
        assert_eq!(
            warn(Some("title: T\nbase_url: https://e.org/\n"), None),
            None
        );
        assert_eq!(
            warn(Some("title: T\n"), Some("http://127.0.0.1:1111/")),
            None
        );
        let public = "title: T\nbase_url: relative\npublic_url: https://e.org/\n";
        assert_eq!(warn(Some(public), None), None);
        // A broken site.yaml or base is reported by the build itself.
        assert_eq!(warn(Some("title: T\nbase_url: example.org\n"), None), None);
    }
}
