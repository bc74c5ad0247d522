//! The one rule for showing an amount of magnesium, used by every page, the
//! add confirmations and the CSV export, so a dose reads the same wherever
//! it appears.
//!
//! The rule: below 10 mg, to the nearest 0.1 mg; from 10 mg up, to the
//! nearest whole milligram; halves away from zero, and no trailing ".0".
//! Small amounts keep a decimal so a cup of tea or a 2.5 mg dose does not
//! read as a round guess or as "0 mg"; larger amounts are whole because a
//! decimal there claims a precision the food tables do not have.
//!
//! Comparisons that people can check on screen (target met, over the upper
//! level, how much is left) use [`shown`], the value as displayed, so a flag
//! never contradicts the number next to it.

/// Below this many milligrams an amount keeps one decimal.
pub const DECIMAL_BELOW_MG: f64 = 10.0;

/// `mg` rounded the way it is shown. Negative and non-finite input, which no
/// sum of valid amounts produces, is shown as 0.
pub fn shown(mg: f64) -> f64 {
    if !mg.is_finite() || mg <= 0.0 {
        return 0.0;
    }
    let tenths = (mg * 10.0).round() / 10.0;
    // Testing the rounded value keeps 9.96 from showing as "10.0".
    if tenths < DECIMAL_BELOW_MG {
        tenths
    } else {
        mg.round()
    }
}

/// The number alone, "7.1" or "212", as the CSV writes it.
pub fn number(mg: f64) -> String {
    let v = shown(mg);
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// "7.1 mg", "212 mg": the amount as every page shows it.
pub fn format_mg(mg: f64) -> String {
    format!("{} mg", number(mg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_amount() {
        // (input mg, shown value, text)
        let cases = [
            (0.0, 0.0, "0 mg"),
            (0.04, 0.0, "0 mg"),
            (0.05, 0.1, "0.1 mg"),
            (2.5, 2.5, "2.5 mg"),
            // A cup of brewed coffee: 237 g at 3 mg per 100 g.
            (7.11, 7.1, "7.1 mg"),
            (5.02, 5.0, "5 mg"),
            (9.94, 9.9, "9.9 mg"),
            // Rounds to 10.0 at one decimal, so it is a whole-mg amount.
            (9.96, 10.0, "10 mg"),
            (10.0, 10.0, "10 mg"),
            (10.4, 10.0, "10 mg"),
            (41.26, 41.0, "41 mg"),
            // Halves go up, where Rust's `{:.0}` would round to even.
            (211.5, 212.0, "212 mg"),
            (256.5, 257.0, "257 mg"),
            // A floating-point sum just above a whole number.
            (0.1 + 0.2 + 99.7, 100.0, "100 mg"),
            (-3.0, 0.0, "0 mg"),
            (-0.01, 0.0, "0 mg"),
            (f64::NAN, 0.0, "0 mg"),
            (f64::INFINITY, 0.0, "0 mg"),
        ];
        for (mg, value, text) in cases {
            assert_eq!(shown(mg), value, "{mg}");
            assert_eq!(format_mg(mg), text, "{mg}");
            assert_eq!(format!("{} mg", number(mg)), text, "{mg}");
        }
    }
}
