//! A parser for the USDA Standard Reference ASCII format: one record a line,
//! fields separated by `^`, text fields wrapped in `~`, empty fields written
//! `^^` or `~~`, lines ending in CRLF, bytes in Latin-1.
//!
//! Every malformed line is an error that names the file and the 1-based line
//! number: a silently skipped line would silently drop a food or a measure.

use std::fmt;

/// What a field of a record holds; the parser checks each field against it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `~text~`, or empty.
    Text,
    /// A bare decimal such as `28.35` or `-0.5`, or empty.
    Number,
    /// A bare `mm/yyyy` date, or empty.
    Date,
}

/// The layout of one SR file: its name (for error messages) and its fields.
#[derive(Clone, Copy, Debug)]
pub struct Schema {
    pub file: &'static str,
    pub fields: &'static [(&'static str, Kind)],
}

/// One parsed line: the fields as Latin-1-decoded text without the `~`
/// delimiters, each already checked against its [`Kind`].
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The 1-based line number, for errors found after parsing.
    pub line: usize,
    pub fields: Vec<String>,
}

/// A malformed line (`line` is `Some`) or an unreadable file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SrError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

pub const FD_GROUP: Schema = Schema {
    file: "FD_GROUP.txt",
    fields: &[("FdGrp_Cd", Kind::Text), ("FdGrp_Desc", Kind::Text)],
};

pub const FOOD_DES: Schema = Schema {
    file: "FOOD_DES.txt",
    fields: &[
        ("NDB_No", Kind::Text),
        ("FdGrp_Cd", Kind::Text),
        ("Long_Desc", Kind::Text),
        ("Shrt_Desc", Kind::Text),
        ("ComName", Kind::Text),
        ("ManufacName", Kind::Text),
        ("Survey", Kind::Text),
        ("Ref_desc", Kind::Text),
        ("Refuse", Kind::Number),
        ("SciName", Kind::Text),
        ("N_Factor", Kind::Number),
        ("Pro_Factor", Kind::Number),
        ("Fat_Factor", Kind::Number),
        ("CHO_Factor", Kind::Number),
    ],
};

pub const NUT_DATA: Schema = Schema {
    file: "NUT_DATA.txt",
    fields: &[
        ("NDB_No", Kind::Text),
        ("Nutr_No", Kind::Text),
        ("Nutr_Val", Kind::Number),
        ("Num_Data_Pts", Kind::Number),
        ("Std_Error", Kind::Number),
        ("Src_Cd", Kind::Text),
        ("Deriv_Cd", Kind::Text),
        ("Ref_NDB_No", Kind::Text),
        ("Add_Nutr_Mark", Kind::Text),
        ("Num_Studies", Kind::Number),
        ("Min", Kind::Number),
        ("Max", Kind::Number),
        ("DF", Kind::Number),
        ("Low_EB", Kind::Number),
        ("Up_EB", Kind::Number),
        ("Stat_cmt", Kind::Text),
        ("AddMod_Date", Kind::Date),
        ("CC", Kind::Text),
    ],
};

pub const WEIGHT: Schema = Schema {
    file: "WEIGHT.txt",
    fields: &[
        ("NDB_No", Kind::Text),
        ("Seq", Kind::Number),
        ("Amount", Kind::Number),
        ("Msre_Desc", Kind::Text),
        ("Gm_Wgt", Kind::Number),
        ("Num_Data_Pts", Kind::Number),
        ("Std_Dev", Kind::Number),
    ],
};

pub const NUTR_DEF: Schema = Schema {
    file: "NUTR_DEF.txt",
    fields: &[
        ("Nutr_No", Kind::Text),
        ("Units", Kind::Text),
        ("Tagname", Kind::Text),
        ("NutrDesc", Kind::Text),
        ("Num_Dec", Kind::Text),
        ("SR_Order", Kind::Text),
    ],
};

pub const FOOTNOTE: Schema = Schema {
    file: "FOOTNOTE.txt",
    fields: &[
        ("NDB_No", Kind::Text),
        ("Footnt_No", Kind::Text),
        ("Footnt_Typ", Kind::Text),
        ("Nutr_No", Kind::Text),
        ("Footnt_Txt", Kind::Text),
    ],
};

/// Parses a whole file. Lines end in LF; any carriage returns just before
/// the LF are dropped (SR files end lines in CRLF and WEIGHT.txt has been
/// seen with extra CRs there), but a CR anywhere else is an error. The last
/// line may lack its line ending; empty lines are errors except after the
/// final line ending.
pub fn parse(schema: &Schema, bytes: &[u8]) -> Result<Vec<Record>, SrError> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            parse_line(schema, line)
                .map(|fields| Record {
                    line: i + 1,
                    fields,
                })
                .map_err(|message| SrError {
                    file: schema.file.to_string(),
                    line: Some(i + 1),
                    message,
                })
        })
        .collect()
}

/// Parses one line without its LF into checked, decoded fields.
pub fn parse_line(schema: &Schema, line: &[u8]) -> Result<Vec<String>, String> {
    let mut end = line.len();
    while end > 0 && line[end - 1] == b'\r' {
        end -= 1;
    }
    let line = &line[..end];
    if line.is_empty() {
        return Err("empty line".into());
    }
    if let Some(col) = line.iter().position(|&b| b == b'\r') {
        return Err(format!("stray carriage return at column {}", col + 1));
    }
    let raw = split_fields(line)?;
    if raw.len() != schema.fields.len() {
        return Err(format!(
            "{} fields, expected {} ({})",
            raw.len(),
            schema.fields.len(),
            schema
                .fields
                .iter()
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
                .join("^")
        ));
    }
    raw.into_iter()
        .zip(schema.fields)
        .map(|(field, &(name, kind))| check_field(field, kind).map_err(|e| format!("{name}: {e}")))
        .collect()
}

/// Parses a field checked as [`Kind::Number`]; `None` when it is empty.
pub fn number(field: &str) -> Option<f64> {
    // The parser already checked the syntax, so only an empty field fails.
    field.parse().ok()
}

/// Decodes Latin-1: every byte is the Unicode code point of the same value.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

impl fmt::Display for SrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for SrError {}

/// A field as written: `~...~` or bare.
#[derive(Debug)]
enum RawField<'a> {
    Delimited(&'a [u8]),
    Bare(&'a [u8]),
}

fn split_fields(line: &[u8]) -> Result<Vec<RawField<'_>>, String> {
    let mut fields = Vec::new();
    let mut pos = 0;
    loop {
        let field_end;
        if line.get(pos) == Some(&b'~') {
            let close = line[pos + 1..]
                .iter()
                .position(|&b| b == b'~')
                .map(|i| pos + 1 + i)
                .ok_or_else(|| {
                    format!("unterminated ~ text field starting at column {}", pos + 1)
                })?;
            fields.push(RawField::Delimited(&line[pos + 1..close]));
            field_end = close + 1;
            if let Some(&next) = line.get(field_end)
                && next != b'^'
            {
                return Err(format!(
                    "'{}' after the text field closed at column {}, expected ^",
                    char::from(next),
                    close + 1
                ));
            }
        } else {
            field_end = line[pos..]
                .iter()
                .position(|&b| b == b'^')
                .map_or(line.len(), |i| pos + i);
            let bare = &line[pos..field_end];
            if let Some(i) = bare.iter().position(|&b| b == b'~') {
                return Err(format!("stray ~ at column {}", pos + i + 1));
            }
            fields.push(RawField::Bare(bare));
        }
        if field_end >= line.len() {
            return Ok(fields);
        }
        // `line[field_end]` is the `^` separator.
        pos = field_end + 1;
        if pos == line.len() {
            fields.push(RawField::Bare(&[]));
            return Ok(fields);
        }
    }
}

fn check_field(field: RawField<'_>, kind: Kind) -> Result<String, String> {
    match (field, kind) {
        (RawField::Delimited(text), Kind::Text) => Ok(latin1(text)),
        (RawField::Delimited(b""), _) | (RawField::Bare(b""), _) => Ok(String::new()),
        (RawField::Bare(bare), Kind::Text) => {
            Err(format!("text {:?} is not wrapped in ~", latin1(bare)))
        }
        (RawField::Delimited(text), _) => Err(format!(
            "{:?} is wrapped in ~ but should be a bare {kind:?}",
            latin1(text)
        )),
        (RawField::Bare(bare), Kind::Number) => {
            let text = latin1(bare);
            if is_decimal(&text) {
                Ok(text)
            } else {
                Err(format!("{text:?} is not a number"))
            }
        }
        (RawField::Bare(bare), Kind::Date) => {
            let text = latin1(bare);
            if is_month_year(&text) {
                Ok(text)
            } else {
                Err(format!("{text:?} is not a mm/yyyy date"))
            }
        }
    }
}

/// `-?digits(.digits?)?` or `-?.digits`: what SR writes, and nothing
/// `f64::from_str` would accept beyond it (no exponents, "inf" or "NaN").
fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(int.is_empty() && frac.is_empty()) && digits(int) && digits(frac)
}

fn is_month_year(text: &str) -> bool {
    let Some((month, year)) = text.split_once('/') else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(month, 2) && digits(year, 4) && (1..=12).contains(&month.parse::<u8>().unwrap_or(0))
}
