//! Deserializes through yaml_serde while keeping *which* serde error was raised:
//! `unknown_field`, `missing_field`, `invalid_type`, … yaml_serde turns them all
//! into one opaque message, so the kind of problem (a diagnostic's code) would
//! otherwise have to be guessed from its wording.
//!
//! Every deserializer, visitor, access and seed yaml_serde hands to the types being
//! deserialized is wrapped so that those types see our own error type, [`Error`].
//! When an error raised by them goes back to yaml_serde it becomes a plain message
//! again (so yaml_serde adds the field path and position exactly as before), and
//! what it was is kept in the [`Track`] the caller reads afterwards.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Expected, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

/// What a value turned out to be, when it was not what a field takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Map,
    Seq,
    Unit,
    /// A text, as Rust's `{:?}` writes it (in double quotes).
    Text(String),
    /// A number as written in messages (`20`, `-1`, `1.5`).
    Number(String),
    Bool(bool),
    /// Anything else, in serde's words.
    Other(String),
}

impl Found {
    /// serde's words for an unexpected value (`map`, `string "x"`, `integer `5``),
    /// for errors yaml_serde raised itself (see [`Raised::Mismatch`]).
    pub fn from_words(words: &str) -> Found {
        let tick = |v: &str| v.trim_matches('`').to_string();
        match words.split_once(' ') {
            _ if words == "map" => Found::Map,
            _ if words == "sequence" => Found::Seq,
            _ if words == "unit value" => Found::Unit,
            Some(("string", v)) => Found::Text(v.to_string()),
            Some(("integer", v)) => Found::Number(tick(v)),
            Some(("floating", v)) => Found::Number(tick(v.trim_start_matches("point "))),
            Some(("boolean", v)) => Found::Bool(tick(v) == "true"),
            _ => Found::Other(words.to_string()),
        }
    }

    fn of(u: &Unexpected<'_>) -> Found {
        match *u {
            Unexpected::Map => Found::Map,
            Unexpected::Seq => Found::Seq,
            Unexpected::Unit => Found::Unit,
            Unexpected::Str(s) => Found::Text(format!("{s:?}")),
            Unexpected::Signed(n) => Found::Number(n.to_string()),
            Unexpected::Unsigned(n) => Found::Number(n.to_string()),
            // serde writes floats with a decimal point (`1.0`): keep its spelling.
            Unexpected::Float(_) => Found::Number(
                u.to_string()
                    .trim_start_matches("floating point ")
                    .trim_matches('`')
                    .to_string(),
            ),
            Unexpected::Bool(b) => Found::Bool(b),
            _ => Found::Other(u.to_string()),
        }
    }
}

/// Which serde error constructor raised the error, with what it was given.
#[derive(Debug, Clone, PartialEq)]
pub enum Raised {
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    UnknownVariant {
        variant: String,
        expected: &'static [&'static str],
    },
    MissingField(&'static str),
    DuplicateField(&'static str),
    InvalidType {
        found: Found,
        expected: String,
    },
    InvalidValue {
        found: Found,
        expected: String,
    },
    InvalidLength,
    /// yaml_serde itself refused the value for what a visitor expects (a map
    /// where a list goes): it raised `invalid_type` on its own error type, naming
    /// our visitor as what was expected, so only that much is known.
    Mismatch,
    /// `de::Error::custom`. In front matter only the `date` types raise these
    /// (serde's derives and its impls for std types use the constructors above).
    Custom,
}

/// The error the wrapped types see: one they raised, or yaml_serde's own
/// (`E`), passed through untouched so it keeps its position.
#[derive(Debug)]
pub enum Error<E> {
    Raised(Raised, String),
    Inner(E),
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Raised(_, msg) => f.write_str(msg),
            Error::Inner(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {}

/// serde's own wording for each error, so messages read as they always did.
type Words = serde::de::value::Error;

impl<E: de::Error> de::Error for Error<E> {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::Raised(Raised::Custom, msg.to_string())
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        let raised = Raised::InvalidType {
            found: Found::of(&unexp),
            expected: exp.to_string(),
        };
        Error::Raised(raised, Words::invalid_type(unexp, exp).to_string())
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        let raised = Raised::InvalidValue {
            found: Found::of(&unexp),
            expected: exp.to_string(),
        };
        Error::Raised(raised, Words::invalid_value(unexp, exp).to_string())
    }

    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        let msg = Words::invalid_length(len, exp).to_string();
        Error::Raised(Raised::InvalidLength, msg)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let msg = Words::unknown_variant(variant, expected).to_string();
        let variant = variant.to_string();
        Error::Raised(Raised::UnknownVariant { variant, expected }, msg)
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let msg = Words::unknown_field(field, expected).to_string();
        let field = field.to_string();
        Error::Raised(Raised::UnknownField { field, expected }, msg)
    }

    fn missing_field(field: &'static str) -> Self {
        let msg = Words::missing_field(field).to_string();
        Error::Raised(Raised::MissingField(field), msg)
    }

    fn duplicate_field(field: &'static str) -> Self {
        let msg = Words::duplicate_field(field).to_string();
        Error::Raised(Raised::DuplicateField(field), msg)
    }
}

/// The last error the wrapped types raised. Errors end deserializing at once, so
/// when yaml_serde's final error came from them, it is this one.
pub type Track = RefCell<Option<Raised>>;

/// Hands an error back to yaml_serde: one the wrapped types raised becomes a plain
/// message (yaml_serde then adds its field path and position) and is recorded.
fn back<E: de::Error>(track: &Track, e: Error<E>) -> E {
    match e {
        Error::Inner(e) => e,
        Error::Raised(raised, msg) => {
            *track.borrow_mut() = Some(raised);
            E::custom(msg)
        }
    }
}

/// Deserializes `T` from `de`, returning the error and, if the types being
/// deserialized raised it, what it was.
pub fn deserialize<'de, T, D>(de: D) -> Result<T, (D::Error, Option<Raised>)>
where
    T: de::Deserialize<'de>,
    D: Deserializer<'de>,
{
    let track = Track::default();
    T::deserialize(Capture { de, track: &track })
        .map_err(|e| back(&track, e))
        .map_err(|e| (e, track.take()))
}

/// A deserializer whose visitors see [`Error`].
struct Capture<'t, D> {
    de: D,
    track: &'t Track,
}

/// A visitor, seed or access wrapped to hand [`Error`] to what it calls.
struct Wrap<'t, X> {
    inner: X,
    track: &'t Track,
}

impl<'t, X> Wrap<'t, X> {
    fn new(inner: X, track: &'t Track) -> Self {
        Wrap { inner, track }
    }
}

macro_rules! forward_deserialize {
    ($($method:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.de.$method(Wrap::new(visitor, self.track)).map_err(Error::Inner)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Capture<'_, D> {
    type Error = Error<D::Error>;

    forward_deserialize!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = Wrap::new(visitor, self.track);
        self.de
            .deserialize_unit_struct(name, visitor)
            .map_err(Error::Inner)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = Wrap::new(visitor, self.track);
        self.de
            .deserialize_newtype_struct(name, visitor)
            .map_err(Error::Inner)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = Wrap::new(visitor, self.track);
        self.de
            .deserialize_tuple(len, visitor)
            .map_err(Error::Inner)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = Wrap::new(visitor, self.track);
        self.de
            .deserialize_tuple_struct(name, len, visitor)
            .map_err(Error::Inner)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = Wrap::new(visitor, self.track);
        self.de
            .deserialize_struct(name, fields, visitor)
            .map_err(Error::Inner)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = Wrap::new(visitor, self.track);
        self.de
            .deserialize_enum(name, variants, visitor)
            .map_err(Error::Inner)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.inner.$method(v).map_err(|e| back(self.track, e))
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, V> {
    type Value = V::Value;

    /// Called only to word an error saying this visitor got what it does not take:
    /// when yaml_serde raises that itself, this is how the kind is known.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        *self.track.borrow_mut() = Some(Raised::Mismatch);
        self.inner.expecting(f)
    }

    forward_visit!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>),
    );

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.inner.visit_none().map_err(|e| back(self.track, e))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.inner.visit_unit().map_err(|e| back(self.track, e))
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        let track = self.track;
        self.inner
            .visit_some(Capture { de, track })
            .map_err(|e| back(track, e))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        let track = self.track;
        self.inner
            .visit_newtype_struct(Capture { de, track })
            .map_err(|e| back(track, e))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let track = self.track;
        self.inner
            .visit_seq(Wrap::new(seq, track))
            .map_err(|e| back(track, e))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let track = self.track;
        self.inner
            .visit_map(Wrap::new(map, track))
            .map_err(|e| back(track, e))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let track = self.track;
        self.inner
            .visit_enum(Wrap::new(data, track))
            .map_err(|e| back(track, e))
    }
}

/// A seed: what it deserializes from sees [`Capture`].
impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Wrap<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        let track = self.track;
        self.inner
            .deserialize(Capture { de, track })
            .map_err(|e| back(track, e))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Wrap<'_, A> {
    type Error = Error<A::Error>;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        let seed = Wrap::new(seed, self.track);
        self.inner.next_element_seed(seed).map_err(Error::Inner)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Wrap<'_, A> {
    type Error = Error<A::Error>;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let seed = Wrap::new(seed, self.track);
        self.inner.next_key_seed(seed).map_err(Error::Inner)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let seed = Wrap::new(seed, self.track);
        self.inner.next_value_seed(seed).map_err(Error::Inner)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, 't, A: EnumAccess<'de>> EnumAccess<'de> for Wrap<'t, A> {
    type Error = Error<A::Error>;
    type Variant = Wrap<'t, A::Variant>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Self::Error> {
        let track = self.track;
        let (value, variant) = self
            .inner
            .variant_seed(Wrap::new(seed, track))
            .map_err(Error::Inner)?;
        Ok((value, Wrap::new(variant, track)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Wrap<'_, A> {
    type Error = Error<A::Error>;

    fn unit_variant(self) -> Result<(), Self::Error> {
        self.inner.unit_variant().map_err(Error::Inner)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        let seed = Wrap::new(seed, self.track);
        self.inner.newtype_variant_seed(seed).map_err(Error::Inner)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = Wrap::new(visitor, self.track);
        self.inner.tuple_variant(len, visitor).map_err(Error::Inner)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = Wrap::new(visitor, self.track);
        self.inner
            .struct_variant(fields, visitor)
            .map_err(Error::Inner)
    }
}
