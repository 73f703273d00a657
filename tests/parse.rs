//! Parsing and display of every type: accepted forms, exact error messages, and agreement of
//! `Display`, `FromStr` and serde for every variant.

use mlsecops_taxonomy::{
    Domain, Layer, ParseRiskError, ParseRiskSetError, Phase, PhaseKind, PrivacyRisk, Risk, RiskSet,
    SecurityRisk,
};
use strum::IntoEnumIterator;

#[test]
fn the_forms_people_type_parse() {
    let r17 = Risk::Security(SecurityRisk::ApiAbuseAndInjection);
    for input in [
        "R17-Security",
        "r17-security",
        " R17 Security ",
        "R17_SECURITY",
        "R17Security",
        "\tr17-SeCuRiTy\n",
        "R017-Security",
    ] {
        assert_eq!(input.parse::<Risk>(), Ok(r17), "{input:?}");
        assert_eq!(Risk::try_from(input), Ok(r17), "{input:?}");
    }
    assert_eq!(
        "r5 privacy".parse::<Risk>(),
        Ok(Risk::Privacy(PrivacyRisk::DataMemorization))
    );
}

fn message(input: &str) -> String {
    input.parse::<Risk>().unwrap_err().to_string()
}

#[test]
fn risk_errors_say_what_was_wrong() {
    assert_eq!(
        message(""),
        "empty risk code: expected a code such as R17-Security"
    );
    assert_eq!(
        message("   "),
        "empty risk code: expected a code such as R17-Security"
    );
    assert_eq!(
        message("17-Security"),
        r#""17-Security" is not a risk code: expected R, a number and a domain, such as R17-Security"#
    );
    assert_eq!(
        message("R-Security"),
        r#""R-Security" is not a risk code: expected R, a number and a domain, such as R17-Security"#
    );
    assert_eq!(
        message("R17"),
        r#""R17" has no domain: expected R17-Security or R17-Privacy"#
    );
    assert_eq!(
        message("R17-"),
        r#""R17-" has no domain: expected R17-Security or R17-Privacy"#
    );
    assert_eq!(
        message("R17-Secrity"),
        r#""R17-Secrity": unknown domain "Secrity", did you mean Security?"#
    );
    assert_eq!(
        message("R3-privcy"),
        r#""R3-privcy": unknown domain "privcy", did you mean Privacy?"#
    );
    assert_eq!(
        message("R3--Privacy"),
        r#""R3--Privacy": unknown domain "-Privacy", did you mean Privacy?"#
    );
    assert_eq!(
        message("R24-Security"),
        r#""R24-Security": Security risks are R1 to R23"#
    );
    assert_eq!(
        message("r0 security"),
        r#""r0 security": Security risks are R1 to R23"#
    );
    assert_eq!(
        message("R12-Privacy"),
        r#""R12-Privacy": Privacy risks are R1 to R11"#
    );
    assert_eq!(
        message("R99999999999999999999999-Privacy"),
        r#""R99999999999999999999999-Privacy": Privacy risks are R1 to R11"#
    );
    // A list without commas says to use them.
    assert_eq!(
        message("R1-Security R2-Security"),
        r#""R1-Security R2-Security" is more than one risk code: separate codes with commas, as in R1-Security, R2-Security"#
    );
    assert_eq!(
        message("r1 security; r2 security"),
        r#""r1 security; r2 security" is more than one risk code: separate codes with commas, as in R1-Security, R2-Security"#
    );
    let set_error = "R1-Security, R2-Security R3-Security"
        .parse::<RiskSet>()
        .unwrap_err();
    assert!(
        set_error.to_string().starts_with(
            r#"item 2 of the list: "R2-Security R3-Security" is more than one risk code"#
        ),
        "{set_error}"
    );
    // The item's cause is in the message, not again as a source.
    assert!(std::error::Error::source(&set_error).is_none());
}

#[test]
fn spaces_around_the_separator_are_allowed() {
    for input in [
        "R17 - Security",
        "R17 -Security",
        "R17- Security",
        "r17 _ security",
        "R17  Security",
    ] {
        assert_eq!(
            input.parse::<Risk>().map(|r| r.code()),
            Ok("R17-Security"),
            "{input}"
        );
    }
    assert!("R17 -- Security".parse::<Risk>().is_err());
}

#[test]
fn risk_errors_carry_their_parts() {
    assert_eq!(
        "R24-Security".parse::<Risk>(),
        Err(ParseRiskError::OutOfRange {
            input: "R24-Security".into(),
            number: "24".into(),
            domain: Domain::Security
        })
    );
    assert!(matches!(
        "R1-Sec".parse::<Risk>(),
        Err(ParseRiskError::UnknownDomain {
            suggestion: Domain::Security,
            ..
        })
    ));
}

#[test]
fn odd_bytes_never_panic() {
    for input in [
        "R\u{0}",
        "Ré-Security",
        "R1-Sécurité",
        "R1\u{200b}Security",
        "🦀",
        "R🦀",
        "R1🦀",
    ] {
        assert!(input.parse::<Risk>().is_err(), "{input:?}");
        assert!(input.parse::<RiskSet>().is_err(), "{input:?}");
        assert!(input.parse::<Phase>().is_err(), "{input:?}");
    }
}

#[test]
fn the_source_names_parse_too() {
    for phase in Phase::ALL {
        assert_eq!(phase.name().parse::<Phase>(), Ok(phase));
        assert_eq!(phase.name().to_uppercase().parse::<Phase>(), Ok(phase));
    }
    for kind in PhaseKind::ALL {
        assert_eq!(kind.name().parse::<PhaseKind>(), Ok(kind));
    }
    for layer in Layer::ALL {
        assert_eq!(layer.name().parse::<Layer>(), Ok(layer));
        assert_eq!(
            format!("{} Layer", layer.name()).parse::<Layer>(),
            Ok(layer)
        );
    }
    assert_eq!("APP".parse::<Layer>(), Ok(Layer::Application));
    assert_eq!(
        "model deployment".parse::<Phase>(),
        Ok(Phase::ModelDeployment)
    );
    assert_eq!(
        "Model Deployment and Containerization".parse::<Phase>(),
        Ok(Phase::ModelDeployment)
    );
    assert_eq!("SECURITY".parse::<Domain>(), Ok(Domain::Security));
}

#[test]
fn name_errors_suggest_or_list() {
    let err = |s: &str| s.parse::<Layer>().unwrap_err().to_string();
    assert_eq!(
        err("modle"),
        r#"unknown layer "modle": did you mean model?"#
    );
    assert_eq!(
        err("network"),
        r#"unknown layer "network": expected one of data, model, application"#
    );
    assert_eq!(
        err(""),
        r#"unknown layer "": expected one of data, model, application"#
    );
    assert_eq!(
        "data storag".parse::<Phase>().unwrap_err().to_string(),
        r#"unknown phase "data storag": did you mean data_storage?"#
    );
    assert_eq!(
        "dynamik".parse::<PhaseKind>().unwrap_err().to_string(),
        r#"unknown phase kind "dynamik": did you mean dynamic?"#
    );
    assert_eq!(
        "privat".parse::<Domain>().unwrap_err().to_string(),
        r#"unknown domain "privat": did you mean privacy?"#
    );
}

#[test]
fn all_consts_follow_the_enums() {
    assert!(SecurityRisk::iter().eq(SecurityRisk::ALL));
    assert!(PrivacyRisk::iter().eq(PrivacyRisk::ALL));
    assert!(Phase::iter().eq(Phase::ALL));
    assert!(Layer::iter().eq(Layer::ALL));
    assert!(PhaseKind::iter().eq(PhaseKind::ALL));
    assert!(Domain::iter().eq(Domain::ALL));
    let expected: Vec<Risk> = SecurityRisk::iter()
        .map(Risk::from)
        .chain(PrivacyRisk::iter().map(Risk::from))
        .collect();
    assert_eq!(Risk::ALL.to_vec(), expected);
    for (i, risk) in Risk::ALL.into_iter().enumerate() {
        assert_eq!(risk.index(), i);
        assert_eq!(Risk::from_index(i), Some(risk));
        assert_eq!(Risk::new(risk.domain(), risk.number()), Some(risk));
        assert_eq!(
            risk.code(),
            format!("R{}-{}", risk.number(), risk.domain().name())
        );
    }
    assert_eq!(Risk::from_index(34), None);
    let mut sorted = Risk::ALL;
    sorted.sort();
    assert_eq!(sorted, Risk::ALL, "Ord follows canonical order");
}

#[test]
fn layers_partition_phases_and_risks() {
    let mut all = RiskSet::EMPTY;
    for layer in Layer::ALL {
        assert!(all.is_disjoint(layer.risks()));
        all |= layer.risks();
        for phase in layer.phases() {
            assert!(phase.risks().is_subset(layer.risks()));
        }
    }
    assert_eq!(all, RiskSet::ALL);
    assert_eq!(
        Layer::ALL.map(|l| (l.phases().len(), l.risks().len())),
        [(3, 11), (3, 13), (3, 10)]
    );
}

#[test]
fn risk_set_text_forms() {
    let set: RiskSet = "R2-Security, r1 privacy,R1-Security".parse().unwrap();
    assert_eq!(set.to_string(), "R1-Security, R2-Security, R1-Privacy");
    assert_eq!(set.to_string().parse::<RiskSet>(), Ok(set));
    assert_eq!("".parse::<RiskSet>(), Ok(RiskSet::EMPTY));
    assert_eq!(RiskSet::EMPTY.to_string(), "");
    assert_eq!(
        RiskSet::ALL.to_string().parse::<RiskSet>(),
        Ok(RiskSet::ALL)
    );
    assert_eq!(
        "R1-Security,,R2-Security".parse::<RiskSet>(),
        Err(ParseRiskSetError::EmptyItem { position: 2 })
    );
    assert_eq!(
        "R1-Security, r1-security"
            .parse::<RiskSet>()
            .unwrap_err()
            .to_string(),
        "item 2 of the list repeats R1-Security"
    );
    assert_eq!(
        "R1-Security, R2"
            .parse::<RiskSet>()
            .unwrap_err()
            .to_string(),
        r#"item 2 of the list: "R2" has no domain: expected R2-Security or R2-Privacy"#
    );
    assert_eq!(
        format!("{:?}", set),
        r#"{"R1-Security", "R2-Security", "R1-Privacy"}"#
    );
}

#[test]
fn a_list_without_commas_is_told_from_a_misspelled_domain() {
    use mlsecops_taxonomy::{ParseRiskError, Risk};
    let several = "R1-Security R2-Security".parse::<Risk>().unwrap_err();
    assert!(
        matches!(several, ParseRiskError::SeveralCodes { .. }),
        "{several:?}"
    );
    // A misspelled domain followed by more text is a misspelled domain, and a trailing comma
    // after one code is not a list.
    for input in ["R1-Secrity R2-Security", "R1-Security,"] {
        let err = input.parse::<Risk>().unwrap_err();
        assert!(
            matches!(err, ParseRiskError::UnknownDomain { .. }),
            "{input}: {err:?}"
        );
    }
}

#[test]
fn requirements_by_atlas_and_owasp_id_mean_the_risks_the_crosswalk_links() {
    use mlsecops_taxonomy::{ExternalId, Requirement};
    for text in [
        "LLM01:2025",
        "AML.T0051",
        "ML02:2023",
        "ASI01",
        "llm01:2025",
    ] {
        let requirement: Requirement = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        let id: ExternalId = text.parse().unwrap();
        assert_eq!(requirement, Requirement::Framework(id), "{text}");
        assert_eq!(requirement.risks(), id.risks(), "{text}");
        assert!(!requirement.risks().is_empty(), "{text}");
        assert_eq!(requirement.to_string(), id.to_string());
    }
    // An id no risk links to would check nothing; an id that is not one says why.
    let err = "AML.T0000".parse::<Requirement>().unwrap_err().to_string();
    assert!(err.contains("would check nothing"), "{err}");
    let err = "LLM11:2025".parse::<Requirement>().unwrap_err().to_string();
    assert!(err.contains("LLM11"), "{err}");
    // Names that only begin like an id are still names.
    assert_eq!(
        "model".parse::<Requirement>().unwrap(),
        Requirement::Layer(Layer::Model)
    );
}
