//! Risk codes: [`Domain`], [`SecurityRisk`], [`PrivacyRisk`] and [`Risk`], with their names,
//! descriptions and phases as the source lists them, and the parser for the codes people type.

use crate::ParseRiskError;
use crate::taxonomy::lifecycle::{Layer, Phase};
use crate::taxonomy::risk_set::RiskSet;
use crate::taxonomy::text::named_enum;

named_enum! {
    /// Whether a risk concerns security (`R*-Security`) or privacy (`R*-Privacy`).
    ///
    /// ```
    /// use mlsecops_taxonomy::Domain;
    ///
    /// assert_eq!("Privacy".parse::<Domain>()?, Domain::Privacy);
    /// assert_eq!(Domain::Privacy.to_string(), "privacy");
    /// assert_eq!(Domain::Security.count(), 23);
    /// assert_eq!(Domain::Privacy.risks().len(), 11);
    /// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
    /// ```
    #[non_exhaustive]
    pub enum Domain("domain", "The domain of a risk: security or privacy.") {
        /// Security risks, `R1-Security` to `R23-Security`.
        Security = "security", "Security";
        /// Privacy risks, `R1-Privacy` to `R11-Privacy`.
        Privacy = "privacy", "Privacy";
    }
}

impl Domain {
    /// How many risks the domain has: its codes run from R1 to R`count`.
    pub const fn count(self) -> u8 {
        match self {
            Domain::Security => SecurityRisk::ALL.len() as u8,
            Domain::Privacy => PrivacyRisk::ALL.len() as u8,
        }
    }

    /// Every risk of the domain.
    pub const fn risks(self) -> RiskSet {
        // Security risks come first in canonical order, so they are the low bits.
        let security = RiskSet::from_bits_truncate((1 << SecurityRisk::ALL.len()) - 1);
        match self {
            Domain::Security => security,
            Domain::Privacy => RiskSet::ALL.difference(security),
        }
    }
}

/// One row of a risk table.
struct RiskRow {
    code: &'static str,
    name: &'static str,
    description: &'static str,
    phase: Phase,
}

/// Generates one domain's enum, its `ALL` array and its rows from the risk table.
macro_rules! domain_risks {
    (
        $(#[$meta:meta])*
        $ty:ident, $rows:ident, $domain:literal,
        $( $number:literal $variant:ident $phase:ident $name:literal $description:literal; )*
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(u8)]
        pub enum $ty {
            $(
                #[doc = concat!("`R", stringify!($number), "-", $domain, "` ", $name, ": ", $description)]
                $variant = $number,
            )*
        }

        const $rows: &[RiskRow] = &[
            $(
                RiskRow {
                    code: concat!("R", stringify!($number), "-", $domain),
                    name: $name,
                    description: $description,
                    phase: Phase::$phase,
                },
            )*
        ];

        $crate::taxonomy::text::enum_traits!($ty, $rows.len());

        impl $ty {
            #[doc = concat!("Every ", $domain, " risk, R1 first.")]
            pub const ALL: [$ty; $rows.len()] = [$($ty::$variant),*];

            const fn row(self) -> &'static RiskRow {
                &$rows[self as usize - 1]
            }

            /// The number in the code: 17 for `R17-Security`.
            pub const fn number(self) -> u8 {
                self as u8
            }

            /// The canonical code, e.g. `"R17-Security"`.
            pub const fn code(self) -> &'static str {
                self.row().code
            }

            /// The risk's name, verbatim from the source.
            pub const fn name(self) -> &'static str {
                self.row().name
            }

            /// The risk's description, verbatim from the source.
            pub const fn description(self) -> &'static str {
                self.row().description
            }

            /// The phase under which the source lists the risk.
            pub const fn phase(self) -> Phase {
                self.row().phase
            }

            /// The layer of the risk's phase.
            pub const fn layer(self) -> Layer {
                self.phase().layer()
            }
        }

        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.code())
            }
        }

        // The table must list R1, R2, ... in order: the discriminant is the number and the row index.
        const _: () = {
            let mut i = 0;
            while i < $ty::ALL.len() {
                assert!($ty::ALL[i] as usize == i + 1);
                i += 1;
            }
        };
    };
}

// The taxonomy, one row per risk: number, variant, phase, then the source's name and description.
domain_risks! {
    /// A security risk, `R1-Security` to `R23-Security`, in the source's order.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Phase, SecurityRisk};
    ///
    /// let r = SecurityRisk::ApiAbuseAndInjection;
    /// assert_eq!((r.code(), r.number(), r.name()), ("R17-Security", 17, "API Abuse & Injection"));
    /// assert_eq!(r.phase(), Phase::ModelDeployment);
    /// assert_eq!(SecurityRisk::ALL.len(), 23);
    /// ```
    SecurityRisk, SECURITY_ROWS, "Security",
    1 DataPoisoning DataCollection "Data Poisoning Attacks"
        "Attackers inject manipulated or biased data during collection.";
    2 DataFetching DataCollection "Data Fetching Attacks"
        "Malicious code or hijacked data streams compromise the incoming data in real time.";
    3 PreprocessingInjection DataPreprocessing "Malicious Injection during Preprocessing"
        "Errors or deliberate manipulations (e.g., mislabeling) can occur as data is transformed.";
    4 AnnotationErrors DataPreprocessing "Annotation Errors"
        "Intentional or unintentional misannotations can bias the training data.";
    5 FakeData DataStorage "Fake Data Attacks"
        "The stored dataset might be replaced or corrupted with spurious data.";
    6 IncompleteData DataStorage "Incomplete Data Attacks"
        "Missing or tampered data remains in the repository.";
    7 DataTampering DataStorage "Data Tampering Attacks"
        "Stored data may be altered after the fact, leading to a compromised dataset.";
    8 BiasAndJailbreak ModelTraining "Bias & Jailbreak Risks"
        "Training on biased data or adversarial inputs that cause the model to behave unexpectedly.";
    9 Adversarial ModelTraining "Adversarial Attacks"
        "During training, adversarial examples might be introduced to degrade model performance.";
    10 Backdoor ModelTraining "Backdoor Attacks"
        "Hidden triggers are embedded during training to activate malicious behavior during inference.";
    11 FakeModel ModelStorage "Fake Model Attacks"
        "The saved model might be replaced with a malicious version.";
    12 IncompleteModelArtifacts ModelStorage "Incomplete Model Artifacts"
        "Missing parameters or weights can compromise the model’s integrity.";
    13 ModelTampering ModelStorage "Model Tampering"
        "Post-training modifications (e.g., unauthorized changes to model weights) that alter intended behavior.";
    14 ContainerImageVulnerabilities ModelDeployment "Container Image Vulnerabilities"
        "Insecure container configurations or pre-built images that contain vulnerabilities.";
    15 StaticConfigurationErrors ModelDeployment "Static Configuration Errors"
        "Faulty configuration files or environment settings that are baked into the deployment.";
    16 ContainerRuntime ModelDeployment "Container Runtime Attacks"
        "Active exploitation such as container escapes or runtime virus attacks.";
    17 ApiAbuseAndInjection ModelDeployment "API Abuse & Injection"
        "Real-time attacks on the deployment endpoint, exploiting weaknesses in API security.";
    18 Quantization ModelOptimization "Quantization Attacks"
        "Exploiting the optimization process (e.g., precision loss) to manipulate model behavior.";
    19 ModelTransfer ModelOptimization "Model Transfer Attacks"
        "During model migration or integration, attackers could extract or tamper with model parameters dynamically.";
    20 CodeVulnerability ApplicationDevelopment "Code Vulnerability Attacks"
        "Pre-existing vulnerabilities in the application code (e.g., remote code execution, SQL injection, XSS) which become a fixed risk if not patched.";
    21 InsecureApiIntegration ApplicationDevelopment "Insecure API Integration"
        "Static misconfigurations in API usage or credentials that can be exploited.";
    22 RuntimeExploitation ServiceExposure "Runtime Exploitation"
        "Attacks during API calls, including DDoS or injection attacks that occur on-the-fly.";
    23 AnomalousBehavior ServiceExposure "Anomalous Behavior Detection"
        "Dynamic monitoring may reveal unusual patterns (e.g., sudden spikes in traffic, unexpected model outputs) indicative of ongoing attacks.";
}

domain_risks! {
    /// A privacy risk, `R1-Privacy` to `R11-Privacy`, in the source's order.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Phase, PrivacyRisk};
    ///
    /// let r = PrivacyRisk::DataMemorization;
    /// assert_eq!((r.code(), r.name()), ("R5-Privacy", "Unintentional Data Memorization"));
    /// assert_eq!(r.phase(), Phase::ModelTraining);
    /// assert_eq!(PrivacyRisk::ALL.len(), 11);
    /// ```
    PrivacyRisk, PRIVACY_ROWS, "Privacy",
    1 UnauthorizedPiiCollection DataCollection "Unauthorized PII Collection"
        "Collecting Personally Identifiable Information (PII) or sensitive data (e.g., financial, health records) without proper anonymization or consent can lead to privacy breaches.";
    2 PiiLeakage DataPreprocessing "PII Leakage"
        "During data cleaning, transformation, or labeling, sensitive details might inadvertently be exposed or improperly anonymized.";
    3 UnsecuredDataTransfer DataPreprocessing "Unsecured Data Transfer Exposure"
        "During the transfer of data between systems or over networks, unencrypted channels may expose sensitive information.";
    4 SensitiveDataExposure DataStorage "Sensitive Data Exposure"
        "Stored datasets that include sensitive information become attractive targets for unauthorized access or leakage.";
    5 DataMemorization ModelTraining "Unintentional Data Memorization"
        "Without incorporating privacy-preserving techniques (e.g., differential privacy), models may leak information via model inversion or membership inference attacks.";
    6 SensitivePatternExtraction ModelDeployment "Sensitive Pattern Extraction"
        "Even if the model itself appears secure, it might reveal sensitive patterns or individual data points through carefully crafted queries.";
    7 UnauthorizedModelExtraction ModelDeployment "Unauthorized Model Extraction"
        "Improper access control to the model files could enable unauthorized extraction of underlying sensitive features.";
    8 InsecureDataManagement ModelOptimization "Insecure Data Management"
        "Insecure APIs, unencrypted data storage in the application, or flawed session management can expose user data.";
    9 SensitiveLogExposure ApplicationDevelopment "Sensitive Log Exposure"
        "If logs are not sanitized or securely stored, they can become a vector for privacy breaches.";
    10 UnvettedDataCollection ServiceExposure "Unvetted Data Collection"
        "Third-party components may collect or transmit user data without adequate consent or security measures.";
    11 SideChannelLeaks ServiceExposure "Side-Channel Data Leaks"
        "Inference through aggregate statistics or error messages could expose individual data details.";
}

/// A risk of the taxonomy: one of the 23 security risks or the 11 privacy risks.
///
/// Its text form is the canonical code (`"R17-Security"`): `Display`, serde and the JSON Schema
/// use it, and `FromStr` reads it back along with the forms people type (any case, surrounding
/// whitespace, `-`, `_`, a space or nothing between number and domain).
///
/// ```
/// use mlsecops_taxonomy::{Domain, Layer, Phase, Risk, SecurityRisk};
///
/// let r: Risk = " r17 security ".parse()?;
/// assert_eq!(r, Risk::Security(SecurityRisk::ApiAbuseAndInjection));
/// assert_eq!((r.code(), r.number(), r.domain()), ("R17-Security", 17, Domain::Security));
/// assert_eq!(r.name(), "API Abuse & Injection");
/// assert_eq!((r.phase(), r.layer()), (Phase::ModelDeployment, Layer::Model));
/// assert_eq!(r.to_string(), "R17-Security");
///
/// let err = "R24-Security".parse::<Risk>().unwrap_err();
/// assert_eq!(err.to_string(), r#""R24-Security": Security risks are R1 to R23"#);
/// # Ok::<(), mlsecops_taxonomy::ParseRiskError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Risk {
    /// A security risk, `R1-Security` to `R23-Security`.
    Security(SecurityRisk),
    /// A privacy risk, `R1-Privacy` to `R11-Privacy`.
    Privacy(PrivacyRisk),
}

impl Risk {
    /// How many risks the taxonomy has (34).
    pub const COUNT: usize = SecurityRisk::ALL.len() + PrivacyRisk::ALL.len();

    /// Every risk in canonical order: `R1-Security` to `R23-Security`, then `R1-Privacy` to `R11-Privacy`.
    pub const ALL: [Risk; Risk::COUNT] = {
        let mut all = [Risk::Security(SecurityRisk::DataPoisoning); Risk::COUNT];
        let mut i = 0;
        while i < SecurityRisk::ALL.len() {
            all[i] = Risk::Security(SecurityRisk::ALL[i]);
            i += 1;
        }
        let mut j = 0;
        while j < PrivacyRisk::ALL.len() {
            all[i + j] = Risk::Privacy(PrivacyRisk::ALL[j]);
            j += 1;
        }
        all
    };

    /// The risk with this domain and number, if there is one: `Risk::new(Domain::Security, 17)`.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Domain, Risk};
    /// assert_eq!(Risk::new(Domain::Privacy, 5).map(Risk::code), Some("R5-Privacy"));
    /// assert_eq!(Risk::new(Domain::Privacy, 12), None);
    /// ```
    pub const fn new(domain: Domain, number: u8) -> Option<Risk> {
        if number == 0 || number > domain.count() {
            return None;
        }
        let i = number as usize - 1;
        Some(match domain {
            Domain::Security => Risk::Security(SecurityRisk::ALL[i]),
            Domain::Privacy => Risk::Privacy(PrivacyRisk::ALL[i]),
        })
    }

    /// The risk of a canonical code, exactly as [`code`](Risk::code) writes it, in a `const`
    /// context too; `None` for anything else. `str::parse` also reads the lenient forms
    /// (`r17 security`) and says what is wrong with the rest; this is the one parser of canonical
    /// codes, which the crate's built-in tables use at compile time.
    ///
    /// ```
    /// use mlsecops_taxonomy::Risk;
    /// const R17: Option<Risk> = Risk::from_code("R17-Security");
    /// assert_eq!(R17.map(Risk::code), Some("R17-Security"));
    /// assert_eq!(Risk::from_code("R9-Sxxxxxxx"), None);
    /// assert_eq!(Risk::from_code("r17-security"), None);
    /// assert_eq!(Risk::from_code("R24-Security"), None);
    /// ```
    ///
    /// Used in a constant, a misspelled code is a compile error:
    ///
    /// ```compile_fail
    /// use mlsecops_taxonomy::Risk;
    /// const R9: Risk = match Risk::from_code("R9-Sxxxxxxx") {
    ///     Some(r) => r,
    ///     None => panic!("not a canonical risk code"),
    /// };
    /// ```
    pub const fn from_code(code: &str) -> Option<Risk> {
        Risk::from_code_bytes(code.as_bytes())
    }

    /// [`Risk::from_code`] of bytes.
    pub(crate) const fn from_code_bytes(b: &[u8]) -> Option<Risk> {
        if b.len() < 3 || b[0] != b'R' || !b[1].is_ascii_digit() || b[1] == b'0' {
            return None;
        }
        let (number, dash) = if b[2].is_ascii_digit() {
            ((b[1] - b'0') * 10 + (b[2] - b'0'), 3)
        } else {
            (b[1] - b'0', 2)
        };
        if dash >= b.len() || b[dash] != b'-' {
            return None;
        }
        let (_, domain) = b.split_at(dash + 1);
        let domain = if bytes_eq(domain, b"Security") {
            Domain::Security
        } else if bytes_eq(domain, b"Privacy") {
            Domain::Privacy
        } else {
            return None;
        };
        Risk::new(domain, number)
    }

    /// The position of the risk in [`Risk::ALL`] (0 to 33).
    pub const fn index(self) -> usize {
        match self {
            Risk::Security(r) => r as usize - 1,
            Risk::Privacy(r) => SecurityRisk::ALL.len() + r as usize - 1,
        }
    }

    /// The risk at this position of [`Risk::ALL`], if the index is below 34.
    pub const fn from_index(index: usize) -> Option<Risk> {
        if index < Risk::COUNT {
            Some(Risk::ALL[index])
        } else {
            None
        }
    }

    /// Security or Privacy.
    pub const fn domain(self) -> Domain {
        match self {
            Risk::Security(_) => Domain::Security,
            Risk::Privacy(_) => Domain::Privacy,
        }
    }

    /// The number in the code: 17 for `R17-Security`.
    pub const fn number(self) -> u8 {
        match self {
            Risk::Security(r) => r.number(),
            Risk::Privacy(r) => r.number(),
        }
    }

    const fn row(self) -> &'static RiskRow {
        match self {
            Risk::Security(r) => r.row(),
            Risk::Privacy(r) => r.row(),
        }
    }

    /// The canonical code, e.g. `"R17-Security"`.
    pub const fn code(self) -> &'static str {
        self.row().code
    }

    /// The risk's name, verbatim from the source, e.g. `"API Abuse & Injection"`.
    pub const fn name(self) -> &'static str {
        self.row().name
    }

    /// The risk's description, verbatim from the source.
    pub const fn description(self) -> &'static str {
        self.row().description
    }

    /// The phase under which the source lists the risk.
    pub const fn phase(self) -> Phase {
        self.row().phase
    }

    /// The layer of the risk's phase.
    pub const fn layer(self) -> Layer {
        self.phase().layer()
    }
}

impl From<SecurityRisk> for Risk {
    fn from(r: SecurityRisk) -> Self {
        Risk::Security(r)
    }
}

impl From<PrivacyRisk> for Risk {
    fn from(r: PrivacyRisk) -> Self {
        Risk::Privacy(r)
    }
}

impl core::fmt::Display for Risk {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code())
    }
}

impl core::str::FromStr for Risk {
    type Err = ParseRiskError;

    // Inlined into the caller's crate: a canonical code is read there, with no call; the lenient
    // forms and the errors are the out-of-line `parse_risk`.
    #[inline]
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        match canonical(input.as_bytes()) {
            Some(risk) => Ok(risk),
            None => parse_risk(input),
        }
    }
}

impl TryFrom<&str> for Risk {
    type Error = ParseRiskError;

    fn try_from(input: &str) -> Result<Self, Self::Error> {
        parse_risk(input)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Risk {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Risk {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(crate::taxonomy::text::FromStrVisitor::<Risk>::new())
    }
}

/// Reads `R`, a number, an optional `-`, `_` or space, and a domain, ignoring case and
/// surrounding whitespace.
/// The canonical code's risk, read with word-sized comparisons: the path of nearly every parse.
/// Agrees with [`Risk::from_code`] on every input (a unit test compares them).
#[inline]
fn canonical(b: &[u8]) -> Option<Risk> {
    const SECURITY: u64 = u64::from_le_bytes(*b"Security");
    const PRIVACY: u64 = u64::from_le_bytes(*b"-Privacy");
    let n = b.len();
    // R1-Privacy is the shortest code, R23-Security the longest.
    if !(10..=12).contains(&n) {
        return None;
    }
    let mut tail = [0; 8];
    tail.copy_from_slice(&b[n - 8..]);
    let tail = u64::from_le_bytes(tail);
    let (head, domain) = if tail == SECURITY && b[n - 9] == b'-' {
        (&b[..n - 9], Domain::Security)
    } else if tail == PRIVACY {
        (&b[..n - 8], Domain::Privacy)
    } else {
        return None;
    };
    let number = match *head {
        [b'R', d @ b'1'..=b'9'] => d - b'0',
        [b'R', t @ b'1'..=b'9', u @ b'0'..=b'9'] => (t - b'0') * 10 + (u - b'0'),
        _ => return None,
    };
    Risk::new(domain, number)
}

#[cold]
fn parse_risk(input: &str) -> Result<Risk, ParseRiskError> {
    if let Some(risk) = canonical(input.as_bytes()) {
        return Ok(risk);
    }
    let code = input.trim();
    if code.is_empty() {
        return Err(ParseRiskError::Empty);
    }
    let not_a_code = || ParseRiskError::NotACode {
        input: input.to_owned(),
    };
    let rest = code.strip_prefix(['R', 'r']).ok_or_else(not_a_code)?;
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, rest) = rest.split_at(digits_end);
    if digits.is_empty() {
        return Err(not_a_code());
    }
    let digits = match digits.trim_start_matches('0') {
        "" => "0",
        significant => significant,
    };
    // One separator, `-` or `_`, with spaces around it or not; or spaces alone; or nothing.
    let after_space = rest.trim_start();
    let domain_text = after_space
        .strip_prefix(['-', '_'])
        .map_or(after_space, str::trim_start);
    // `R1-Security R2-Security`: a list written without commas.
    if let Some((first, more)) =
        domain_text.split_once(|c: char| c.is_whitespace() || c == ',' || c == ';')
    {
        let is_domain =
            |d: &str| d.eq_ignore_ascii_case("security") || d.eq_ignore_ascii_case("privacy");
        if is_domain(first) && !more.trim().is_empty() {
            return Err(ParseRiskError::SeveralCodes {
                input: input.to_owned(),
            });
        }
    }
    let domain = if domain_text.eq_ignore_ascii_case("security") {
        Domain::Security
    } else if domain_text.eq_ignore_ascii_case("privacy") {
        Domain::Privacy
    } else if domain_text.is_empty() {
        return Err(ParseRiskError::MissingDomain {
            input: input.to_owned(),
            number: digits.to_owned(),
        });
    } else {
        let suggestion = Domain::ALL
            .into_iter()
            .min_by_key(|d| crate::suggest::distance(&domain_text.to_lowercase(), d.as_str()))
            .unwrap_or(Domain::Security);
        return Err(ParseRiskError::UnknownDomain {
            input: input.to_owned(),
            domain: domain_text.to_owned(),
            suggestion,
        });
    };
    digits
        .parse::<u8>()
        .ok()
        .and_then(|n| Risk::new(domain, n))
        .ok_or_else(|| ParseRiskError::OutOfRange {
            input: input.to_owned(),
            number: digits.to_owned(),
            domain,
        })
}

/// Whether two byte strings are equal, in a `const` context.
const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{Domain, Risk, canonical};

    #[test]
    fn the_fast_path_agrees_with_from_code() {
        let mut inputs: Vec<String> = Vec::new();
        for risk in Risk::ALL {
            let code = risk.code();
            inputs.push(code.to_owned());
            // Every one-byte change, deletion and insertion of every code.
            for i in 0..code.len() {
                for b in [b'0', b'1', b'9', b'R', b'-', b'x', b'y', b' '] {
                    let mut bytes = code.as_bytes().to_vec();
                    bytes[i] = b;
                    inputs.push(String::from_utf8(bytes.clone()).unwrap());
                    bytes.insert(i, b);
                    inputs.push(String::from_utf8(bytes).unwrap());
                }
                let mut bytes = code.as_bytes().to_vec();
                bytes.remove(i);
                inputs.push(String::from_utf8(bytes).unwrap());
            }
        }
        inputs.extend(
            ["R0-Privacy", "R12-Privacy", "R24-Security", "R99-Security"].map(String::from),
        );
        for input in &inputs {
            assert_eq!(
                canonical(input.as_bytes()),
                Risk::from_code(input),
                "{input:?}"
            );
        }
    }

    #[test]
    fn from_code_reads_exactly_the_canonical_codes() {
        for risk in Risk::ALL {
            assert_eq!(Risk::from_code(risk.code()), Some(risk));
            assert_eq!(risk.code().parse::<Risk>(), Ok(risk));
        }
        assert_eq!(
            Risk::from_code("R17-Security"),
            Risk::new(Domain::Security, 17)
        );
        for other in [
            "",
            "R",
            "R1",
            "R1-",
            "R0-Security",
            "R01-Security",
            "R24-Security",
            "R12-Privacy",
            "r1-security",
            "R1-security",
            "R1 Security",
            "R1-Securityy",
            "R1-Sxxxxxxx",
            "R100-Security",
            " R1-Security",
        ] {
            assert_eq!(Risk::from_code(other), None, "{other:?}");
        }
    }
}
