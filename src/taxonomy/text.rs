//! The text form shared by the small enums: one spelling for `Display`, `FromStr` and serde, and
//! lenient parsing of the source's names; [`named_enum!`] declares such an enum from one row per
//! variant.

use crate::ParseNameError;
use crate::registry::key::fold;
use crate::suggest::closest;

/// A small enum with a canonical snake_case form and the name the source gives it.
pub(crate) trait Named: Copy + 'static {
    /// What the values are called in error messages ("layer", "phase").
    const WHAT: &'static str;
    /// Every value, in canonical order.
    fn all() -> &'static [Self];
    /// The snake_case form.
    fn as_str(self) -> &'static str;
    /// The name as the source writes it.
    fn name(self) -> &'static str;
    /// Other spellings people use for the value.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
}

/// Parses a snake_case form, a source name or an alias, ignoring case, spaces, `-`, `_`, and
/// reading `&` as "and".
pub(crate) fn parse_named<T: Named>(input: &str) -> Result<T, ParseNameError> {
    // The canonical form, as documents write it, with no folding.
    if let Some(&value) = T::all().iter().find(|v| v.as_str() == input) {
        return Ok(value);
    }
    let folded = fold(input);
    let spellings = |v: T| {
        [v.as_str(), v.name()]
            .into_iter()
            .chain(v.aliases().iter().copied())
    };
    if !folded.is_empty() {
        for &value in T::all() {
            if spellings(value).any(|s| fold(s) == folded) {
                return Ok(value);
            }
        }
    }
    let suggestion = closest(input, T::all().iter().flat_map(|&v| spellings(v)))
        .and_then(|s| T::all().iter().find(|&&v| spellings(v).any(|x| x == s)))
        .map(|v| v.as_str());
    Err(ParseNameError::new(
        T::WHAT,
        input,
        suggestion,
        T::all().iter().map(|v| v.as_str()).collect(),
    ))
}

/// Implements `Display`, `FromStr`, `TryFrom<&str>` and (feature `serde`) serde for a [`Named`]
/// type, all through its snake_case form; given the type's noun (`"layer"`), also implements
/// [`Named`] from its `ALL`, `as_str` and `name`, and optionally `aliases = |value| &[...]`.
macro_rules! impl_named_text {
    ($ty:ty, $what:literal) => {
        $crate::taxonomy::text::impl_named_text!($ty, $what, aliases = |_| &[]);
    };
    ($ty:ty, $what:literal, aliases = $aliases:expr) => {
        impl $crate::taxonomy::text::Named for $ty {
            const WHAT: &'static str = $what;
            fn all() -> &'static [Self] {
                &Self::ALL
            }
            fn as_str(self) -> &'static str {
                self.as_str()
            }
            fn name(self) -> &'static str {
                self.name()
            }
            fn aliases(self) -> &'static [&'static str] {
                let aliases: fn(Self) -> &'static [&'static str] = $aliases;
                aliases(self)
            }
        }
        $crate::taxonomy::text::impl_named_text!($ty);
    };
    ($ty:ty) => {
        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = $crate::ParseNameError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::taxonomy::text::parse_named(s)
            }
        }

        impl ::core::convert::TryFrom<&str> for $ty {
            type Error = $crate::ParseNameError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                $crate::taxonomy::text::parse_named(s)
            }
        }

        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::taxonomy::text::FromStrVisitor::<$ty>::new())
            }
        }
    };
}
pub(crate) use impl_named_text;

/// Declares a small enum from one row per variant: `Variant = "text", "Name";` or
/// `Variant = "text", "Name", ["alias", ...];`. From the rows come the enum, `ALL`, `as_str`,
/// `name`, `Display`, `FromStr` and `TryFrom<&str>` with "did you mean" (through [`Named`]),
/// serde through the text form and, with feature `schema`, a `JsonSchema` whose values are a
/// `oneOf` of `const`s, each titled with its variant's name and described by its name (or by
/// `describe`, a `fn(Self) -> String`). strum's `EnumCount` and `IntoEnumIterator` are
/// implemented too (see [`enum_traits`]).
///
/// The header is `enum Name("noun in errors", "description in the schema")`, or with
/// `, describe = path` before the closing parenthesis.
/// strum's `EnumCount` (`COUNT`) and `IntoEnumIterator` (`iter()`, over `ALL`) for an enum with
/// an `ALL` array, written here rather than derived: the derive would compile strum's macros
/// (and a second version of syn) in every user's build for what `ALL` already gives.
macro_rules! enum_traits {
    ($ty:ty, $count:expr) => {
        impl strum::EnumCount for $ty {
            const COUNT: usize = $count;
        }

        impl strum::IntoEnumIterator for $ty {
            type Iterator = core::iter::Copied<core::slice::Iter<'static, $ty>>;

            fn iter() -> Self::Iterator {
                const ALL: &[$ty] = &<$ty>::ALL;
                ALL.iter().copied()
            }
        }
    };
}
pub(crate) use enum_traits;

macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $ty:ident ($what:literal, $schema:literal $(, describe = $describe:path)?) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $text:literal, $name:literal $(, [$($alias:literal),* $(,)?])?;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $ty {
            $(
                $(#[$vmeta])*
                $variant,
            )+
        }

        $crate::taxonomy::text::enum_traits!($ty, [$(stringify!($variant)),+].len());

        impl $ty {
            #[doc = concat!("Every ", $what, ", in order.")]
            pub const ALL: [$ty; <$ty as strum::EnumCount>::COUNT] = [$($ty::$variant),+];

            #[doc = concat!("The text form of `Display`, `FromStr` and serde:" $(, " `\"", $text, "\"`")+, ".")]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $text,)+
                }
            }

            #[doc = concat!("The name:" $(, " \"", $name, "\"")+, ".")]
            pub const fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }
        }

        $crate::taxonomy::text::impl_named_text!(
            $ty,
            $what,
            aliases = |value| match value {
                $($ty::$variant => &[$($($alias),*)?],)+
            }
        );

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($ty))
            }
            fn schema_id() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(concat!("mlsecops_taxonomy::", stringify!($ty)))
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let describe: fn($ty) -> String = $crate::taxonomy::text::named_enum!(@describe $($describe)?);
                $crate::output::schema::titled_values(
                    $schema,
                    $ty::ALL.into_iter().map(|v| {
                        let title = match v {
                            $($ty::$variant => stringify!($variant),)+
                        };
                        (v.as_str(), title.to_owned(), describe(v))
                    }),
                )
            }
        }
    };
    (@describe $describe:path) => { $describe };
    (@describe) => { |v| v.name().to_owned() };
}
pub(crate) use named_enum;

/// A serde visitor that builds a value from a string through its `FromStr`.
#[cfg(feature = "serde")]
pub(crate) struct FromStrVisitor<T>(core::marker::PhantomData<T>);

#[cfg(feature = "serde")]
impl<T> FromStrVisitor<T> {
    pub(crate) fn new() -> Self {
        Self(core::marker::PhantomData)
    }
}

#[cfg(feature = "serde")]
impl<T> serde::de::Visitor<'_> for FromStrVisitor<T>
where
    T: core::str::FromStr,
    T::Err: core::fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}
