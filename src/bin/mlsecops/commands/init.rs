//! `mlsecops init`: a starter policy from what detection finds. It requires what the project's
//! tools cover today (so a change that drops a tool fails the gate) and lists, as comments, the
//! risks left open; with no tool found, it requires the risks of what the project is (the tables
//! of `init/`), with why and the tools that would cover them, so that `check` fails until the
//! team decides. It never writes an empty `require`, nor an acceptance: accepting a risk is a
//! person's decision.

use std::fmt::Write as _;
use std::path::PathBuf;

use mlsecops_taxonomy::{Registry, Risk, RiskSet, Root, detect};

use crate::args::RootArgs;
use crate::error::{Error, Outcome, Result};
use crate::table::plural;

mod kinds;

#[derive(clap::Args)]
pub struct Args {
    /// The project's directory.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Append the policy to pyproject.toml as [tool.mlsecops] (the file's text is kept as it is)
    /// instead of writing mlsecops.toml.
    #[arg(long)]
    pyproject: bool,
    /// Print the policy instead of writing it (nothing is written, so a policy already there
    /// is left as it is: the printed one is a proposal to compare it with).
    #[arg(long)]
    print: bool,
    #[command(flatten)]
    root: RootArgs,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Error::msg(format!(
            "{}: not a directory: give the project's directory",
            dir.display()
        )));
    }
    if let Ok(policy) = mlsecops_taxonomy::policy::Policy::discover(dir) {
        if !args.print {
            return Err(Error::msg(format!(
                "{} already holds a policy ({}): init writes none over it (--print shows what \
                 it would propose)",
                policy.file().display(),
                policy.source().section()
            )));
        }
        crate::warn(&format!(
            "mlsecops: {} already holds a policy ({}): the policy printed is a proposal, nothing is written",
            policy.file().display(),
            policy.source().section()
        ));
    }
    let root = match args.root.root()? {
        Some(root) => root,
        None => {
            Root::enclosing(dir).map_err(|e| Error::context(format!("{}", dir.display()), e))?
        }
    };
    let inventory = detect::scan_in(&root, [dir]).map_err(Error::from)?;
    for w in inventory.warnings() {
        crate::warn(&format!("mlsecops: {}", w.to_text()));
    }
    let registry = Registry::builtin();
    let found = inventory.tools(registry, false);
    let names: Vec<&str> = found.iter().map(|t| t.tool().name()).collect();
    let coverage = registry
        .coverage(found.iter().map(|t| t.tool().id()))
        .map_err(Error::from)?;
    let tables = kinds::Tables::read().map_err(Error::msg)?;
    let kinds = tables.found(&inventory);
    let (policy, summary) = if coverage.covered().is_empty() {
        by_kind(&tables, &kinds, &names, &root)
    } else {
        by_tools(&tables, &kinds, &coverage, &names)
    };
    if args.print {
        out.push_str(&policy);
        return Ok(Outcome::Success);
    }
    let (file, text) = if args.pyproject {
        let file = dir.join("pyproject.toml");
        let existing = crate::output::read_text(&file)?;
        let separator = if existing.is_empty() || existing.ends_with("\n\n") {
            ""
        } else if existing.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        (
            file,
            format!("{existing}{separator}[tool.mlsecops]\n{policy}"),
        )
    } else {
        (dir.join("mlsecops.toml"), policy)
    };
    std::fs::write(&file, &text)
        .map_err(|e| Error::context(format!("cannot write {}", file.display()), e))?;
    let _ = writeln!(out, "{}: {summary}", file.display());
    Ok(Outcome::Success)
}

/// The first lines of every policy `init` writes.
const HEADER: &str = "# Written by `mlsecops init` from what detection found; the gate is `mlsecops check`.\n\
     detect = true\n";

/// `require = ["R1-Security", ...]`.
fn require_line(risks: RiskSet) -> String {
    let codes: Vec<String> = risks.iter().map(|r| format!("{:?}", r.code())).collect();
    format!("require = [{}]\n", codes.join(", "))
}

/// "an application calling an LLM and a training project".
fn kinds_said(kinds: &[kinds::Found<'_>]) -> String {
    let whats: Vec<&str> = kinds.iter().map(|k| k.kind.what.as_str()).collect();
    match whats.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, init)) => format!("{} and {last}", init.join(", ")),
    }
}

/// The policy of a project whose tools cover some risks: it requires what they cover today (so a
/// change that drops a tool fails the gate), and lists, as comments, what the project's kind
/// faces beyond that and every risk left open.
fn by_tools(
    tables: &kinds::Tables,
    kinds: &[kinds::Found<'_>],
    coverage: &mlsecops_taxonomy::Coverage<'_>,
    names: &[&str],
) -> (String, String) {
    let covered = coverage.covered();
    let mut policy = String::from(HEADER);
    let _ = writeln!(
        policy,
        "# Covered today by {}: a change that drops one of them fails the gate.",
        names.join(", ")
    );
    policy.push_str(&require_line(covered));
    let _ = writeln!(policy, "deny = true");
    let names_of: Vec<&str> = kinds.iter().map(|k| k.kind.name.as_str()).collect();
    let beyond: Vec<(Risk, &str)> = if kinds.is_empty() {
        Vec::new()
    } else {
        tables
            .risks_of(&names_of)
            .into_iter()
            .filter(|(r, _)| !covered.contains(*r))
            .collect()
    };
    if !beyond.is_empty() {
        let _ = writeln!(
            policy,
            "# The dependencies show {}; such a project also faces these risks, which the tools\n\
             # found leave open (require each once a tool covers it or a person accepts it):",
            kinds_said(kinds)
        );
        for (risk, why) in &beyond {
            let _ = writeln!(policy, "#   {} {}: {why}", risk.code(), risk.name());
        }
    }
    let open = coverage.uncovered();
    if !open.is_empty() {
        let _ = writeln!(
            policy,
            "# Left open ({}): require them once a tool covers them, or have a person accept\n\
             # one with [[accept]], a reason and an expiry date.",
            open.len()
        );
        for risk in open {
            let _ = writeln!(policy, "#   {} {}", risk.code(), risk.name());
        }
    }
    let summary = format!(
        "a policy requiring the {} the project's tools cover ({}); {} left open.",
        plural(covered.len(), "risk", "risks"),
        names.join(", "),
        open.len()
    );
    (policy, summary)
}

/// The policy of a project whose tools cover no risk: it requires the risks its kind faces (a
/// small default set when no dependency shows its kind), each with why, and names, as comments,
/// the fewest tools that would cover them, so that the team's first decision is explicit: add a
/// tool, or accept a risk with a reason. `check` fails on it until one or the other is done.
fn by_kind(
    tables: &kinds::Tables,
    kinds: &[kinds::Found<'_>],
    names: &[&str],
    root: &Root,
) -> (String, String) {
    let names_of: Vec<&str> = kinds.iter().map(|k| k.kind.name.as_str()).collect();
    let risks = tables.risks_of(&names_of);
    let required: RiskSet = risks.iter().map(|(r, _)| *r).collect();
    let mut policy = String::from(HEADER);
    if names.is_empty() {
        let _ = writeln!(policy, "# No tool of the registry was found.");
    } else {
        let _ = writeln!(
            policy,
            "# The tools found ({}) cover no risk of the taxonomy.",
            names.join(", ")
        );
    }
    if kinds.is_empty() {
        let _ = writeln!(
            policy,
            "# No dependency shows what kind of project this is (the book's page on `mlsecops\n\
             # init` lists the packages that show an application calling an LLM, a training\n\
             # project or a model-serving one), so the policy requires a small default set:\n\
             # one risk of its data, its models, its deployment and its application:"
        );
    } else {
        let _ = writeln!(policy, "# The dependencies show what the project is:");
        for k in kinds {
            let _ = writeln!(policy, "#   {}: {}", k.kind.what, k.evidence(root));
        }
        let _ = writeln!(
            policy,
            "# so the policy requires the risks such a project faces, each for the reason given\n\
             # (`mlsecops show CODE` has the risk's definition):"
        );
    }
    for (risk, why) in &risks {
        let _ = writeln!(policy, "#   {} {}: {why}", risk.code(), risk.name());
    }
    // Tools a project can adopt, those of its own ecosystem (or actions and hooks, which any
    // project runs) first, then those known to be maintained.
    let ecosystems: Vec<mlsecops_taxonomy::Ecosystem> = kinds.iter().map(|k| k.ecosystem).collect();
    let cover = Registry::builtin().minimal_cover_by(required, |t| {
        if !t.is_adoptable() {
            return None;
        }
        let own = t.packages().iter().any(|p| {
            p.ecosystem().is_some_and(|e| {
                ecosystems.contains(&e) || e == mlsecops_taxonomy::Ecosystem::GitHub
            })
        });
        let maintained = match t.upstream().map(|u| u.status()) {
            Some(mlsecops_taxonomy::Status::Maintained) => 0,
            None => 1,
            Some(_) => 2,
        };
        Some(u32::from(!own) * 3 + maintained)
    });
    let _ = writeln!(
        policy,
        "# Each is open until a tool covers it or a person accepts it: `mlsecops check` fails\n\
         # until then, and that is the first decision to make."
    );
    if cover.tools().len() > 0 {
        let _ = writeln!(
            policy,
            "# The fewest tools of the registry that cover what can be covered (add one to the\n\
             # project's dependencies, which detect = true reads, or name it in tools = [...]):"
        );
        for tool in cover.tools() {
            let _ = writeln!(policy, "#   {}: {}", tool.name(), tool.risks() & required);
        }
    }
    if !cover.uncoverable().is_empty() {
        let _ = writeln!(
            policy,
            "# No tool of the registry covers the others; a person may accept each with [[accept]],\n\
             # a reason and an expiry date:\n#   {}",
            cover.uncoverable()
        );
    }
    policy.push_str(&require_line(required));
    let _ = writeln!(policy, "deny = true");
    let what = if kinds.is_empty() {
        "a project of no known kind (the default set)".to_owned()
    } else {
        kinds_said(kinds)
    };
    let summary = format!(
        "a policy requiring the {} {what} faces; no tool found covers them, so `mlsecops \
         check` fails until a tool covers each or a person accepts it.",
        plural(required.len(), "risk", "risks"),
    );
    (policy, summary)
}
