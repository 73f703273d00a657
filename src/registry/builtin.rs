//! The built-in registry: the source's "Security Tools & Resources" table (37 rows, 36 tools)
//! and its "Industry" table (5 vendors), one row per tool, in the source's order.
//!
//! Risk codes are kept as the source writes them and turned into a `RiskSet` at compile time;
//! a code the crate does not know fails the build. Categories come from the curated
//! `tool-categories.tsv` (sections of the Awesome AI Security list).

use std::borrow::Cow;

use crate::registry::package::{Ecosystem, Package};
use crate::registry::tool::{Category, Provenance, Tool, ToolKind};
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;

/// Parses a comma-separated list of canonical risk codes at compile time, each with
/// [`Risk::from_code`]: a misspelled code fails the build.
const fn codes(text: &str) -> RiskSet {
    let mut rest = text.as_bytes();
    let mut set = RiskSet::EMPTY;
    while !rest.is_empty() {
        let mut end = 0;
        while end < rest.len() && rest[end] != b',' {
            end += 1;
        }
        let (code, after) = rest.split_at(end);
        match Risk::from_code_bytes(trim_spaces(code)) {
            Some(risk) => set = set.with(risk),
            None => panic!("not a canonical risk code"),
        }
        rest = match after.split_first() {
            Some((_, after)) => after,
            None => after,
        };
    }
    set
}

/// The bytes without leading and trailing spaces, in a `const` context.
const fn trim_spaces(mut b: &[u8]) -> &[u8] {
    while let [b' ', rest @ ..] = b {
        b = rest;
    }
    while let [rest @ .., b' '] = b {
        b = rest;
    }
    b
}

/// The packages of a row, as a constant slice.
macro_rules! packages {
    ($($package:expr),*) => {{
        const PACKAGES: &[Package] = &[$($package),*];
        PACKAGES
    }};
}

/// A PyPI package of the table.
const fn pypi(name: &'static str) -> Package {
    Package::known(Ecosystem::PyPi, name)
}

/// A crates.io package of the table.
const fn cargo(name: &'static str) -> Package {
    Package::known(Ecosystem::Cargo, name)
}

const fn tool(
    name: &'static str,
    id: &'static str,
    url: &'static str,
    description: &'static str,
    risks: &'static str,
    categories: &'static [Category],
    packages: &'static [Package],
) -> Tool {
    Tool {
        name: Cow::Borrowed(name),
        id: Cow::Borrowed(id),
        url: Some(Cow::Borrowed(url)),
        description: Some(Cow::Borrowed(description)),
        risks: codes(risks),
        kind: ToolKind::Tool,
        categories: Cow::Borrowed(categories),
        packages: Cow::Borrowed(packages),
        provenance: Provenance::Source,
        categories_provenance: Provenance::Curated,
        amended: None,
        role: None,
        upstream: None,
        mappings: Cow::Borrowed(&[]),
    }
}

const fn vendor(
    name: &'static str,
    id: &'static str,
    url: &'static str,
    description: &'static str,
) -> Tool {
    Tool {
        name: Cow::Borrowed(name),
        id: Cow::Borrowed(id),
        url: Some(Cow::Borrowed(url)),
        description: Some(Cow::Borrowed(description)),
        risks: RiskSet::EMPTY,
        kind: ToolKind::Vendor,
        categories: Cow::Borrowed(&[]),
        packages: Cow::Borrowed(&[]),
        provenance: Provenance::Source,
        categories_provenance: Provenance::Curated,
        amended: None,
        role: None,
        upstream: None,
        mappings: Cow::Borrowed(&[]),
    }
}

/// The rows: name, id, URL, description, risk codes, categories. "AIShield Watchtower" is two
/// rows in the source (R16-Security, then R17-Security, with the same URL): one tool here,
/// covering both, with the first row's description.
#[rustfmt::skip]
pub(crate) static TOOLS: [Tool; 41] = [
    tool("DeepSec", "deepsec", "https://github.com/ryderling/DEEPSEC", "A framework for evaluating the robustness of machine learning models against adversarial and other security threats.", "R9-Security", &[Category::AdversarialMl], &[]),
    tool("AIF360", "aif360", "https://github.com/IBM/AIF360", "A library developed by IBM for detecting and mitigating bias in AI models to improve fairness and privacy.", "R4-Security", &[Category::PrivacySafetyGovernance], packages![pypi("aif360")]),
    tool("Fairness Indicators", "fairness-indicators", "https://github.com/tensorflow/fairness-indicators", "Tools for assessing fairness and biases in machine learning models, focusing on metrics to identify potential risks in data and predictions.", "R4-Security", &[Category::PrivacySafetyGovernance], packages![pypi("fairness-indicators"), pypi("tensorboard-plugin-fairness-indicators")]),
    tool("FastGradientMethod", "fastgradientmethod", "https://github.com/cleverhans-lab/cleverhans", "A part of CleverHans that implements the Fast Gradient Sign Method (FGSM) attack for evaluating and defending against adversarial attacks.", "R9-Security", &[Category::AdversarialMl], packages![pypi("cleverhans")]),
    tool("Adversarial Robustness Toolkit", "adversarial-robustness-toolkit", "https://github.com/Trusted-AI/adversarial-robustness-toolbox", "A toolkit that provides a variety of attacks and defenses for evaluating adversarial robustness in ML models.", "R9-Security, R10-Security", &[Category::AdversarialMl], packages![pypi("adversarial-robustness-toolbox")]),
    tool("AIShield Watchtower", "aishield-watchtower", "https://github.com/bosch-aisecurity-aishield/watchtower", "AIShield Watchtower: Dive Deep into AI's Secrets! Open-source tool by AIShield for AI model insights & vulnerability scans. Secure your AI supply chain today!", "R16-Security, R17-Security", &[Category::SupplyChainMlops], &[]),
    tool("SafeML", "safeml", "https://github.com/ISorokos/SafeML", "Exploring techniques for estimating safety of machine learning classifiers", "R10-Security", &[Category::PrivacySafetyGovernance], packages![pypi("safeml")]),
    tool("Garak", "garak", "https://github.com/leondz/garak", "LLM vulnerability scanner that detects security flaws in large language models, focusing on prompt injection and adversarial vulnerabilities.", "R17-Security, R10-Security, R9-Security", &[Category::LlmSecurity], packages![pypi("garak")]),
    tool("ModelScan", "modelscan", "https://github.com/protectai/modelscan", "Protection Against ML Model Serialization Attacks, preventing malicious modifications of stored model files.", "R5-Security, R7-Security", &[Category::SupplyChainMlops], packages![pypi("modelscan")]),
    tool("NB Defense", "nb-defense", "https://nbdefense.ai", "Secure Jupyter Notebooks, protecting against malicious code and data leakage.", "R1-Security, R3-Security, R20-Security", &[Category::SupplyChainMlops], packages![pypi("nbdefense"), pypi("nbdefense-jupyter")]),
    tool("TensorFlow Privacy", "tensorflow-privacy", "https://github.com/tensorflow/privacy", "Library of privacy-preserving machine learning algorithms and tools, including differential privacy.", "R1-Privacy, R2-Privacy, R5-Privacy", &[Category::PrivacySafetyGovernance], packages![pypi("tensorflow-privacy")]),
    tool("Foolbox", "foolbox", "https://github.com/bethgelab/foolbox", "Python toolbox for creating and evaluating adversarial attacks and defenses.", "R9-Security, R10-Security", &[Category::AdversarialMl], packages![pypi("foolbox"), pypi("foolbox-native")]),
    tool("Audit AI", "audit-ai", "https://github.com/pymetrics/audit-ai", "Bias testing for generalized machine learning applications, ensuring fairness in model predictions.", "R4-Security", &[Category::PrivacySafetyGovernance], packages![pypi("audit-ai")]),
    tool("Privacy Meter", "privacy-meter", "https://github.com/privacytrustlab/ml_privacy_meter", "An open-source library to audit data privacy in statistical and machine learning algorithms.", "R2-Privacy, R1-Privacy, R5-Privacy", &[Category::PrivacySafetyGovernance], packages![pypi("privacy-meter")]),
    tool("Agentic Security", "agentic-security", "https://github.com/msoedov/agentic_security", "Agentic LLM Vulnerability Scanner / AI red teaming kit", "R17-Security, R10-Security", &[Category::LlmSecurity], packages![pypi("agentic-security")]),
    tool("TF-encrypted", "tf-encrypted", "https://tf-encrypted.io/", "Encryption for TensorFlow, providing privacy-preserving machine learning", "R1-Privacy, R2-Security", &[Category::PrivacySafetyGovernance], packages![pypi("tf-encrypted"), pypi("tf-encrypted-primitives")]),
    tool("AnonLLM", "anonllm", "https://github.com/fsndzomga/anonLLM", "Anonymize Personally Identifiable Information (PII) for Large Language Model APIs", "R1-Privacy", &[Category::LlmSecurity, Category::PrivacySafetyGovernance], packages![pypi("anonllm")]),
    tool("AI Goat", "ai-goat", "https://github.com/dhammon/ai-goat", "Vulnerable LLM CTF challenges, a playground for discovering LLM security flaws", "R17-Security, R10-Security", &[Category::LlmSecurity], &[]),
    tool("Pyrit", "pyrit", "https://github.com/Azure/PyRIT", "The Python Risk Identification Tool for generative AI, helps identify risks in AI models", "R9-Security, R8-Privacy", &[Category::LlmSecurity], packages![pypi("pyrit")]),
    tool("Raze to the Ground: Query-Efficient Adversarial HTML Attacks on Machine-Learning Phishing Webpage Detectors", "raze-to-the-ground-query-efficient-adversarial-html-attacks-on-machine-learning-phishing-webpage-detectors", "https://github.com/advmlphish/raze_to_the_ground_aisec23", "Source code for query-efficient adversarial attacks on machine-learning phishing webpage detectors", "R9-Security", &[Category::AdversarialMl], &[]),
    tool("Giskard", "giskard", "https://github.com/Giskard-AI/giskard", "Open-source testing tool for LLM applications to assess performance and security", "R9-Security, R10-Security", &[Category::LlmSecurity], packages![pypi("giskard"), pypi("giskard-scan"), pypi("giskard-checks")]),
    tool("Safetensors", "safetensors", "https://github.com/huggingface/safetensors", "Convert pickle to a safe serialization option, preventing security risks in model storage", "R5-Security, R7-Security", &[Category::SupplyChainMlops], packages![pypi("safetensors"), cargo("safetensors")]),
    tool("Citadel Lens", "citadel-lens", "https://www.citadel.co.jp/en/products/lens/", "Quality testing of models according to industry standards, ensuring integrity and security", "R10-Security", &[Category::PrivacySafetyGovernance], &[]),
    tool("Model-Inversion-Attack-ToolBox", "model-inversion-attack-toolbox", "https://github.com/ffhibnese/Model-Inversion-Attack-ToolBox", "A framework for implementing Model Inversion attacks, to extract sensitive data from models", "R5-Privacy", &[Category::PrivacySafetyGovernance], &[]),
    tool("NeMo-Guardrails", "nemo-guardrails", "https://github.com/NVIDIA/NeMo-Guardrails", "NeMo Guardrails help add programmable safety layers for LLM applications", "R10-Security, R6-Privacy", &[Category::LlmSecurity], packages![pypi("nemoguardrails")]),
    tool("AugLy", "augly", "https://github.com/facebookresearch/AugLy", "A tool for generating adversarial attacks to test robustness in models", "R9-Security", &[Category::AdversarialMl], packages![pypi("augly")]),
    tool("Knockoffnets", "knockoffnets", "https://github.com/tribhuvanesh/knockoffnets", "PoC to implement BlackBox attacks to steal model data", "R5-Security", &[Category::AdversarialMl], &[]),
    tool("Robust Intelligence Continuous Validation", "robust-intelligence-continuous-validation", "https://www.robustintelligence.com/platform/continuous-validation", "Tool for continuous model validation to ensure compliance with standards", "R9-Security", &[Category::PrivacySafetyGovernance], packages![pypi("rime-sdk"), pypi("robustintelligence")]),
    tool("VGER", "vger", "https://github.com/JosephTLucas/vger", "Jupyter Attack framework for testing vulnerabilities in Jupyter Notebooks", "R20-Security", &[Category::SupplyChainMlops], packages![pypi("vger")]),
    tool("PS-fuzz", "ps-fuzz", "https://github.com/prompt-security/ps-fuzz", "Tool for scanning LLM vulnerabilities, focused on prompt injection and other attacks", "R10-Security", &[Category::LlmSecurity], packages![pypi("prompt-security-fuzzer")]),
    tool("Mindgard-cli", "mindgard-cli", "https://github.com/Mindgard/cli/", "CLI tool for checking the security of AI models and ensuring they are robust", "R9-Security", &[Category::AdversarialMl], packages![pypi("mindgard")]),
    tool("PurpleLLama3", "purplellama3", "https://meta-llama.github.io/PurpleLlama/", "Check LLM security with Meta LLM Benchmark, focused on evaluating LLM vulnerabilities", "R10-Security", &[Category::LlmSecurity, Category::DatasetsBenchmarks], packages![pypi("llamafirewall"), pypi("codeshield")]),
    tool("Model Transparency", "model-transparency", "https://github.com/sigstore/model-transparency", "Generates model signing to ensure integrity and transparency in AI models", "R11-Security", &[Category::SupplyChainMlops], packages![pypi("model-signing")]),
    tool("ARTkit", "artkit", "https://github.com/BCG-X-Official/artkit", "Automated prompt-based testing and evaluation for generative AI applications", "R9-Security", &[Category::LlmSecurity], packages![pypi("artkit")]),
    tool("LangBiTe", "langbite", "https://github.com/SOM-Research/LangBiTe", "A bias testing framework specifically for LLMs, detecting and mitigating bias in LLMs", "R4-Security", &[Category::PrivacySafetyGovernance], &[]),
    tool("OpenDP", "opendp", "https://github.com/opendp/opendp", "Core library for differential privacy algorithms powering the OpenDP Project", "R1-Privacy, R2-Security", &[Category::PrivacySafetyGovernance], packages![pypi("opendp"), cargo("opendp")]),
    vendor("ProtectAI", "protectai", "https://protectai.com/", "Security for machine learning models and AI systems."),
    vendor("HiddenLayer", "hiddenlayer", "https://hiddenlayer.com/", "The ultimate security platform for AI."),
    vendor("Robust Intelligence", "robust-intelligence", "https://www.robustintelligence.com/", "Ensuring AI security and safety to drive enterprise adoption."),
    vendor("CalypsoAI", "calypsoai", "https://calypsoai.com", "AI security solutions to enable safe innovation."),
    vendor("Lakera", "lakera", "https://www.lakera.ai/", "Real-time security for GenAI applications without performance trade-offs."),
];

#[cfg(test)]
mod tests {
    use super::codes;

    #[test]
    fn codes_reads_lists_of_canonical_codes() {
        assert_eq!(codes("").len(), 0);
        assert_eq!(
            codes("R9-Security, R10-Security,R8-Privacy ").to_string(),
            "R9-Security, R10-Security, R8-Privacy"
        );
    }

    #[test]
    #[should_panic(expected = "not a canonical risk code")]
    fn a_misspelled_domain_is_rejected() {
        // Before `Risk::from_code`, only the domain's first letter was checked.
        codes("R9-Sxxxxxxx");
    }
}
