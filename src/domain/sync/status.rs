//! The status line of Settings → Sync, which must always be true: when the
//! last sync ended, how, and how many changes are waiting here.

use super::engine::SyncError;
use super::http::NetError;

/// Where sync stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Sync is not set up, or turned off.
    Off,
    /// Set up and not yet run in this session.
    Waiting,
    Syncing,
    /// The last sync finished at this time (already formatted as the
    /// person's local clock time, "10:42").
    Synced(String),
    Failed(SyncError),
}

/// The status line: `Synced 10:42 · 3 changes waiting`.
pub fn sentence(phase: &Phase, waiting: usize) -> String {
    let head = match phase {
        Phase::Off => return "Sync is off".into(),
        Phase::Waiting => "Sync is on".into(),
        Phase::Syncing => "Syncing…".into(),
        Phase::Synced(at) => format!("Synced {at}"),
        Phase::Failed(error) => failure(error),
    };
    match waiting {
        0 => head,
        1 => format!("{head} · 1 change waiting"),
        n => format!("{head} · {n} changes waiting"),
    }
}

/// What a failed sync means for the person, and what to do.
pub fn failure(error: &SyncError) -> String {
    match error {
        SyncError::Net(NetError::Timeout) => {
            "Server not answering — changes are kept here".into()
        }
        SyncError::Net(NetError::Unreachable(_)) => {
            "Server unreachable — changes are kept here".into()
        }
        SyncError::SignedOut => "Signed out: password refused".into(),
        SyncError::Forbidden => "This user may not use that database".into(),
        SyncError::NotFound => {
            "No such database, and this user may not create it".into()
        }
        SyncError::WrongPassphrase => "Wrong passphrase — nothing was changed".into(),
        SyncError::NeedsPassphrase => {
            "This database is encrypted: enter its passphrase".into()
        }
        SyncError::NotEncrypted => {
            "This database is not encrypted: untick encryption to use it, or choose another database".into()
        }
        SyncError::Server { status, reason } => {
            format!("The server refused ({status}: {reason}) — changes are kept here")
        }
        SyncError::Protocol(what) => {
            format!("The server's answer was not understood ({what}) — changes are kept here")
        }
        SyncError::Local(what) => format!("Not saved on this device — {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_line_says_when_how_and_what_is_waiting() {
        // (phase, waiting, sentence)
        let cases = [
            (Phase::Off, 3, "Sync is off"),
            (Phase::Synced("10:42".into()), 0, "Synced 10:42"),
            (
                Phase::Synced("10:42".into()),
                1,
                "Synced 10:42 · 1 change waiting",
            ),
            (
                Phase::Synced("10:42".into()),
                3,
                "Synced 10:42 · 3 changes waiting",
            ),
            (Phase::Syncing, 2, "Syncing… · 2 changes waiting"),
            (
                Phase::Failed(SyncError::Net(NetError::Unreachable("x".into()))),
                2,
                "Server unreachable — changes are kept here · 2 changes waiting",
            ),
            (
                Phase::Failed(SyncError::WrongPassphrase),
                0,
                "Wrong passphrase — nothing was changed",
            ),
            (
                Phase::Failed(SyncError::SignedOut),
                0,
                "Signed out: password refused",
            ),
        ];
        for (phase, waiting, expected) in cases {
            assert_eq!(sentence(&phase, waiting), expected, "{phase:?}");
        }
    }
}
