//! What an import says to the person: the preview of a plan and the reason a
//! file was refused, as English sentences.

use super::*;

impl ImportPlan {
    /// The preview as English sentences, e.g. "Adds 41 day logs and 2 diary
    /// entries. 3 day logs conflict with existing ones: 2 newer in the backup
    /// will replace them, 1 older will be skipped."
    pub fn summary(&self) -> String {
        let mut sentences = Vec::new();
        let added: Vec<String> = self
            .counts
            .iter()
            .filter(|c| c.added > 0)
            .map(|c| counted(c.kind, c.added))
            .collect();
        if !added.is_empty() {
            sentences.push(format!("Adds {}.", join_and(&added)));
        }
        for c in &self.counts {
            let n = c.conflicts();
            if n == 0 {
                continue;
            }
            let what = counted(c.kind, n);
            let verb = if n == 1 { "conflicts" } else { "conflict" };
            let sentence = match self.mode {
                ImportMode::Replace => {
                    format!("{what} {verb} with existing data and will be replaced.")
                }
                ImportMode::Merge if c.merged > 0 => {
                    format!("{what} {verb} with existing data and will be combined.")
                }
                ImportMode::Merge => {
                    let mut parts = Vec::new();
                    if c.replaced > 0 {
                        parts.push(format!(
                            "{} newer in the backup will replace {}",
                            c.replaced,
                            if c.replaced == 1 { "it" } else { "them" }
                        ));
                    }
                    if c.kept > 0 {
                        parts.push(format!("{} older will be skipped", c.kept));
                    }
                    format!("{what} {verb} with existing data: {}.", parts.join(", "))
                }
            };
            sentences.push(capitalise(&sentence));
        }
        let removed: Vec<String> = self
            .counts
            .iter()
            .filter(|c| c.removed > 0)
            .map(|c| counted(c.kind, c.removed))
            .collect();
        if !removed.is_empty() {
            sentences.push(format!(
                "Removes {} that the backup does not have.",
                join_and(&removed)
            ));
        }
        let unchanged: usize = self.counts.iter().map(|c| c.unchanged).sum();
        if unchanged > 0 {
            sentences.push(format!(
                "{unchanged} {} already identical.",
                if unchanged == 1 {
                    "record is"
                } else {
                    "records are"
                }
            ));
        }
        if sentences.is_empty() {
            sentences.push("The backup is empty; nothing changes.".to_owned());
        }
        sentences.join(" ")
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes, max } => write!(
                f,
                "The file is {:.1} MB; backups larger than {} MB are not accepted.",
                *bytes as f64 / 1_048_576.0,
                max / 1_048_576
            ),
            ImportError::Empty => f.write_str("The file is empty."),
            ImportError::NotText => {
                f.write_str("The file is not a text file, so it cannot be a backup.")
            }
            ImportError::Truncated { line, column } => write!(
                f,
                "The file ends too early (line {line}, column {column}); it may have been \
                 cut off while downloading or copying."
            ),
            ImportError::NotJson { line, column } => write!(
                f,
                "The file is not valid JSON (line {line}, column {column}), so it is not a \
                 backup from this app."
            ),
            ImportError::NotABackup => f.write_str("This file is not a Magnesium Tracker backup."),
            ImportError::NewerVersion { found, supported } => write!(
                f,
                "This backup was made by a newer version of Magnesium Tracker (version \
                 {found}; this one reads up to {supported}). Update the app, then import it."
            ),
            ImportError::Invalid { problems, total } => {
                write!(f, "The backup has {total} problem")?;
                if *total != 1 {
                    f.write_str("s")?;
                }
                f.write_str(" and nothing was imported:")?;
                for p in problems {
                    write!(f, "\n• {p}")?;
                }
                if *total > problems.len() {
                    write!(f, "\n• … and {} more", total - problems.len())?;
                }
                Ok(())
            }
            ImportError::TooManySymptoms { max } => write!(
                f,
                "Combining the symptom lists would give more than {max} symptoms; \
                 hide or use fewer custom symptoms, or replace instead of merging."
            ),
        }
    }
}

/// "3 day logs", "1 diary entry", "the profile".
fn counted(kind: RecordKind, n: usize) -> String {
    let (one, many) = match kind {
        RecordKind::Profile => ("the profile", "profiles"),
        RecordKind::Settings => ("the settings", "settings"),
        RecordKind::CustomItems => ("the custom item list", "custom item lists"),
        RecordKind::Symptoms => ("the symptom list", "symptom lists"),
        RecordKind::Regimen => ("the supplement regimen", "supplement regimens"),
        RecordKind::Meals => ("the saved meals", "saved meal lists"),
        RecordKind::Recipes => ("the recipes", "recipe lists"),
        RecordKind::Prices => ("the package prices", "package price lists"),
        RecordKind::ShoppingList => ("the shopping list", "shopping lists"),
        RecordKind::Day => ("1 day log", "day logs"),
        RecordKind::Diary => ("1 diary entry", "diary entries"),
        RecordKind::Meta => ("the store information", "store information"),
    };
    if n == 1 {
        one.to_owned()
    } else {
        format!("{n} {many}")
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
