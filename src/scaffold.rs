//! Skeleton files for `init` and `new`: pure functions from names to file text.

use crate::slug::slugify;

/// `site.yaml` for a new site.
pub fn site_yaml(title: &str) -> String {
    format!(
        "# sitroom site configuration. Unknown keys are an error.\n\
         title: {title}\n\
         base_url: /                 # the absolute URL where the site will live, e.g. https://example.org/nk/\n\
         language: en\n\
         description: Statements and diplomacy, dated and sourced.\n\
         paginate: 20\n\
         highlight_theme: InspiredGitHub\n",
        title = yaml_string(title)
    )
}

/// Quotes `s` for YAML when it would not read back as the same plain string.
pub fn yaml_string(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !s.ends_with(' ')
        && !s.contains([':', '#', '\n'])
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "on" | "off"
        )
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("strings serialize")
    }
}

/// The `summary:` a new briefing starts with; `check` warns while it is unchanged.
pub const BRIEFING_SUMMARY: &str = "One or two sentences for lists and feeds.";

/// The text a new briefing starts with; `check` warns while its first sentence is
/// still there.
pub const BRIEFING_BODY: &str = "Write the briefing here in Markdown. Give dates in full (\"on 2 October 2020\"),\n\
                                 not relative to the day of writing.\n";

/// The title `init` gives a site when its folder has no usable name.
pub const DEFAULT_SITE_TITLE: &str = "Briefings";

/// The title `init` writes into site.yaml for a site in `dir`: the folder's name.
pub fn default_site_title(dir: &std::path::Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty() && n != ".")
        .unwrap_or_else(|| DEFAULT_SITE_TITLE.to_string())
}

/// A new briefing dated `date` (YYYY-MM-DD), with the front matter explained.
pub fn briefing(title: &str, date: &str) -> String {
    format!(
        "---\n\
         title: {title}\n\
         date: {date}                 # publication date\n\
         # updated: {date}\n\
         summary: {summary}\n\
         slug: {slug}\n\
         draft: true                      # set to false (or remove) to publish\n\
         tags: []\n\
         # actors: [actor-id]             # extra actors; speakers are added automatically\n\
         sources: []\n\
         #  - id: outlet                  # optional: statements can then say `source: outlet`\n\
         #    outlet: Outlet name\n\
         #    url: \"https://…\"\n\
         #    published: {date}\n\
         statements: []\n\
         #  - speaker: actor-id           # a file content/actors/actor-id.md\n\
         #    with: [other-actor-id]      # counterparts: call partner, addressee\n\
         #    kind: phone_call            # statement | phone_call | meeting | press_conference | interview |\n\
         #                                # joint_statement | readout | social_post | other\n\
         #    date: {date}               # also YYYY-MM, YYYY, with ? (uncertain) or ~ (approximate), or A/B\n\
         #    quote: the speaker's exact words\n\
         #    summary: a paraphrase in our words\n\
         #    source: outlet              # the id of one of the sources above, or written out:\n\
         #    # source:\n\
         #    #   outlet: Outlet name\n\
         #    #   url: \"https://…\"\n\
         #    verification: unverified    # verified | unverified | disputed\n\
         #  - speaker: [actor-id, other-actor-id]   # a joint statement: list every speaker\n\
         #    kind: joint_statement\n\
         #    date: {date}\n\
         #    summary: what they said together\n\
         #    source: outlet\n\
         corrections: []\n\
         #  - date: {date}\n\
         #    note: What was wrong and what we changed.\n\
         ---\n\
         {body}",
        summary = BRIEFING_SUMMARY,
        body = BRIEFING_BODY,
        title = yaml_string(title),
        slug = slugify(title),
    )
}

/// A new actor of `kind`.
pub fn actor(name: &str, kind: &str) -> String {
    format!(
        "---\n\
         name: {name}\n\
         kind: {kind}                     # person | state | organization | armed_group\n\
         aliases: []                      # other spellings: used to link mentions in briefings\n\
         # names: {{ru: \"…\"}}              # the name in other scripts, by language code\n\
         # country: ARM                   # ISO 3166-1 alpha-3\n\
         roles: []\n\
         #  - title: Prime Minister of Armenia\n\
         #    start: 2018-05-08\n\
         #    org: armenia\n\
         # wikidata: Q…\n\
         ---\n\
         A short, neutral biography in Markdown.\n",
        name = yaml_string(name),
    )
}

/// File name of a new briefing: `DATE-slug.md`.
pub fn briefing_file_name(title: &str, date: &str) -> String {
    let slug = slugify(title);
    let slug = if slug.is_empty() {
        "briefing".to_string()
    } else {
        slug
    };
    format!("{date}-{slug}.md")
}

/// Where `init`'s CI workflow installs sitroom from: `repository` in Cargo.toml.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where `init`'s CI workflow is written.
pub const GITHUB_PAGES_WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// A GitHub Actions workflow that checks and builds the site on every push to
/// `main` and publishes it with GitHub Pages. The address comes from the Pages
/// settings (`configure-pages`): `https://<owner>.github.io/<repo>/` for a project
/// page, the custom domain if there is one, and is passed as `--base-url`, so
/// `base_url` in site.yaml can stay `/` for `serve`.
pub fn github_pages_workflow() -> String {
    format!(
        "# Checks and builds the site with sitroom, then publishes it with GitHub Pages,
# on every push to main (and by hand from the Actions tab).
# Turn it on once: Settings > Pages > Build and deployment > Source: GitHub Actions.
# The site's address (https://<owner>.github.io/<repo>/, or your custom domain) is
# read from those settings and passed to `sitroom build --base-url`.
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One publication at a time; a newer push waits rather than cancelling one midway.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: pages
        uses: actions/configure-pages@v5
      - name: Install sitroom
        run: cargo install --locked --git {REPOSITORY}
      - name: Check the content
        run: sitroom check
      - name: Build
        env:
          BASE_URL: ${{{{ steps.pages.outputs.base_url }}}}
        run: sitroom build --base-url \"$BASE_URL\"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"
    )
}

/// `.gitignore` for a new site: the default output folder and what a build leaves
/// beside it (names from `output`: the lock and staging folders
/// `.public.sitroom-*`, and `public.old-<pid>` where the swap takes two renames),
/// and `check --links`' cache folder `.sitroom/`.
pub const GITIGNORE: &str = "\
# Written by `sitroom build`: the site itself, and beside it while a build runs
# (or after one was killed) its lock, staging folders and the previous output.
/public/
/.public.sitroom-*
/public.old-*
# Written by `sitroom check --links`: the answers it got, so the next run is quick.
/.sitroom/
";

/// The example content `init` writes: a briefing and the two actors it names,
/// built from the public record of the 2 October 2020 Putin–Pashinyan call.
pub const EXAMPLE: &[(&str, &str)] = &[
    (
        "content/briefings/2020-10-03-example-call.md",
        r#"---
title: Putin and Pashinyan speak by phone
date: 2020-10-03
summary: An example briefing. Replace it with your own.
tags: [example]
sources:
  - id: tass
    outlet: TASS
    url: "https://tass.com/world/1208059"
statements:
  - speaker: vladimir-putin
    with: [nikol-pashinyan]
    kind: phone_call
    date: 2020-10-02
    summary: According to TASS, Putin called for an immediate end to the fighting in Nagorno-Karabakh.
    source: tass
---
Vladimir Putin and Nikol Pashinyan spoke by phone on 2 October 2020, at the Armenian
side's request, according to TASS. This example shows the shape of a briefing: front
matter with sourced statements, then the text in Markdown.
"#,
    ),
    (
        "content/actors/vladimir-putin.md",
        r#"---
name: Vladimir Putin
kind: person
aliases: [Putin]
country: RUS
roles:
  - title: President of Russia
    start: 2012-05-07
wikidata: Q7747
---
President of the Russian Federation.
"#,
    ),
    (
        "content/actors/nikol-pashinyan.md",
        r#"---
name: Nikol Pashinyan
kind: person
aliases: [Pashinyan]
country: ARM
roles:
  - title: Prime Minister of Armenia
    start: 2018-05-08
---
Prime Minister of Armenia.
"#,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The commented examples in the new-briefing template, uncommented, are a
    /// valid briefing in block style with a joint statement and a source by id.
    #[test]
    fn the_briefing_template_examples_parse() {
        let text = briefing("T", "2020-10-05");
        assert!(!text.contains('{'), "no flow-style mappings:\n{text}");
        let yaml: String = text
            .lines()
            .skip(1)
            .take_while(|l| *l != "---")
            .map(|l| match l.strip_prefix('#') {
                Some(rest) if rest.starts_with("  ") && !rest.trim_start().starts_with('#') => {
                    rest.to_string()
                }
                _ => l.replace(": []", ":"),
            })
            .map(|l| l + "\n")
            .collect();
        let meta: crate::front_matter::BriefingMeta =
            serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        assert_eq!(meta.sources[0].id.as_deref(), Some("outlet"));
        let joint = &meta.statements[1];
        assert_eq!(joint.speaker.as_ref().map(|s| s.0.len()), Some(2), "{yaml}");
        assert_eq!(meta.corrections.len(), 1);
    }

    #[test]
    fn quotes_yaml_only_when_needed() {
        assert_eq!(yaml_string("Calls on Friday"), "Calls on Friday");
        assert_eq!(yaml_string("Talks: day two"), "\"Talks: day two\"");
        assert_eq!(yaml_string("yes"), "\"yes\"");
        assert_eq!(yaml_string("\"quoted\""), "\"\\\"quoted\\\"\"");
    }

    #[test]
    fn names_briefing_files_by_date_and_slug() {
        assert_eq!(
            briefing_file_name("Пашинян и Путин", "2020-10-03"),
            "2020-10-03-pashinian-i-putin.md"
        );
        assert_eq!(
            briefing_file_name("!!!", "2020-10-03"),
            "2020-10-03-briefing.md"
        );
    }
}
