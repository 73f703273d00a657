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
        "\"R24-Security\": Security risks are R1 to R23 at line 1 column 15"
    );
    assert!(serde_json::from_str::<RiskSet>(r#""R1-Security""#).is_err());
}

/// Every type serializes to the document form its schema describes, and a user's own derived
/// types can hold them.
#[cfg(feature = "schema")]
mod documents {
    use mlsecops_taxonomy::{
        Counts, Coverage, CoverageGap, GapEntry, Layer, MinimalCover, Problem, Registry, Risk,
        Tool, schema,
    };
    use schemars::JsonSchema;
    use serde_json::{Value, json};

    /// Validates `value` against the schema schemars generates for `T`.
    fn assert_valid<T: JsonSchema>(value: &Value) {
        let schema =
            schemars::SchemaGenerator::new(schemars::generate::SchemaSettings::draft2020_12())
                .into_root_schema_for::<T>();
        let validator = jsonschema::validator_for(&schema.to_value()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{}: {errors:#?}\n{value}",
            std::any::type_name::<T>()
        );
    }

    #[derive(serde::Serialize)]
    struct Mine<'r> {
        counts: Counts,
        coverage: Coverage<'r>,
        gap: CoverageGap,
        cover: MinimalCover<'r>,
        tool: Tool,
    }

    #[test]
    fn each_type_serializes_as_its_document() {
        let reg = Registry::builtin();
        let cov = reg.coverage(["Garak", "ModelScan"]).unwrap();
        // A coverage is the coverage report with no requirements.
        let doc = serde_json::to_value(&cov).unwrap();
        assert_eq!(
            doc,
            serde_json::from_str::<Value>(&cov.report([]).to_json()).unwrap()
        );
        assert_valid::<Coverage>(&doc);
        assert_eq!(
            doc,
            schema_valid(&schema::coverage_schema().to_value(), doc.clone())
        );

        let counts = serde_json::to_value(cov.layer(Layer::Model)).unwrap();
        assert_eq!(counts, json!({"covered": 3, "total": 13}));
        assert_valid::<Counts>(&counts);

        let gap = cov.require(Layer::Model).unwrap_err();
        let value = serde_json::to_value(&gap).unwrap();
        assert_eq!(value["missing"].as_array().unwrap().len(), 10);
        assert_eq!(
            value["gaps"][1],
            json!({"risk": "R11-Security", "tools": ["Model Transparency", "Bandit", "KitOps", "skops", "picklescan", "Fickling", "ModelAudit", "sigstore-python", "cosign"], "others": []})
        );
        assert_valid::<CoverageGap>(&value);
        assert_valid::<GapEntry>(&value["gaps"][0]);
        // As the report writes a requirement's gaps.
        let report: Value =
            serde_json::from_str(&cov.report(["model".parse().unwrap()]).to_json()).unwrap();
        assert_eq!(report["requirements"][0]["gaps"], value["gaps"]);
        assert_eq!(report["requirements"][0]["missing"], value["missing"]);

        let cover = reg.minimal_cover(Layer::Data);
        let value = serde_json::to_value(&cover).unwrap();
        assert_eq!(
            value["tools"],
            json!([
                "NB Defense",
                "cleanlab",
                "KitOps",
                "Prowler",
                "Fickling",
                "Presidio"
            ])
        );
        assert_eq!(value["uncoverable"], json!([]));
        assert_valid::<MinimalCover>(&value);

        // Registries and tools are registry files and their entries.
        let value = serde_json::to_value(reg).unwrap();
        assert_eq!(
            value,
            serde_json::from_str::<Value>(&reg.to_json()).unwrap()
        );
        assert_valid::<Registry>(&value);
        let garak = reg.get("garak").unwrap();
        let value = serde_json::to_value(garak).unwrap();
        assert_eq!(
            value,
            json!(value["name"].as_str().map(|_| value.clone()).unwrap())
        );
        assert_eq!(
            value["risks"],
            json!(["R9-Security", "R10-Security", "R17-Security"])
        );
        assert_valid::<Tool>(&value);
        assert_eq!(&serde_json::from_value::<Tool>(value).unwrap(), garak);

        // The crosswalk as the taxonomy document writes it.
        let taxonomy = schema::taxonomy_document();
        for (i, risk) in Risk::ALL.into_iter().enumerate() {
            assert_eq!(
                serde_json::to_value(risk.crosswalk()).unwrap(),
                taxonomy["risks"][i]["crosswalk"],
                "{risk}"
            );
        }

        // A problem as `validate --format json` writes it.
        let err = Registry::from_json(r#"{"tools": [{"name": "A", "risks": ["R24-Security"]}]}"#)
            .unwrap_err();
        let problems: Vec<&Problem> = err.problems().iter().collect();
        let value = serde_json::to_value(problems[0]).unwrap();
        assert_eq!(
            value,
            json!({"line": 1, "column": 36, "tool": 0, "name": "A", "field": "risks",
            "message": "\"R24-Security\": Security risks are R1 to R23"})
        );
        assert_valid::<Problem>(&value);

        // A user's own type holds them all.
        let mine = Mine {
            counts: cov.total(),
            coverage: cov.clone(),
            gap,
            cover,
            tool: garak.clone(),
        };
        let value = serde_json::to_value(&mine).unwrap();
        assert_eq!(value["counts"], json!({"covered": 5, "total": 34}));
        assert_eq!(value["tool"]["id"], "garak");
    }

    fn schema_valid(schema: &Value, value: Value) -> Value {
        let validator = jsonschema::validator_for(schema).unwrap();
        assert!(validator.is_valid(&value));
        value
    }

    #[test]
    fn registries_and_tools_deserialize_through_the_loader() {
        let text = Registry::builtin().to_json();
        assert_eq!(
            &serde_json::from_str::<Registry>(&text).unwrap(),
            Registry::builtin()
        );
        let err = serde_json::from_str::<Registry>(
            r#"{"tools": [{"name": "A", "risks": ["R24-Security", "r1-security"]}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("\"R24-Security\": Security risks are R1 to R23"),
            "{err}"
        );
        assert!(
            err.contains(r#""r1-security" must be written "R1-Security""#),
            "{err}"
        );
        let err = serde_json::from_str::<Tool>(r#"{"name": "A", "risks": [], "rsks": []}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(r#"field "rsks": unknown field, did you mean "risks"?"#),
            "{err}"
        );
        assert!(!err.contains("tool 0"), "{err}");
    }
}

#[test]
fn a_risk_set_of_the_wrong_type_says_what_is_expected() {
    let err = serde_json::from_str::<mlsecops_taxonomy::RiskSet>("3").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: integer `3`, expected an array of distinct risk codes such as \"R17-Security\" at line 1 column 1"
    );
}
