//! The browser's sync transport and cipher against real `fetch` and
//! WebCrypto in headless Chromium: PBKDF2 against published vectors, sealing
//! and opening, document ids, the key check, and a request that finds no
//! server. Run by `cargo test --target wasm32-unknown-unknown --test sync_web`.

#![cfg(target_arch = "wasm32")]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use magnesium_tracker::domain::sync::cipher::{KEY_DOC_ID, OpenError};
use magnesium_tracker::domain::sync::engine::{self, SyncError};
use magnesium_tracker::domain::sync::{Cipher, NetError, Request, SyncConfig, Transport};
use magnesium_tracker::sync::web::{
    self, FetchTransport, KEY_LEN, WebCipher, basic_auth, derive_bits, derive_key,
};
use serde_json::{Value, json};
use wasm_bindgen_test::wasm_bindgen_test as test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Few iterations keep the tests fast; the count does not change what is
/// tested, only how slow a guess is.
const TEST_ITERATIONS: u32 = 1_000;

fn unhex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

async fn cipher(passphrase: &str, salt: &str) -> WebCipher {
    let key = derive_key(passphrase, salt, TEST_ITERATIONS).await.unwrap();
    WebCipher::from_derived(&key).await.unwrap()
}

#[test]
async fn pbkdf2_matches_the_rfc_7914_vectors() {
    // RFC 7914 §11, the two PBKDF2-HMAC-SHA256 vectors with dkLen = 64.
    let cases = [
        (
            "passwd",
            "salt",
            1,
            "55 ac 04 6e 56 e3 08 9f ec 16 91 c2 25 44 b6 05
             f9 41 85 21 6d de 04 65 e6 8b 9d 57 c2 0d ac bc
             49 ca 9c cc f1 79 b6 45 99 16 64 b3 9d 77 ef 31
             7c 71 b8 45 b1 e3 0b d5 09 11 20 41 d3 a1 97 83",
        ),
        (
            "Password",
            "NaCl",
            80_000,
            "4d dc d8 f6 0b 98 be 21 83 0c ee 5e f2 27 01 f9
             64 1a 44 18 d0 4c 04 14 ae ff 08 87 6b 34 ab 56
             a1 d4 25 a1 22 58 33 54 9a db 84 1b 51 c9 b3 17
             6a 27 2b de bb a1 d0 78 47 8f 62 b3 97 f3 3c 8d",
        ),
    ];
    for (passphrase, salt, iterations, expected) in cases {
        let bits = derive_bits(passphrase, salt.as_bytes(), iterations)
            .await
            .unwrap();
        assert_eq!(bits.len(), KEY_LEN);
        assert_eq!(bits, unhex(expected), "{passphrase}/{salt}/{iterations}");
    }
}

#[test]
async fn derive_key_keeps_the_salt_and_encodes_the_bits() {
    let salt = B64.encode("salt");
    let key = derive_key("passwd", &salt, 1).await.unwrap();
    assert_eq!(key.salt, salt);
    assert_eq!(
        B64.decode(&key.bits).unwrap(),
        derive_bits("passwd", b"salt", 1).await.unwrap()
    );
    assert!(derive_key("passwd", "not base64!", 1).await.is_err());
    assert!(WebCipher::from_bits(&[0; 32]).await.is_err());
}

#[test]
async fn a_sealed_payload_opens_back() {
    let salt = web::new_salt();
    let cipher = cipher("correct horse", &salt).await;
    assert!(cipher.encrypts());
    let payload = json!({ "v": 3, "day": { "date": "2026-03-01", "note": "spray ✓" } });
    let id = cipher.doc_id("mgt/v1/day/2026-03-01").await;
    let sealed = cipher.seal(&id, &payload).await.unwrap();
    let mut fields: Vec<&str> = sealed
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["ct", "iv"]);
    assert_eq!(
        B64.decode(sealed["iv"].as_str().unwrap()).unwrap().len(),
        12
    );
    assert_eq!(cipher.open(&id, &sealed).await, Ok(payload.clone()));
    // A fresh IV each time: the same payload never seals the same way twice.
    let again = cipher.seal(&id, &payload).await.unwrap();
    assert_ne!(again["iv"], sealed["iv"]);
    assert_ne!(again["ct"], sealed["ct"]);
    // A cipher rebuilt from the same derived key opens it, as on another
    // device or after a reload.
    let same = cipher_from_same_key("correct horse", &salt).await;
    assert_eq!(same.open(&id, &sealed).await, Ok(payload));
}

async fn cipher_from_same_key(passphrase: &str, salt: &str) -> WebCipher {
    let bits = derive_bits(passphrase, &B64.decode(salt).unwrap(), TEST_ITERATIONS)
        .await
        .unwrap();
    WebCipher::from_bits(&bits).await.unwrap()
}

#[test]
async fn another_passphrase_or_another_document_is_the_wrong_key() {
    let salt = web::new_salt();
    let mine = cipher("correct horse", &salt).await;
    let theirs = cipher("battery staple", &salt).await;
    let id = mine.doc_id("mgt/v1/day/2026-03-01").await;
    let sealed = mine.seal(&id, &json!({ "note": "x" })).await.unwrap();
    assert_eq!(theirs.open(&id, &sealed).await, Err(OpenError::WrongKey));
    let other_id = mine.doc_id("mgt/v1/day/2026-03-02").await;
    assert_eq!(
        mine.open(&other_id, &sealed).await,
        Err(OpenError::WrongKey)
    );
    // One changed byte of ciphertext fails the tag too.
    let mut ct = B64.decode(sealed["ct"].as_str().unwrap()).unwrap();
    ct[0] ^= 1;
    let changed = json!({ "iv": sealed["iv"], "ct": B64.encode(ct) });
    assert_eq!(mine.open(&id, &changed).await, Err(OpenError::WrongKey));
}

#[test]
async fn bodies_that_are_not_sealed_bodies_are_malformed() {
    let cipher = cipher("correct horse", &web::new_salt()).await;
    let id = cipher.doc_id("mgt/v1/profile").await;
    let iv = B64.encode([0; 12]);
    let bodies = [
        json!({ "plain": { "note": "x" } }),
        json!({ "iv": iv }),
        json!({ "iv": "*", "ct": "AAAA" }),
        json!({ "iv": B64.encode([0; 8]), "ct": B64.encode([0; 32]) }),
        json!({ "iv": iv, "ct": B64.encode([0; 8]) }),
        Value::Null,
    ];
    for body in bodies {
        assert!(
            matches!(cipher.open(&id, &body).await, Err(OpenError::Malformed(_))),
            "{body}"
        );
    }
}

#[test]
async fn the_ciphertext_does_not_contain_the_plaintext() {
    let cipher = cipher("correct horse", &web::new_salt()).await;
    let note = "magnesium glycinate 200 mg before bed";
    let key = "mgt/v1/day/2026-03-01";
    let id = cipher.doc_id(key).await;
    let sealed = cipher.seal(&id, &json!({ "note": note })).await.unwrap();
    let ct = B64.decode(sealed["ct"].as_str().unwrap()).unwrap();
    let text = sealed.to_string();
    for secret in [note, "magnesium", "note", "2026-03-01"] {
        assert!(!text.contains(secret), "{secret} in {text}");
        assert!(
            !ct.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret} in the ciphertext"
        );
        assert!(!id.contains(secret), "{secret} in {id}");
    }
}

#[test]
async fn document_ids_are_stable_opaque_and_keyed() {
    let salt = web::new_salt();
    let cipher = cipher("correct horse", &salt).await;
    let day = cipher.doc_id("mgt/v1/day/2026-03-01").await;
    assert_eq!(day.len(), 33);
    assert!(day.starts_with('r'));
    assert!(
        day[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)),
        "{day}"
    );
    assert_eq!(cipher.doc_id("mgt/v1/day/2026-03-01").await, day);
    let same = cipher_from_same_key("correct horse", &salt).await;
    assert_eq!(same.doc_id("mgt/v1/day/2026-03-01").await, day);
    assert_ne!(cipher.doc_id("mgt/v1/day/2026-03-02").await, day);
    let other_passphrase = cipher_from_same_key("battery staple", &salt).await;
    assert_ne!(other_passphrase.doc_id("mgt/v1/day/2026-03-01").await, day);
    let other_salt = cipher_from_same_key("correct horse", &web::new_salt()).await;
    assert_ne!(other_salt.doc_id("mgt/v1/day/2026-03-01").await, day);
}

#[test]
async fn the_key_document_accepts_only_its_passphrase() {
    let salt = web::new_salt();
    let right = cipher("correct horse", &salt).await;
    let doc = engine::new_key_doc(&right, &salt, TEST_ITERATIONS)
        .await
        .unwrap();
    assert!(doc.encrypted);
    assert_eq!(doc.salt.as_deref(), Some(salt.as_str()));
    assert_eq!(doc.iterations, Some(TEST_ITERATIONS));
    assert_eq!(engine::check_key(&right, &doc).await, Ok(()));
    // Another device derives the key from the key document alone.
    let key = derive_key(
        "correct horse",
        doc.salt.as_deref().unwrap(),
        doc.iterations.unwrap(),
    )
    .await
    .unwrap();
    let derived = WebCipher::from_derived(&key).await.unwrap();
    assert_eq!(engine::check_key(&derived, &doc).await, Ok(()));
    let wrong = cipher("battery staple", &salt).await;
    assert_eq!(
        engine::check_key(&wrong, &doc).await,
        Err(SyncError::WrongPassphrase)
    );
    // The check value is bound to the key document's id.
    let check = doc.check.as_ref().unwrap();
    assert_eq!(
        right.open("elsewhere", check).await,
        Err(OpenError::WrongKey)
    );
    assert!(right.open(KEY_DOC_ID, check).await.is_ok());
}

#[test]
fn random_values_have_the_asked_length_and_differ() {
    let a = web::random_hex(16);
    assert_eq!(a.len(), 32);
    assert!(
        a.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert_ne!(web::random_hex(16), a);
    assert_eq!(web::random_hex(70_000).len(), 140_000);
    let salt = web::new_salt();
    assert_eq!(B64.decode(&salt).unwrap().len(), 16);
    assert_ne!(web::new_salt(), salt);
}

#[test]
fn basic_auth_encodes_utf8_credentials() {
    // RFC 7617 §2's example, and §2.1's UTF-8 one.
    assert_eq!(
        basic_auth("Aladdin", "open sesame").as_deref(),
        Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );
    assert_eq!(
        basic_auth("test", "123£").as_deref(),
        Some("Basic dGVzdDoxMjPCow==")
    );
    assert_eq!(basic_auth("", "secret"), None);
    let config = SyncConfig::new("http://127.0.0.1:5984/", "a/b", "me", true).unwrap();
    let transport = FetchTransport::new(&config, "pw", 5_000);
    assert_eq!(transport.url, "http://127.0.0.1:5984/a%2Fb");
    assert_eq!(transport.auth, basic_auth("me", "pw"));
}

#[test]
async fn a_server_that_is_not_there_is_unreachable() {
    let transport = FetchTransport {
        url: "http://127.0.0.1:9/db".into(),
        auth: basic_auth("me", "pw"),
        timeout_ms: 10_000,
    };
    for request in [
        Request::get(""),
        Request::get("mgt-keys"),
        Request::put("doc", json!({ "a": 1 })),
    ] {
        match transport.send(request.clone()).await {
            Err(NetError::Unreachable(message)) => assert!(!message.is_empty()),
            other => panic!("{request:?}: {other:?}"),
        }
    }
}
