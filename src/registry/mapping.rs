//! Why a tool is said to cover a risk, and what it is to a project: [`Basis`], [`Mapping`],
//! [`Role`], and [`Upstream`] (the repository the curated facts were read from).

use std::borrow::Cow;

use crate::taxonomy::risk::Risk;
use crate::taxonomy::text::named_enum;

named_enum! {
    /// On what basis a tool is said to cover a risk.
    ///
    /// The source's rows are [`Source`](Basis::Source); the curated layer's are
    /// [`Stated`](Basis::Stated) (the tool's own words name the risk, or an OWASP or ATLAS id the
    /// crosswalk links to it) or [`Judged`](Basis::Judged) (this crate's reading of the tool's
    /// words against the risk's definition, with a rationale); a registry file's and an
    /// amendment's are [`User`](Basis::User). A policy can say which bases count
    /// (`basis = ["source", "stated"]`).
    ///
    /// ```
    /// use mlsecops_taxonomy::{Basis, Registry};
    /// let reg = Registry::builtin();
    /// let r14 = "R14-Security".parse()?;
    /// assert_eq!(reg.get("trivy")?.risk_basis(r14), Some(Basis::Stated));
    /// assert_eq!(reg.get("garak")?.risk_basis("R17-Security".parse()?), Some(Basis::Source));
    /// assert_eq!("judged".parse::<Basis>()?, Basis::Judged);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum Basis("basis", "On what basis a tool is said to cover a risk: the source's table, the tool's own words (stated), this crate's reading of them (judged), or the user.") {
        /// A row of the source's table: `"source"`.
        Source = "source", "Source";
        /// The tool's own words name the risk (or an OWASP or ATLAS id linked to it): `"stated"`.
        Stated = "stated", "Stated";
        /// This crate's reading of the tool's words against the risk's definition: `"judged"`.
        Judged = "judged", "Judged";
        /// A registry file or an amendment: `"user"`.
        User = "user", "User";
    }
}

named_enum! {
    /// What a tool is to a project: whether a team can adopt it as a control, and how.
    ///
    /// Suggestions (`cover`, "would be covered by", `init`) propose only tools a project can
    /// adopt ([`is_adoptable`](Role::is_adoptable)): CI scanners, runtime libraries and hosted
    /// services; benchmarks, playgrounds and research code only when asked.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Registry, Role};
    /// let reg = Registry::builtin();
    /// assert_eq!(reg.get("trivy")?.role(), Some(Role::CiScanner));
    /// assert_eq!(reg.get("ai-goat")?.role(), Some(Role::Playground));
    /// assert!(!Role::Playground.is_adoptable());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum Role("role", "What a tool is to a project: a command run in CI, a runtime library, a hosted service, a benchmark, a training playground or research code.") {
        /// A command a pipeline runs (a scanner, linter, auditor or signer): `"ci-scanner"`.
        CiScanner = "ci-scanner", "CI scanner";
        /// A library or runtime guardrail the project's code uses: `"runtime-library"`.
        RuntimeLibrary = "runtime-library", "Runtime library";
        /// A service run by its vendor, used through a client: `"hosted-service"`.
        HostedService = "hosted-service", "Hosted service";
        /// A benchmark or dataset that measures models, not a control: `"benchmark"`.
        Benchmark = "benchmark", "Benchmark";
        /// A deliberately vulnerable playground for learning: `"playground"`.
        Playground = "playground", "Playground";
        /// The code of a paper or a proof of concept: `"research"`.
        Research = "research", "Research code";
    }
}

impl Role {
    /// Whether a project can adopt a tool of this role as a control: a CI scanner, a runtime
    /// library or a hosted service.
    pub const fn is_adoptable(self) -> bool {
        matches!(
            self,
            Role::CiScanner | Role::RuntimeLibrary | Role::HostedService
        )
    }
}

named_enum! {
    /// Whether a tool's repository showed recent work when its facts were read.
    ///
    /// `maintained`: a commit within the twelve months before the curated layer's review
    /// (see [`Upstream`]); `unmaintained`: none; `archived`: the repository is archived.
    ///
    /// ```
    /// use mlsecops_taxonomy::Status;
    /// assert_eq!("unmaintained".parse::<Status>()?, Status::Unmaintained);
    /// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
    /// ```
    #[non_exhaustive]
    pub enum Status("status", "Whether a tool's repository showed recent work when its facts were read.") {
        /// A commit within the twelve months before the review: `"maintained"`.
        Maintained = "maintained", "Maintained";
        /// No commit within the twelve months before the review: `"unmaintained"`.
        Unmaintained = "unmaintained", "Unmaintained";
        /// The repository is archived: `"archived"`.
        Archived = "archived", "Archived";
    }
}

/// Where a curated tool's facts were read: its repository, the commit read, that commit's date,
/// the licence, and whether it was maintained then.
///
/// ```
/// use mlsecops_taxonomy::{Registry, Status};
/// let presidio = Registry::builtin().get("presidio")?;
/// let upstream = presidio.upstream().expect("a curated tool says where it was read");
/// assert_eq!(upstream.repository(), "microsoft/presidio");
/// assert_eq!(upstream.status(), Status::Maintained);
/// assert_eq!(upstream.commit().len(), 40);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Upstream {
    pub(crate) repository: Cow<'static, str>,
    pub(crate) commit: Cow<'static, str>,
    pub(crate) date: Option<Cow<'static, str>>,
    pub(crate) licence: Option<Cow<'static, str>>,
    pub(crate) status: Status,
}

impl Upstream {
    /// The GitHub repository, `OWNER/NAME`.
    pub fn repository(&self) -> &str {
        &self.repository
    }

    /// The commit read (40 hexadecimal digits).
    pub fn commit(&self) -> &str {
        &self.commit
    }

    /// The commit's date (`YYYY-MM-DD`), when known.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// The licence's SPDX id, when the repository states one.
    pub fn licence(&self) -> Option<&str> {
        self.licence.as_deref()
    }

    /// Whether the repository was maintained when read.
    pub fn status(&self) -> Status {
        self.status
    }
}

/// Why a tool is said to cover one risk, with its evidence: the words quoted (the tool's own, at
/// most 200 characters; for the source's rows, the row's description) with the repository,
/// commit, path and line they were read at, the [`Basis`], and one sentence of rationale.
///
/// ```
/// use mlsecops_taxonomy::{Basis, Registry};
/// let trivy = Registry::builtin().get("Trivy")?;
/// let e = trivy.mappings_of("R14-Security".parse()?).next().expect("Trivy states R14");
/// assert_eq!(e.basis(), Basis::Stated);
/// assert!(e.quote().contains("container images"));
/// assert_eq!(e.repository(), "aquasecurity/trivy");
/// assert!(e.citation().starts_with("aquasecurity/trivy@"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mapping {
    pub(crate) risk: Risk,
    pub(crate) basis: Basis,
    pub(crate) quote: Cow<'static, str>,
    pub(crate) repository: Cow<'static, str>,
    pub(crate) commit: Cow<'static, str>,
    pub(crate) path: Cow<'static, str>,
    pub(crate) line: u32,
    pub(crate) rationale: Cow<'static, str>,
}

impl Mapping {
    /// The risk mapped.
    pub fn risk(&self) -> Risk {
        self.risk
    }

    /// Source, stated or judged.
    pub fn basis(&self) -> Basis {
        self.basis
    }

    /// The words quoted, verbatim: the tool's own, or the source row's description.
    pub fn quote(&self) -> &str {
        &self.quote
    }

    /// The GitHub repository quoted, `OWNER/NAME`.
    pub fn repository(&self) -> &str {
        &self.repository
    }

    /// The commit read (40 hexadecimal digits).
    pub fn commit(&self) -> &str {
        &self.commit
    }

    /// The file quoted, relative to the repository's root.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The 1-based line of the quote.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// Why the quote means the risk: for a source row, the row's risk cell; for a stated
    /// mapping, what the quote names; for a judged one, the reading.
    pub fn rationale(&self) -> &str {
        &self.rationale
    }

    /// Where the quote is, short: `OWNER/NAME@COMMIT7:PATH:LINE`.
    pub fn citation(&self) -> String {
        let short = self.commit.get(..7).unwrap_or(&self.commit);
        format!("{}@{}:{}:{}", self.repository, short, self.path, self.line)
    }

    /// A link to the quoted line on GitHub, at the commit read.
    pub fn url(&self) -> String {
        format!(
            "https://github.com/{}/blob/{}/{}#L{}",
            self.repository, self.commit, self.path, self.line
        )
    }
}
