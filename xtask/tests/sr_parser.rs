//! Table tests of the SR format parser on real SR28 lines and on malformed
//! fixtures; every malformed line must fail with its file and line number.

use std::path::Path;
use xtask::sr::{self, SrError};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn real_lines_parse_into_typed_fields() {
    let cases: [(&sr::Schema, &[u8], &[&str]); 6] = [
        (&sr::FD_GROUP, b"~1200~^~Nut and Seed Products~\r", &["1200", "Nut and Seed Products"]),
        (
            &sr::FOOD_DES,
            b"~12061~^~1200~^~Nuts, almonds~^~ALMONDS~^~Includes USDA commodity food A256, A264~^^~Y~^~Shells~^60^~Prunus dulcis~^5.18^3.47^8.37^4.07\r",
            &[
                "12061", "1200", "Nuts, almonds", "ALMONDS", "Includes USDA commodity food A256, A264",
                "", "Y", "Shells", "60", "Prunus dulcis", "5.18", "3.47", "8.37", "4.07",
            ],
        ),
        (
            &sr::FOOD_DES,
            b"~01002~^~0100~^~Butter, whipped, with salt~^~BUTTER,WHIPPED,W/ SALT~^^^~Y~^^0^^6.38^^^",
            &[
                "01002", "0100", "Butter, whipped, with salt", "BUTTER,WHIPPED,W/ SALT", "", "", "Y",
                "", "0", "", "6.38", "", "", "",
            ],
        ),
        (
            &sr::NUT_DATA,
            b"~12014~^~203~^30.23^3^0.586^~1~^~A~^^^1^29.10^31.06^2^27.707^32.748^~2, 3~^12/2008^\r",
            &[
                "12014", "203", "30.23", "3", "0.586", "1", "A", "", "", "1", "29.10", "31.06", "2",
                "27.707", "32.748", "2, 3", "12/2008", "",
            ],
        ),
        (
            &sr::WEIGHT,
            b"~01001~^1^1^~pat (1\" sq, 1/3\" high)~^5.0^^\r",
            &["01001", "1", "1", "pat (1\" sq, 1/3\" high)", "5.0", "", ""],
        ),
        (
            &sr::WEIGHT,
            b"~22996~^1^1^~Entr\xe9e~^269^1^\r",
            &["22996", "1", "1", "Entr\u{e9}e", "269", "1", ""],
        ),
    ];
    for (schema, line, expected) in cases {
        let fields = sr::parse_line(schema, line).unwrap_or_else(|e| {
            panic!("{}: {e}: {:?}", schema.file, String::from_utf8_lossy(line))
        });
        assert_eq!(fields, expected, "{}", schema.file);
    }
}

#[test]
fn malformed_lines_are_rejected_with_a_reason() {
    let cases: [(&sr::Schema, &[u8], &str); 11] = [
        (
            &sr::WEIGHT,
            b"~01001~^1^1^~tbsp~^14.2^^^",
            "8 fields, expected 7",
        ),
        (
            &sr::WEIGHT,
            b"~01001~^1^1^~tbsp~^14.2",
            "5 fields, expected 7",
        ),
        (
            &sr::WEIGHT,
            b"~01001~^1^1^~tbsp^14.2^^",
            "unterminated ~ text field starting at column 13",
        ),
        (
            &sr::WEIGHT,
            b"~01001~^1^1x^~tbsp~^14.2^^",
            "Amount: \"1x\" is not a number",
        ),
        (
            &sr::WEIGHT,
            b"~01001~^1^1^~tbsp~^1e3^^",
            "Gm_Wgt: \"1e3\" is not a number",
        ),
        (
            &sr::WEIGHT,
            b"~01001~^1^1^~tbsp~^NaN^^",
            "Gm_Wgt: \"NaN\" is not a number",
        ),
        (
            &sr::WEIGHT,
            b"~01001~^1^1^~tbsp~^14.2\r^^",
            "stray carriage return at column 24",
        ),
        (
            &sr::WEIGHT,
            b"~01001~^1^1^tbsp^14.2^^",
            "Msre_Desc: text \"tbsp\" is not wrapped in ~",
        ),
        (
            &sr::WEIGHT,
            b"~01001~^~1~^1^~tbsp~^14.2^^",
            "Seq: \"1\" is wrapped in ~",
        ),
        (
            &sr::WEIGHT,
            b"~01001~x^1^1^~tbsp~^14.2^^",
            "'x' after the text field closed at column 7",
        ),
        (
            &sr::NUT_DATA,
            b"~01001~^~208~^717^0^^~4~^~NC~^^^^^^^^^^2010/08^",
            "AddMod_Date",
        ),
    ];
    for (schema, line, reason) in cases {
        match sr::parse_line(schema, line) {
            Ok(fields) => panic!("accepted {:?} as {fields:?}", String::from_utf8_lossy(line)),
            Err(e) => assert!(
                e.contains(reason),
                "{:?}: got {e:?}, want {reason:?}",
                String::from_utf8_lossy(line)
            ),
        }
    }
}

#[test]
fn empty_fields_may_be_bare_or_tilde_pairs() {
    let fields = sr::parse_line(&sr::WEIGHT, b"~01001~^1^~~^~~^5^^").unwrap();
    assert_eq!(fields, ["01001", "1", "", "", "5", "", ""]);
    assert_eq!(sr::number(&fields[2]), None);
    assert_eq!(sr::number(&fields[4]), Some(5.0));
}

#[test]
fn malformed_fixtures_fail_naming_file_and_line() {
    let cases = [
        ("weight_bad_field_count.txt", 3, "8 fields, expected 7"),
        (
            "weight_unterminated_text.txt",
            3,
            "unterminated ~ text field",
        ),
        (
            "weight_not_a_number.txt",
            2,
            "Amount: \"one\" is not a number",
        ),
        (
            "weight_stray_cr.txt",
            2,
            "stray carriage return at column 29",
        ),
    ];
    for (name, line, reason) in cases {
        let err: SrError = sr::parse(&sr::WEIGHT, &fixture(name)).expect_err(name);
        assert_eq!(
            (err.file.as_str(), err.line),
            ("WEIGHT.txt", Some(line)),
            "{name}: {err}"
        );
        assert!(err.message.contains(reason), "{name}: {err}");
        assert!(
            err.to_string().starts_with(&format!("WEIGHT.txt:{line}: ")),
            "{err}"
        );
    }
}

#[test]
fn extra_carriage_returns_at_line_ends_and_latin1_bytes_are_accepted() {
    let records = sr::parse(&sr::WEIGHT, &fixture("weight_trailing_crs_latin1.txt")).unwrap();
    let summary: Vec<(usize, &str, &str)> = records
        .iter()
        .map(|r| (r.line, r.fields[0].as_str(), r.fields[3].as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (1, "12061", "cup, whole"),
            (2, "12062", "Entr\u{e9}e"),
            (3, "12061", "oz (23 whole kernels)")
        ]
    );
}

#[test]
fn blank_lines_inside_a_file_are_errors() {
    let err = sr::parse(&sr::FD_GROUP, b"~0100~^~Dairy~\r\n\r\n~0200~^~Spices~\r\n").unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("empty line"), "{err}");
    assert_eq!(sr::parse(&sr::FD_GROUP, b"").unwrap(), []);
}

#[test]
fn latin1_maps_every_byte_to_the_same_code_point() {
    let all: Vec<u8> = (0..=255).collect();
    let text = sr::latin1(&all);
    assert!(text.chars().map(u32::from).eq(0..=255));
}

#[test]
fn every_raw_sr28_file_parses() {
    let dir = xtask::workspace_root().join(xtask::DATA_DIR);
    for (schema, rows) in [
        (&sr::FD_GROUP, 25),
        (&sr::FOOD_DES, 8_789),
        (&sr::NUT_DATA, 77_359),
        (&sr::WEIGHT, 15_438),
        (&sr::NUTR_DEF, 150),
        (&sr::FOOTNOTE, 552),
    ] {
        let bytes = std::fs::read(dir.join(schema.file)).unwrap();
        let records = sr::parse(schema, &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(records.len(), rows, "{}", schema.file);
    }
}
