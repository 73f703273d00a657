//! Packages by which a project depends on a tool: [`Package`], written as a package URL
//! (`pkg:pypi/garak`), and its [`Ecosystem`].

use core::fmt;
use std::borrow::Cow;

use crate::suggest::closest;
use crate::taxonomy::text::named_enum;

named_enum! {
    /// A package ecosystem: the `type` of a package URL.
    ///
    /// ```
    /// use mlsecops_taxonomy::Ecosystem;
    /// assert_eq!("pypi".parse::<Ecosystem>()?, Ecosystem::PyPi);
    /// assert_eq!(Ecosystem::Cargo.to_string(), "cargo");
    /// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
    /// ```
    #[non_exhaustive]
    pub enum Ecosystem("ecosystem", "A package ecosystem: the type of a package URL.") {
        /// The Python Package Index: `pypi`. Names compare as PEP 503 normalises them.
        PyPi = "pypi", "PyPI";
        /// The npm registry: `npm`. Names compare as written.
        Npm = "npm", "npm";
        /// crates.io: `cargo`. Names compare as written.
        Cargo = "cargo", "Cargo", ["crates.io"];
        /// GitHub repositories, as GitHub Actions name them (`uses: OWNER/REPO@ref`) and
        /// pre-commit hooks come from them: `github`, `OWNER/REPO`. Names compare ignoring
        /// case, as GitHub does; a registry's `pkg:githubactions/OWNER/REPO` is the same.
        GitHub = "github", "GitHub";
    }
}

/// A package a project can depend on, in one ecosystem: the way a project's manifests,
/// lockfiles and SBOMs name a tool.
///
/// Its text form is a package URL without version (`pkg:pypi/garak`, `pkg:cargo/safetensors`,
/// `pkg:npm/%40scope/name`). Names compare the way their ecosystem compares them: PyPI names as
/// PEP 503 normalises them (`NeMoGuardrails`, `nemoguardrails` and `nemo_guardrails` are one
/// name), npm and Cargo names as written.
///
/// ```
/// use mlsecops_taxonomy::{Ecosystem, Package};
/// let p: Package = "pkg:pypi/Agentic_Security".parse()?;
/// assert_eq!((p.ecosystem(), p.name()), (Some(Ecosystem::PyPi), "Agentic_Security"));
/// assert!(p.matches(Ecosystem::PyPi, "agentic-security"));
/// assert_eq!(p.to_string(), "pkg:pypi/Agentic_Security");
/// assert_eq!("pypi/garak".parse::<Package>().unwrap_err().to_string(),
///     r#""pypi/garak" is not a package URL: it starts with "pkg:" (as in pkg:pypi/garak)"#);
/// # Ok::<(), mlsecops_taxonomy::ParsePackageError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Package {
    kind: Kind,
    name: Cow<'static, str>,
}

/// A package URL's type: an ecosystem detection reads, or another registered type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Known(Ecosystem),
    Other(Cow<'static, str>),
}

/// The package URL types of the package-url specification (`types/*-definition.json` of
/// package-url/purl-spec; `tests/data/purl-types.tsv` names the source). A registry may list a
/// package of any of them; detection reads `pypi`, `npm`, `cargo` and `github` (and
/// `githubactions` as `github`).
pub const PURL_TYPES: [&str; 67] = [
    "agentskills",
    "alpm",
    "ansible",
    "apk",
    "bazel",
    "bitbucket",
    "bitnami",
    "brew",
    "bsd",
    "cargo",
    "chrome",
    "chrome-extension",
    "cocoapods",
    "composer",
    "conan",
    "conda",
    "cpan",
    "cran",
    "deb",
    "docker",
    "edge-extension",
    "firefox-extension",
    "fusesoc",
    "gem",
    "generic",
    "getit",
    "git",
    "gitee",
    "github",
    "githubactions",
    "golang",
    "hackage",
    "hex",
    "huggingface",
    "ips",
    "julia",
    "luarocks",
    "maven",
    "mlflow",
    "nipkg",
    "nix",
    "npm",
    "nuget",
    "oci",
    "opam",
    "openvsx",
    "otp",
    "p2",
    "pear",
    "powershell",
    "pub",
    "pypi",
    "qpkg",
    "raku",
    "rpm",
    "smartsetup",
    "spack",
    "swid",
    "swift",
    "terraform",
    "vcpkg",
    "vipm",
    "virtual",
    "vscode",
    "vscode-extension",
    "vsx",
    "yocto",
];

/// Why a text is not a [`Package`]: the input and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a package URL: {reason}")]
pub struct ParsePackageError {
    input: String,
    reason: String,
}

impl ParsePackageError {
    fn new(input: &str, reason: impl Into<String>) -> ParsePackageError {
        ParsePackageError {
            input: input.to_owned(),
            reason: reason.into(),
        }
    }

    /// The text that was read.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl Package {
    /// A package of `ecosystem` named `name`, checked against the ecosystem's rules for names.
    ///
    /// # Errors
    /// The name is not a valid name in the ecosystem.
    pub fn new(
        ecosystem: Ecosystem,
        name: impl Into<String>,
    ) -> Result<Package, ParsePackageError> {
        let name = name.into();
        if let Err(reason) = check_name(ecosystem, &name) {
            return Err(ParsePackageError::new(
                &format!("pkg:{ecosystem}/{}", encode(&name)),
                reason,
            ));
        }
        Ok(Package {
            kind: Kind::Known(ecosystem),
            name: Cow::Owned(name),
        })
    }

    /// A built-in package (the name is checked by the tests against the vendored table).
    pub(crate) const fn known(ecosystem: Ecosystem, name: &'static str) -> Package {
        Package {
            kind: Kind::Known(ecosystem),
            name: Cow::Borrowed(name),
        }
    }

    /// The ecosystem.
    pub fn ecosystem(&self) -> Option<Ecosystem> {
        match self.kind {
            Kind::Known(e) => Some(e),
            Kind::Other(_) => None,
        }
    }

    /// The package URL's type: `pypi`, or another of [`PURL_TYPES`] (`maven`, `github`).
    ///
    /// ```
    /// use mlsecops_taxonomy::Package;
    /// let p: Package = "pkg:maven/org.example/scanner".parse()?;
    /// assert_eq!((p.purl_type(), p.name(), p.ecosystem()), ("maven", "org.example/scanner", None));
    /// # Ok::<(), mlsecops_taxonomy::ParsePackageError>(())
    /// ```
    pub fn purl_type(&self) -> &str {
        match &self.kind {
            Kind::Known(e) => e.as_str(),
            Kind::Other(t) => t,
        }
    }

    /// Whether two packages are one: the same type and, for an ecosystem detection reads, names
    /// its way equal.
    pub fn same(&self, other: &Package) -> bool {
        match (&self.kind, &other.kind) {
            (Kind::Known(a), Kind::Known(_)) => other.matches(*a, &self.name),
            (Kind::Other(a), Kind::Other(b)) => a == b && self.name == other.name,
            (Kind::Known(a), Kind::Other(_)) => other.matches(*a, &self.name),
            (Kind::Other(_), Kind::Known(b)) => self.matches(*b, &other.name),
        }
    }

    /// The name, as written.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name as the ecosystem compares names: PEP 503 for PyPI (lowercase, runs of `-`, `_`
    /// and `.` as one `-`), as written otherwise.
    pub fn normalized_name(&self) -> Cow<'_, str> {
        match self.kind {
            Kind::Known(e) => normalize(e, &self.name),
            Kind::Other(_) => Cow::Borrowed(&self.name),
        }
    }

    /// Whether `name` in `ecosystem` is this package, names compared as the ecosystem compares
    /// them.
    pub fn matches(&self, ecosystem: Ecosystem, name: &str) -> bool {
        match &self.kind {
            Kind::Known(e) => {
                *e == ecosystem && normalize(ecosystem, name) == self.normalized_name()
            }
            // `pkg:githubactions/OWNER/REPO` names the repository of an action, as
            // `pkg:github/OWNER/REPO` does.
            Kind::Other(t) => {
                t == "githubactions"
                    && ecosystem == Ecosystem::GitHub
                    && name.eq_ignore_ascii_case(&self.name)
            }
        }
    }
}

/// The name as `ecosystem` compares names (see [`Package::normalized_name`]).
pub(crate) fn normalize(ecosystem: Ecosystem, name: &str) -> Cow<'_, str> {
    match ecosystem {
        Ecosystem::PyPi => {
            let clean = name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !name.contains("--");
            if clean {
                return Cow::Borrowed(name);
            }
            let mut out = String::with_capacity(name.len());
            let mut separator = false;
            for c in name.chars() {
                if matches!(c, '-' | '_' | '.') {
                    separator = true;
                } else {
                    if separator && !out.is_empty() {
                        out.push('-');
                    }
                    separator = false;
                    // ASCII only: a name that is not ASCII is no PyPI name (detection refuses
                    // it before), and Unicode's lowercase would make `garaK` (KELVIN SIGN)
                    // `garak`.
                    out.push(c.to_ascii_lowercase());
                }
            }
            Cow::Owned(out)
        }
        Ecosystem::Npm | Ecosystem::Cargo => Cow::Borrowed(name),
        Ecosystem::GitHub if name.bytes().any(|b| b.is_ascii_uppercase()) => {
            Cow::Owned(name.to_ascii_lowercase())
        }
        Ecosystem::GitHub => Cow::Borrowed(name),
    }
}

/// Checks a name against its ecosystem's rules: PEP 508 names for PyPI, npm's rules (lowercase,
/// URL-safe, an optional `@scope/`), crates.io's (ASCII letters, digits, `-`, `_`, at most 64).
pub(crate) fn check_name(ecosystem: Ecosystem, name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the name is empty".to_owned());
    }
    match ecosystem {
        Ecosystem::PyPi => {
            let b = name.as_bytes();
            let inner_ok = b
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'));
            let ends_ok = b[0].is_ascii_alphanumeric() && b[b.len() - 1].is_ascii_alphanumeric();
            if inner_ok && ends_ok {
                Ok(())
            } else {
                Err(format!(
                    "{name:?} is not a PyPI name (ASCII letters and digits, with '-', '_' or '.' \
                     inside)"
                ))
            }
        }
        Ecosystem::Npm => {
            let bare = match name.strip_prefix('@') {
                Some(scoped) => match scoped.split_once('/') {
                    Some((scope, bare)) if !scope.is_empty() && npm_word(scope) => bare,
                    _ => return Err(format!("{name:?} is not an npm name (@scope/name)")),
                },
                None => name,
            };
            if name.len() <= 214 && npm_word(bare) && !bare.starts_with(['.', '_']) {
                Ok(())
            } else {
                Err(format!(
                    "{name:?} is not an npm name (lowercase letters, digits, '-', '.', '_', '~', \
                     at most 214 characters)"
                ))
            }
        }
        Ecosystem::GitHub => {
            let word = |w: &str| {
                !w.is_empty()
                    && w.bytes()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
            };
            match name.split_once('/') {
                Some((owner, repo)) if word(owner) && word(repo) && !repo.contains('/') => Ok(()),
                _ => Err(format!(
                    "{name:?} is not a GitHub repository (OWNER/REPO: ASCII letters, digits, \
                     '-', '_' and '.')"
                )),
            }
        }
        Ecosystem::Cargo => {
            let ok = name.len() <= 64
                && name.as_bytes()[0].is_ascii_alphabetic()
                && name
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'));
            if ok {
                Ok(())
            } else {
                Err(format!(
                    "{name:?} is not a crate name (ASCII letters, digits, '-' and '_', starting \
                     with a letter, at most 64)"
                ))
            }
        }
    }
}

fn npm_word(word: &str) -> bool {
    !word.is_empty()
        && word.bytes().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'-' | b'.' | b'_' | b'~')
        })
}

/// The name as a package URL writes it: `@` of an npm scope as `%40`.
fn encode(name: &str) -> Cow<'_, str> {
    match name.strip_prefix('@') {
        Some(rest) => Cow::Owned(format!("%40{rest}")),
        None => Cow::Borrowed(name),
    }
}

impl fmt::Display for Package {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pkg:{}/{}", self.purl_type(), encode(&self.name))
    }
}

impl core::str::FromStr for Package {
    type Err = ParsePackageError;

    /// Reads `pkg:TYPE/NAME` (an npm scope as `%40scope/name` or `@scope/name`); a version, a
    /// qualifier or a subpath is an error here (see the detection readers for package URLs with
    /// versions).
    fn from_str(input: &str) -> Result<Package, ParsePackageError> {
        let err = |reason: String| ParsePackageError::new(input, reason);
        let rest = input
            .strip_prefix("pkg:")
            .ok_or_else(|| err("it starts with \"pkg:\" (as in pkg:pypi/garak)".to_owned()))?;
        let (kind, name) = rest
            .split_once('/')
            .ok_or_else(|| err("it has no '/' between the type and the name".to_owned()))?;
        let ecosystem = match kind.parse::<Ecosystem>() {
            Ok(e) => e,
            Err(_) if PURL_TYPES.contains(&kind) => return other(input, kind, name),
            Err(_) => {
                let mut known: Vec<&str> = Ecosystem::ALL.map(Ecosystem::as_str).to_vec();
                known.extend(PURL_TYPES);
                return Err(match closest(kind, known.iter().copied()) {
                    Some(s) => err(format!(
                        "unknown type {kind:?}, did you mean {s}? (detection reads {}; a registry \
                         may list any type of the package-url specification)",
                        Ecosystem::ALL.map(Ecosystem::as_str).join(", ")
                    )),
                    None => err(format!(
                        "unknown type {kind:?} (detection reads {}; a registry may list any type \
                         of the package-url specification)",
                        Ecosystem::ALL.map(Ecosystem::as_str).join(", ")
                    )),
                });
            }
        };
        if ecosystem.as_str() != kind {
            return Err(err(format!("the type is written {:?}", ecosystem.as_str())));
        }
        let body = match ecosystem {
            Ecosystem::Npm => name.strip_prefix('@').unwrap_or(name),
            _ => name,
        };
        if let Some(c) = body.chars().find(|c| matches!(c, '@' | '?' | '#')) {
            return Err(err(format!(
                "{c:?} starts a version, qualifier or subpath; a tool's package has none"
            )));
        }
        let name = match name.strip_prefix("%40") {
            Some(rest) => format!("@{rest}"),
            None => name.to_owned(),
        };
        if !matches!(ecosystem, Ecosystem::Npm | Ecosystem::GitHub) && name.contains('/') {
            return Err(err(format!("a {ecosystem} package has no namespace")));
        }
        check_name(ecosystem, &name).map_err(err)?;
        Ok(Package {
            kind: Kind::Known(ecosystem),
            name: Cow::Owned(name),
        })
    }
}

/// A package of a type detection does not read: `pkg:TYPE/NAMESPACE/NAME` without version,
/// qualifiers or subpath, each segment non-empty.
fn other(input: &str, kind: &str, name: &str) -> Result<Package, ParsePackageError> {
    let err = |reason: String| ParsePackageError::new(input, reason);
    if let Some(c) = name.chars().find(|c| matches!(c, '@' | '?' | '#')) {
        return Err(err(format!(
            "{c:?} starts a version, qualifier or subpath; a tool's package has none"
        )));
    }
    if name.split('/').any(str::is_empty) || name.chars().any(char::is_whitespace) {
        return Err(err(
            "the name is empty, has an empty segment or white space".to_owned(),
        ));
    }
    Ok(Package {
        kind: Kind::Other(Cow::Owned(kind.to_owned())),
        name: Cow::Owned(name.to_owned()),
    })
}

impl TryFrom<&str> for Package {
    type Error = ParsePackageError;

    fn try_from(input: &str) -> Result<Package, ParsePackageError> {
        input.parse()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Package {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Package {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(crate::taxonomy::text::FromStrVisitor::<Package>::new())
    }
}

#[cfg(test)]
mod tests {
    use super::{Ecosystem, Package, normalize};

    #[test]
    fn github_repositories_compare_ignoring_case_and_as_githubactions() {
        let p: Package = "pkg:github/AquaSecurity/trivy-action".parse().unwrap();
        assert_eq!(p.ecosystem(), Some(Ecosystem::GitHub));
        assert!(p.matches(Ecosystem::GitHub, "aquasecurity/Trivy-Action"));
        assert!(!p.matches(Ecosystem::GitHub, "aquasecurity/trivy"));
        let actions: Package = "pkg:githubactions/aquasecurity/trivy-action"
            .parse()
            .unwrap();
        assert_eq!(actions.ecosystem(), None);
        assert!(actions.matches(Ecosystem::GitHub, "AquaSecurity/trivy-action"));
        assert!(actions.same(&p) && p.same(&actions));
        for bad in [
            "pkg:github/trivy-action",
            "pkg:github/a/b/c",
            "pkg:github/a b/c",
        ] {
            assert!(bad.parse::<Package>().is_err(), "{bad}");
        }
    }

    #[test]
    fn pep_503_normalisation() {
        for (name, folded) in [
            ("NeMoGuardrails", "nemoguardrails"),
            ("agentic_security", "agentic-security"),
            ("Foo.Bar--baz__Qux", "foo-bar-baz-qux"),
            ("garak", "garak"),
            ("a--b", "a-b"),
        ] {
            assert_eq!(normalize(Ecosystem::PyPi, name), folded);
        }
        assert_eq!(normalize(Ecosystem::Cargo, "Safe_Tensors"), "Safe_Tensors");
        assert_eq!(normalize(Ecosystem::Npm, "@a/b"), "@a/b");
    }

    #[test]
    fn package_urls_round_trip() {
        for text in [
            "pkg:pypi/garak",
            "pkg:cargo/safetensors",
            "pkg:npm/%40scope/name-1",
        ] {
            let p: Package = text.parse().unwrap();
            assert_eq!(p.to_string(), text);
        }
        let p: Package = "pkg:npm/@scope/name".parse().unwrap();
        assert_eq!(p.name(), "@scope/name");
        assert_eq!(p.to_string(), "pkg:npm/%40scope/name");
    }

    #[test]
    fn bad_package_urls_say_why() {
        for (text, reason) in [
            (
                "pkg:pypy/garak",
                "unknown type \"pypy\", did you mean pypi?",
            ),
            ("pkg:PyPI/garak", "the type is written \"pypi\""),
            ("pkg:pypi/garak@0.9", "'@' starts a version"),
            ("pkg:pypi/-garak", "is not a PyPI name"),
            ("pkg:cargo/a/b", "a cargo package has no namespace"),
            ("pkg:npm/Upper", "is not an npm name"),
            ("pkg:npm/@scope/name@1.0", "'@' starts a version"),
            ("pkg:pypi", "no '/'"),
            ("pkg:pypi/", "the name is empty"),
        ] {
            let err = text.parse::<Package>().unwrap_err().to_string();
            assert!(err.contains(reason), "{text}: {err}");
        }
    }
}
