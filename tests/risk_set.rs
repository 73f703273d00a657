//! `RiskSet` algebra checked against a `BTreeSet<Risk>` model on many pseudo-random sets.

use std::collections::BTreeSet;

use mlsecops_taxonomy::{Risk, RiskSet};

mod common;

use common::Rng;

/// A model set whose density varies from case to case.
fn model(rng: &mut Rng) -> BTreeSet<Risk> {
    let density = rng.next() % 101;
    Risk::ALL
        .into_iter()
        .filter(|_| rng.next() % 100 < density)
        .collect()
}

fn to_set(model: &BTreeSet<Risk>) -> RiskSet {
    let mut set = RiskSet::EMPTY;
    for &risk in model {
        assert!(set.insert(risk));
    }
    set
}

fn to_model(set: RiskSet) -> BTreeSet<Risk> {
    set.iter().collect()
}

#[test]
fn algebra_matches_a_btreeset_model() {
    let everything: BTreeSet<Risk> = Risk::ALL.into_iter().collect();
    let mut rng = Rng(0x5EED);
    for _ in 0..20_000 {
        let (ma, mb) = (model(&mut rng), model(&mut rng));
        let (a, b) = (to_set(&ma), to_set(&mb));
        assert_eq!(a.len(), ma.len());
        assert_eq!(a.is_empty(), ma.is_empty());
        assert!(
            a.iter().eq(ma.iter().copied()),
            "iteration is in canonical order"
        );
        assert!(a.iter().rev().eq(ma.iter().rev().copied()));
        assert_eq!(a.iter().len(), ma.len());
        assert_eq!(to_model(a | b), ma.union(&mb).copied().collect());
        assert_eq!(to_model(a & b), ma.intersection(&mb).copied().collect());
        assert_eq!(to_model(a - b), ma.difference(&mb).copied().collect());
        assert_eq!(to_model(!a), everything.difference(&ma).copied().collect());
        assert_eq!(a.is_subset(b), ma.is_subset(&mb));
        assert_eq!(a.is_disjoint(b), ma.is_disjoint(&mb));
        assert_eq!(a.cmp(&b), ma.cmp(&mb), "Ord matches the model's");
        assert_eq!(a == b, ma == mb);
        for risk in Risk::ALL {
            assert_eq!(a.contains(risk), ma.contains(&risk));
        }
        let mut c = a;
        c |= b;
        c -= a & b;
        assert_eq!(to_model(c), ma.symmetric_difference(&mb).copied().collect());
        let mut d = a;
        d &= b;
        assert_eq!(d, a & b);
        assert_eq!(a.iter().collect::<RiskSet>(), a);
        let mut e = RiskSet::EMPTY;
        e.extend(mb.iter().copied());
        assert_eq!(e, b);
        assert_eq!(a.to_string().parse::<RiskSet>(), Ok(a), "text round trip");
    }
}

#[test]
fn insert_and_remove_report_change() {
    let mut rng = Rng(7);
    for _ in 0..2_000 {
        let mut model = model(&mut rng);
        let mut set = to_set(&model);
        let risk = Risk::ALL[(rng.next() % 34) as usize];
        assert_eq!(set.remove(risk), model.remove(&risk));
        assert!(!set.remove(risk));
        assert_eq!(set.insert(risk), model.insert(risk));
        assert!(!set.insert(risk));
        assert_eq!(to_model(set), model);
    }
}

#[test]
fn complement_stays_within_the_34_risks() {
    assert_eq!(!RiskSet::EMPTY, RiskSet::ALL);
    assert_eq!(!RiskSet::ALL, RiskSet::EMPTY);
    assert_eq!(RiskSet::from_bits_truncate(u64::MAX), RiskSet::ALL);
    assert_eq!(RiskSet::ALL.bits().count_ones(), 34);
}

#[test]
fn sets_order_as_sequences_of_codes() {
    let set = |s: &str| s.parse::<RiskSet>().unwrap();
    let (r1, r1r2, r2) = (
        set("R1-Security"),
        set("R1-Security, R2-Security"),
        set("R2-Security"),
    );
    assert!(r1 < r1r2 && r1r2 < r2);
    assert_eq!(r1.partial_cmp(&r2), Some(std::cmp::Ordering::Less));
    assert_eq!(r2.partial_cmp(&r2), Some(std::cmp::Ordering::Equal));
    let mut sets = vec![r2, r1r2, r1, RiskSet::EMPTY];
    sets.sort();
    assert_eq!(sets, [RiskSet::EMPTY, r1, r1r2, r2]);
}

#[test]
fn try_from_a_str_is_parse() {
    let text = "R1-Security, R5-Privacy";
    assert_eq!(
        RiskSet::try_from(text).unwrap(),
        text.parse::<RiskSet>().unwrap()
    );
    assert_eq!(RiskSet::try_from(text).unwrap().len(), 2);
    assert!(RiskSet::try_from("R99-Security").is_err());
}
