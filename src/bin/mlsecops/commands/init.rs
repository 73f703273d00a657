//! `mlsecops init`: a starter policy from what detection finds. It requires what the project's
//! tools cover today (so a change that drops a tool fails the gate) and lists, as comments, the
//! risks left open. It never writes an acceptance: accepting a risk is a person's decision.

use std::fmt::Write as _;
use std::path::PathBuf;

use mlsecops_taxonomy::{Registry, Root, detect};

use crate::args::RootArgs;
use crate::error::{Error, Outcome, Result};

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
    let covered = coverage.covered();
    let mut policy = String::new();
    let _ = writeln!(
        policy,
        "# Written by `mlsecops init` from what detection found; the gate is `mlsecops check`."
    );
    let _ = writeln!(policy, "detect = true");
    if names.is_empty() {
        let _ = writeln!(
            policy,
            "# No tool of the registry was found: name the risks the project must cover\n\
             # (risk codes, phases, layers, domains, \"all\", or ATLAS and OWASP ids)."
        );
    } else {
        let _ = writeln!(
            policy,
            "# Covered today by {}: a change that drops one of them fails the gate.",
            names.join(", ")
        );
    }
    let codes: Vec<String> = covered.iter().map(|r| format!("{:?}", r.code())).collect();
    let _ = writeln!(policy, "require = [{}]", codes.join(", "));
    let _ = writeln!(policy, "deny = true");
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
    let _ = writeln!(
        out,
        "{}: a policy requiring the {} risks the project's tools cover ({}); {} left open.",
        file.display(),
        covered.len(),
        if names.is_empty() {
            "none found".to_owned()
        } else {
            names.join(", ")
        },
        open.len()
    );
    Ok(Outcome::Success)
}
