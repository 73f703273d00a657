//! serde agrees with `Display` and `FromStr` for every variant: the text form is the wire form.
#![cfg(feature = "serde")]

use mlsecops_taxonomy::{Domain, Layer, Phase, PhaseKind, Risk, RiskSet};

#[test]
fn every_variant_displays_and_parses_back_and_serde_agrees() {
    for risk in Risk::ALL {
        let text = risk.to_string();
        assert_eq!(text, risk.code());
        assert_eq!(text.parse::<Risk>(), Ok(risk));
        assert_eq!(serde_json::to_string(&risk).unwrap(), format!("\"{text}\""));
        assert_eq!(
            serde_json::from_str::<Risk>(&format!("\"{text}\"")).unwrap(),
            risk
        );
    }
    fn check<T>(values: &[T])
    where
        T: std::fmt::Display + std::str::FromStr + serde::Serialize + serde::de::DeserializeOwned,
        T: PartialEq + std::fmt::Debug,
        T::Err: std::fmt::Debug,
    {
        for value in values {
            let text = value.to_string();
            assert!(
                text.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{text} is snake_case"
            );
            assert_eq!(text.parse::<T>().as_ref().ok(), Some(value));
            assert_eq!(serde_json::to_string(value).unwrap(), format!("\"{text}\""));
            assert_eq!(
                &serde_json::from_str::<T>(&format!("\"{text}\"")).unwrap(),
                value
            );
        }
    }
    check(&Layer::ALL);
    check(&Phase::ALL);
    check(&PhaseKind::ALL);
    check(&Domain::ALL);
}

#[test]
fn risk_set_serde_is_an_array_of_codes() {
    let set: RiskSet = "R17-Security, R5-Privacy".parse().unwrap();
    let json = serde_json::to_string(&set).unwrap();
    assert_eq!(json, r#"["R17-Security","R5-Privacy"]"#);
    assert_eq!(serde_json::from_str::<RiskSet>(&json).unwrap(), set);
    assert_eq!(
        serde_json::from_str::<RiskSet>("[]").unwrap(),
        RiskSet::EMPTY
    );
    let dup = serde_json::from_str::<RiskSet>(r#"["R1-Security","R1-Security"]"#).unwrap_err();
    assert_eq!(
        dup.to_string(),
        "duplicate risk code R1-Security at line 1 column 29"
    );
    let bad = serde_json::from_str::<RiskSet>(r#"["R24-Security"]"#).unwrap_err();
    assert_eq!(
        bad.to_string(),
        "R24-Security: Security risks are R1 to R23 at line 1 column 15"
    );
    assert!(serde_json::from_str::<RiskSet>(r#""R1-Security""#).is_err());
}
