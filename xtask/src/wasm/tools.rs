//! The external tools the step runs, and the check that they are the versions
//! `Trunk.toml` pins.

use serde::Deserialize;
use std::path::Path;
use std::process::Command;

/// Cargo as the hook's `cargo run` found it.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Trunk checked its tools' versions when its own Rust step ran them; this
/// step runs them itself, so it checks them against the same pins in
/// `Trunk.toml`. A wrong wasm-opt (Debian's 108) breaks Leptos output
/// silently, so it must fail here instead.
pub fn check(root: &Path, release: bool) -> Result<(), String> {
    let trunk_toml =
        std::fs::read_to_string(root.join("Trunk.toml")).map_err(|e| format!("Trunk.toml: {e}"))?;
    let pins = pins(&trunk_toml)?;
    // Each tool with its pin and the part of the pin that `--version` does
    // not print: wasm-opt prints "wasm-opt version 132 (version_132)" for the
    // pin "version_132".
    let mut tools = vec![("wasm-bindgen", &pins.wasm_bindgen, "")];
    // Debug builds are not optimised, so they do not need wasm-opt at all.
    if release {
        tools.push(("wasm-opt", &pins.wasm_opt, "version_"));
    }
    for (tool, pin, pin_prefix) in tools {
        let wanted = pin.strip_prefix(pin_prefix).unwrap_or(pin);
        let out = Command::new(tool).arg("--version").output().map_err(|e| {
            format!("cannot run {tool}: {e} (run `make serve` or `make test` to install it)")
        })?;
        let printed = String::from_utf8_lossy(&out.stdout);
        if !tool_version_matches(&printed, wanted) {
            return Err(format!(
                "{tool} on PATH is {:?}, Trunk.toml pins {pin} (run through `make`, which puts the pinned one first)",
                printed.trim()
            ));
        }
    }
    Ok(())
}

/// The part of `Trunk.toml` this step reads; Trunk owns the rest.
#[derive(Deserialize)]
struct TrunkToml {
    tools: Pins,
}

/// The versions `Trunk.toml` pins in its `[tools]` table.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Pins {
    pub wasm_bindgen: String,
    pub wasm_opt: String,
}

/// The `[tools]` pins of a `Trunk.toml`, or why they cannot be read.
pub fn pins(trunk_toml: &str) -> Result<Pins, String> {
    toml::from_str::<TrunkToml>(trunk_toml)
        .map(|t| t.tools)
        .map_err(|e| format!("Trunk.toml: {e}"))
}

/// Whether `--version` output names exactly `version` as a whole word.
pub fn tool_version_matches(printed: &str, version: &str) -> bool {
    printed
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .any(|word| word == version)
}

/// Runs `command`, failing unless it exits successfully.
pub fn exec(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed: {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_versions_are_read_from_trunk_toml_and_matched_exactly() {
        // A key of the same name in another table is not a pin.
        let toml = "trunk-version = \"=0.21.14\"\n[build]\nwasm_opt = \"x\"\n\
                    [tools]\n# comment\nwasm_bindgen = \"0.2.130\"\nwasm_opt = \"version_132\"\n";
        let pins = pins(toml).unwrap();
        assert_eq!(pins.wasm_bindgen, "0.2.130");
        assert_eq!(pins.wasm_opt, "version_132");
        let err = super::pins("[tools]\nwasm_bindgen = \"0.2.130\"\n").unwrap_err();
        assert!(err.contains("wasm_opt"), "{err}");
        let cases = [
            ("wasm-opt version 132 (version_132)\n", "132", true),
            ("wasm-opt version 108\n", "132", false),
            ("wasm-opt version 1320\n", "132", false),
            ("wasm-bindgen 0.2.130\n", "0.2.130", true),
            ("wasm-bindgen 0.2.13\n", "0.2.130", false),
        ];
        for (printed, version, matches) in cases {
            assert_eq!(
                tool_version_matches(printed, version),
                matches,
                "{printed:?}"
            );
        }
    }
}
