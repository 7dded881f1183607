//! The domain's closed sets: what kind of actor, what kind of statement, how far a
//! statement is verified. Each value has a stable id (the YAML spelling, also used in
//! CSS classes, JSON and CSV); front matter deserializes into them by that id.

use serde::{Deserialize, Serialize};

/// What was said, and how: the `kind:` of a statement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    #[default]
    Statement,
    PhoneCall,
    Meeting,
    PressConference,
    Interview,
    JointStatement,
    Readout,
    SocialPost,
    Other,
}

impl StatementKind {
    pub fn id(self) -> &'static str {
        match self {
            StatementKind::Statement => "statement",
            StatementKind::PhoneCall => "phone_call",
            StatementKind::Meeting => "meeting",
            StatementKind::PressConference => "press_conference",
            StatementKind::Interview => "interview",
            StatementKind::JointStatement => "joint_statement",
            StatementKind::Readout => "readout",
            StatementKind::SocialPost => "social_post",
            StatementKind::Other => "other",
        }
    }
}

/// How far a statement has been checked against its source: its `verification:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verification {
    Verified,
    Unverified,
    Disputed,
}

impl Verification {
    pub fn id(self) -> &'static str {
        match self {
            Verification::Verified => "verified",
            Verification::Unverified => "unverified",
            Verification::Disputed => "disputed",
        }
    }
}

/// A fact-check's verdict on a statement: its `factcheck: {rating: …}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    False,
    Misleading,
    MostlyFalse,
    Mixed,
    MostlyTrue,
    True,
    Unproven,
}

impl Rating {
    pub const ALL: [Rating; 7] = [
        Rating::False,
        Rating::Misleading,
        Rating::MostlyFalse,
        Rating::Mixed,
        Rating::MostlyTrue,
        Rating::True,
        Rating::Unproven,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Rating::False => "false",
            Rating::Misleading => "misleading",
            Rating::MostlyFalse => "mostly_false",
            Rating::Mixed => "mixed",
            Rating::MostlyTrue => "mostly_true",
            Rating::True => "true",
            Rating::Unproven => "unproven",
        }
    }

    /// The verdict on schema.org's 1 (false) to 5 (true) scale, for `ClaimReview`:
    /// false 1; misleading and mostly false 2; mixed 3; mostly true 4; true 5.
    /// Unproven has no place on a true/false scale, so it gets none.
    pub fn score(self) -> Option<u8> {
        match self {
            Rating::False => Some(1),
            Rating::Misleading | Rating::MostlyFalse => Some(2),
            Rating::Mixed => Some(3),
            Rating::MostlyTrue => Some(4),
            Rating::True => Some(5),
            Rating::Unproven => None,
        }
    }
}

/// Who an actor is: its `kind:`. The order is the order of the actors index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Person,
    State,
    Organization,
    ArmedGroup,
}

impl ActorKind {
    pub fn id(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::ArmedGroup => "armed_group",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `id()` is the spelling front matter uses, and the one serialized.
    fn same_id<T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug>(
        value: T,
        id: &str,
    ) {
        assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{id}\""));
        let back: T = serde_json::from_str(&format!("\"{id}\"")).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn ids_are_the_yaml_spelling() {
        use StatementKind as S;
        let kinds = [
            S::Statement,
            S::PhoneCall,
            S::Meeting,
            S::PressConference,
            S::Interview,
            S::JointStatement,
            S::Readout,
            S::SocialPost,
            S::Other,
        ];
        for k in kinds {
            same_id(k, k.id());
        }
        for v in [
            Verification::Verified,
            Verification::Unverified,
            Verification::Disputed,
        ] {
            same_id(v, v.id());
        }
        for r in Rating::ALL {
            same_id(r, r.id());
        }
        for a in [
            ActorKind::Person,
            ActorKind::State,
            ActorKind::Organization,
            ActorKind::ArmedGroup,
        ] {
            same_id(a, a.id());
        }
    }
}
