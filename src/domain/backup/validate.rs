//! Reading a file: the size limit, the checks on every field and record,
//! and the problems gathered for the person.

use super::*;
use crate::domain::sorted::SortedSet;

/// Why a file cannot be imported. `Display` gives a sentence for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
        max: usize,
    },
    Empty,
    /// Not UTF-8 text.
    NotText,
    /// The JSON stops early, as a cut-off download or copy does.
    Truncated {
        line: usize,
        column: usize,
    },
    NotJson {
        line: usize,
        column: usize,
    },
    /// Valid JSON, but not a Magnesium Tracker backup.
    NotABackup,
    /// Made by a newer version of the app (a newer file format or record
    /// schema).
    NewerVersion {
        found: u64,
        supported: u32,
    },
    /// A backup with damaged or inconsistent content; `problems` lists the
    /// first [`MAX_LISTED_PROBLEMS`] of `total`.
    Invalid {
        problems: Vec<String>,
        total: usize,
    },
    /// Merging the symptom lists would exceed the list's size limit.
    TooManySymptoms {
        max: usize,
    },
}

/// Parses and validates a backup file given as bytes (as read from a file
/// input). The size is checked before anything else.
pub fn parse_backup(bytes: &[u8]) -> Result<Backup, ImportError> {
    check_size(bytes.len())?;
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    parse_backup_str(text)
}

/// Parses and validates a backup file given as text.
pub fn parse_backup_str(text: &str) -> Result<Backup, ImportError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        if e.is_eof() {
            ImportError::Truncated { line, column }
        } else {
            ImportError::NotJson { line, column }
        }
    })?;
    let Value::Object(mut file) = value else {
        return Err(ImportError::NotABackup);
    };
    if file.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(ImportError::NotABackup);
    }
    let mut problems = Problems::new();
    match file.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(ImportError::NewerVersion {
                found: v,
                supported: FORMAT_VERSION,
            });
        }
        Some(v) if v >= 1 => {}
        _ => problems.push("format_version: missing or not a positive whole number".into()),
    }
    let exported_at_ms = match file.get("exported_at").and_then(Value::as_str) {
        Some(text) => parse_timestamp(text).unwrap_or_else(|| {
            problems.push(format!("exported_at: {text:?} is not a UTC timestamp"));
            0
        }),
        None => {
            problems.push("exported_at: missing".into());
            0
        }
    };
    for field in file.keys() {
        if !TOP_LEVEL_FIELDS.contains(&field.as_str()) {
            problems.push(format!("{field}: unexpected field"));
        }
    }

    let mut records = Snapshot::empty();
    let singletons = [
        ("profile", RecordKey::Profile),
        ("settings", RecordKey::Settings),
        ("custom_items", RecordKey::CustomItems),
        ("symptoms", RecordKey::Symptoms),
        ("regimen", RecordKey::Regimen),
        ("meals", RecordKey::Meals),
        ("recipes", RecordKey::Recipes),
        ("prices", RecordKey::Prices),
        ("list", RecordKey::ShoppingList),
    ];
    for (field, key) in singletons {
        match file.remove(field) {
            // Backups made before regimens, meals, recipes, prices and the
            // list existed have no such fields; they mean "none", not damage.
            None if OPTIONAL_FIELDS.contains(&field) => {}
            None => problems.push(format!("{field}: missing (use null for none)")),
            Some(Value::Null) => {}
            Some(value) => {
                if let Some(stored) = problems.decoded(field, key, value)? {
                    records.insert(stored);
                }
            }
        }
    }
    for (field, kind) in [("days", RecordKind::Day), ("diary", RecordKind::Diary)] {
        let items = match file.remove(field) {
            Some(Value::Array(items)) => items,
            Some(_) => {
                problems.push(format!("{field}: not a list"));
                continue;
            }
            None => {
                problems.push(format!("{field}: missing"));
                continue;
            }
        };
        for (i, value) in items.into_iter().enumerate() {
            let date = value
                .get("data")
                .and_then(|d| d.get("date"))
                .and_then(Value::as_str)
                .and_then(Date::parse);
            let Some(date) = date else {
                problems.push(format!("{field}[{i}]: no valid date"));
                continue;
            };
            let key = match kind {
                RecordKind::Day => RecordKey::Day(date),
                _ => RecordKey::Diary(date),
            };
            let place = format!("{field}[{i}] ({date})");
            if records.get(&key).is_some() {
                problems.push(format!("{place}: the same day appears twice"));
                continue;
            }
            if let Some(stored) = problems.decoded(&place, key, value)? {
                records.insert(stored);
            }
        }
    }

    check_rated_symptoms(&records, &mut problems);
    problems.finish()?;
    Ok(Backup {
        exported_at_ms,
        records,
    })
}

impl std::error::Error for ImportError {}

const TOP_LEVEL_FIELDS: [&str; 14] = [
    "format",
    "format_version",
    "exported_at",
    "profile",
    "settings",
    "custom_items",
    "symptoms",
    "regimen",
    "meals",
    "recipes",
    "prices",
    "list",
    "days",
    "diary",
];

/// Fields added to format version 1 after it shipped, which older files
/// lack.
const OPTIONAL_FIELDS: [&str; 5] = ["regimen", "meals", "recipes", "prices", "list"];

/// Collects validation problems so the person sees all of them at once.
struct Problems {
    list: Vec<String>,
    total: usize,
}

impl Problems {
    fn new() -> Problems {
        Problems {
            list: Vec::new(),
            total: 0,
        }
    }

    fn push(&mut self, problem: String) {
        self.total += 1;
        if self.list.len() < MAX_LISTED_PROBLEMS {
            self.list.push(problem);
        }
    }

    /// Decodes one record; damage becomes a listed problem, a newer schema
    /// stops the import at once because nothing else matters then.
    fn decoded(
        &mut self,
        place: &str,
        key: RecordKey,
        value: Value,
    ) -> Result<Option<Stored>, ImportError> {
        match decode_value(key, value) {
            Ok(stored) => Ok(Some(stored)),
            Err(DecodeError::NewerSchema {
                found, supported, ..
            }) => Err(ImportError::NewerVersion { found, supported }),
            Err(DecodeError::Corrupt { reason, .. }) => {
                self.push(format!("{place}: {reason}"));
                Ok(None)
            }
            Err(e @ DecodeError::UnknownKey { .. }) => {
                self.push(format!("{place}: {e}"));
                Ok(None)
            }
        }
    }

    fn finish(self) -> Result<(), ImportError> {
        if self.total == 0 {
            Ok(())
        } else {
            Err(ImportError::Invalid {
                problems: self.list,
                total: self.total,
            })
        }
    }
}

/// Every rating in the backup must refer to a symptom in the backup's list
/// (or the built-in list, if the backup has none); otherwise the rating
/// would be imported but never shown or exported.
fn check_rated_symptoms(records: &Snapshot, problems: &mut Problems) {
    let defaults;
    let list = match records.get(&RecordKey::Symptoms).map(Stored::record) {
        Some(Record::Symptoms(list)) => list,
        _ => {
            defaults = SymptomList::defaults();
            &defaults
        }
    };
    let known: SortedSet<&SymptomId> = SortedSet::from_iter(list.all().iter().map(|s| s.id()));
    for stored in records.iter() {
        if let Record::Diary(entry) = stored.record() {
            for id in entry.ratings().keys() {
                if !known.contains(id) {
                    problems.push(format!(
                        "diary ({}): a rating for the unknown symptom {:?}",
                        entry.date(),
                        id.as_str()
                    ));
                }
            }
        }
    }
}

fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_BACKUP_BYTES {
        Err(ImportError::TooLarge {
            bytes,
            max: MAX_BACKUP_BYTES,
        })
    } else {
        Ok(())
    }
}
