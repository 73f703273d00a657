//! The taxonomy itself: [`Risk`](crate::Risk) and its domains, the lifecycle's
//! [`Layer`](crate::Layer)s and [`Phase`](crate::Phase)s, [`RiskSet`](crate::RiskSet),
//! [`Requirement`](crate::Requirement), their text form and their parse errors.

pub(crate) mod error;
pub(crate) mod lifecycle;
pub(crate) mod requirement;
pub(crate) mod risk;
pub(crate) mod risk_set;
pub(crate) mod text;
