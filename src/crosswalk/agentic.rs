//! The OWASP Top 10 for Agentic Applications 2026 (ASI01 to ASI10) as OWASP's Top 10 for LLM
//! Applications 2026 maps its entries to it (Appendix 1, "Related Framework Mappings"): the only
//! way the crosswalk reaches the agentic list. A risk reaches an ASI entry through each of its
//! links to an LLM 2026 entry that the appendix maps there, with that link's strength
//! ([`Relation::Mapped`](super::Relation::Mapped)); the crosswalk states no link of its own to
//! the agentic list.

use super::{Framework, OwaspId};

/// The appendix's mappings, as `tests/data/owasp-agentic-2026.tsv` lists them (`cargo test
/// --test crosswalk` compares): the LLM 2026 item, the ASI item, and the relevance the appendix
/// states, shortened. OWASP marks every one primary.
#[rustfmt::skip]
static APPENDIX: [(u8, u8, &str); 31] = [
    (1, 1, "injected input redirects agent goals"),
    (1, 2, "injected input drives unauthorized tool invocation"),
    (1, 3, "agent acts under the user's elevated credentials"),
    (1, 5, "shell, file-system or cloud-API access turns injection into command execution"),
    (1, 6, "memory and RAG poisoning taint later sessions"),
    (1, 8, "tool outputs re-enter the context window"),
    (1, 9, "injection bypasses human-in-the-loop confirmation"),
    (2, 6, "persistent agent memory corruption leading to cross-session data leakage"),
    (3, 1, "injection or hallucination diverting an agent triggers excessive agency"),
    (3, 2, "tools carrying functionality beyond what the task needs"),
    (3, 3, "extensions with generic, over-privileged identities"),
    (3, 5, "shell-command extensions and over-autonomous coding agents"),
    (3, 7, "compromised peer agents; authorization scope across chained agent calls"),
    (3, 8, "runaway extension invocation"),
    (3, 9, "trust placed in unsupervised agent action"),
    (4, 4, "agentic supply-chain risk is deferred by LLM04 to ASI04"),
    (5, 4, "poisoned pre-trained models and tampered inference-time artifacts"),
    (5, 6, "persistent agent memory poisoning"),
    (5, 8, "poisoned inputs propagating across multi-agent workflows"),
    (6, 2, "tool-call loops and fan-out exhaust budget and availability"),
    (6, 8, "one request amplified into cascading downstream operations"),
    (7, 8, "cross-agent misinformation propagation"),
    (7, 9, "fluent output treated as authoritative"),
    (7, 10, "agents falsifying task completion or evidence"),
    (8, 6, "pointer for persistent-memory poisoning built on exposed hidden context, not an equivalent risk"),
    (8, 7, "pointer for hidden context propagating across agent messaging, not an equivalent risk"),
    (9, 4, "embedding-model supply chain"),
    (9, 6, "agent-memory poisoning not relying on embedding geometry"),
    (10, 2, "response passed to a privileged extension without validation"),
    (10, 5, "unvalidated output reaching a shell, exec or eval"),
    (10, 9, "unvalidated output reaching a downstream trust decision (the appendix calls the match loose)"),
];

/// Where the mappings come from, for the notes of carried links and for people.
pub(crate) const APPENDIX_SOURCE: &str = "OWASP Top 10 for LLM Applications 2026, Appendix 1";

impl OwaspId {
    /// The entries of the OWASP Top 10 for Agentic Applications 2026 that OWASP's LLM Top 10
    /// 2026 maps this entry to (its Appendix 1), each with the relevance the appendix states;
    /// none for an id of another list or edition.
    ///
    /// ```
    /// use mlsecops_taxonomy::OwaspId;
    /// let llm04: OwaspId = "LLM04:2026".parse()?;
    /// let mapped: Vec<String> = llm04.agentic().map(|(asi, _)| asi.to_string()).collect();
    /// assert_eq!(mapped, ["ASI04:2026"]);
    /// assert_eq!("LLM04:2025".parse::<OwaspId>()?.agentic().count(), 0);
    /// # Ok::<(), mlsecops_taxonomy::ParseIdError>(())
    /// ```
    pub fn agentic(self) -> impl Iterator<Item = (OwaspId, &'static str)> {
        let from = (self.framework() == Framework::OwaspLlm2026).then_some(self.number());
        APPENDIX
            .iter()
            .filter(move |(llm, _, _)| Some(*llm) == from)
            .filter_map(|&(_, asi, note)| {
                OwaspId::new(Framework::OwaspAgentic2026, asi).map(|id| (id, note))
            })
    }
}
