//! The browser's [`Transport`] (`fetch`) and [`Cipher`] (WebCrypto). The
//! domain's replication client is written against those traits so that it
//! never imports web-sys; this module is the only place sync touches the
//! network or a key.
//!
//! The key is 64 bytes derived from the passphrase with PBKDF2-HMAC-SHA256:
//! the first half is an AES-256-GCM key that seals bodies, the second an
//! HMAC-SHA-256 key that names documents. Both are imported non-extractable,
//! so script on the page can use them but never read them back.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, CryptoKey, Headers, RequestCache, RequestCredentials, RequestInit,
    RequestMode, SubtleCrypto, Window,
};

use crate::domain::sync::cipher::OpenError;
use crate::domain::sync::{Cipher, DerivedKey, NetError, Request, Response, SyncConfig, Transport};

/// AES-GCM's recommended nonce length; a random one per seal keeps the
/// chance of a repeat negligible for the number of bodies one person seals.
const IV_LEN: usize = 12;
/// AES-GCM's tag length (WebCrypto's default of 128 bits): a body shorter
/// than this cannot be a sealed body at all.
const TAG_LEN: usize = 16;
/// The length of the derived key: the AES key, then the HMAC key.
pub const KEY_LEN: usize = 64;
/// The salt's length; 16 random bytes is what NIST SP 800-132 asks for.
const SALT_LEN: usize = 16;
/// The bytes of the HMAC kept in a document id: 128 bits is ample to keep
/// ids of one person's records apart, and shorter ids cost less per request.
const ID_BYTES: usize = 16;
/// `getRandomValues` refuses more than 65 536 bytes in one call.
const RANDOM_CHUNK: usize = 65_536;

/// Sends requests to one database with `fetch`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchTransport {
    /// The database URL, from [`SyncConfig::database_url`].
    pub url: String,
    /// The `Authorization` header's value, from [`basic_auth`].
    pub auth: Option<String>,
    /// How long one request (its answer and its body) may take.
    pub timeout_ms: u32,
}

impl FetchTransport {
    /// A transport for the configured database, signing in as its user.
    pub fn new(config: &SyncConfig, password: &str, timeout_ms: u32) -> FetchTransport {
        FetchTransport {
            url: config.database_url(),
            auth: basic_auth(config.username(), password),
            timeout_ms,
        }
    }

    fn url_for(&self, path: &str) -> String {
        if path.is_empty() {
            self.url.clone()
        } else {
            format!("{}/{}", self.url, path)
        }
    }
}

/// The `Authorization` value for HTTP Basic authentication (RFC 7617, with
/// UTF-8 credentials), or `None` for an empty user name: a server open to
/// anyone (a local test server) needs no header, and sending one with an
/// empty name would make CouchDB refuse it.
pub fn basic_auth(user: &str, password: &str) -> Option<String> {
    if user.is_empty() {
        return None;
    }
    Some(format!(
        "Basic {}",
        B64.encode(format!("{user}:{password}"))
    ))
}

impl Transport for FetchTransport {
    async fn send(&self, request: Request) -> Result<Response, NetError> {
        let unreachable = |e: JsValue| NetError::Unreachable(js_message(&e));
        let window = web_sys::window().ok_or_else(|| NetError::Unreachable("no window".into()))?;
        let init = request_init(&request, self.auth.as_deref()).map_err(unreachable)?;
        let controller = AbortController::new().map_err(unreachable)?;
        let signal = controller.signal();
        init.set_signal(Some(&signal));
        // The timer stays set while the body is read too, since a server can
        // send its status and then stall; dropping it clears it either way.
        let _timer = Timer::start(&window, self.timeout_ms, move || controller.abort())
            .map_err(unreachable)?;
        let url = self.url_for(&request.path);
        let answer = async {
            let response: web_sys::Response =
                JsFuture::from(window.fetch_with_str_and_init(&url, &init))
                    .await?
                    .dyn_into()?;
            let text = JsFuture::from(response.text()?).await?;
            Ok::<_, JsValue>((response.status(), text.as_string().unwrap_or_default()))
        }
        .await;
        match answer {
            Ok((status, text)) => Ok(Response {
                status,
                body: serde_json::from_str(&text).unwrap_or(Value::Null),
            }),
            // Only the timer aborts, so an aborted signal means it fired.
            Err(_) if signal.aborted() => Err(NetError::Timeout),
            Err(e) => Err(unreachable(e)),
        }
    }
}

/// The fetch options: JSON both ways, no cookies (the credentials are the
/// header, so another site's session never rides along), and no HTTP cache,
/// since a cached `_changes` or document answer would hide the server's
/// current state.
fn request_init(request: &Request, auth: Option<&str>) -> Result<RequestInit, JsValue> {
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    let headers = Headers::new()?;
    headers.set("Accept", "application/json")?;
    if let Some(body) = &request.body {
        headers.set("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(&body.to_string()));
    }
    if let Some(auth) = auth {
        headers.set("Authorization", auth)?;
    }
    init.set_headers(&headers);
    Ok(init)
}

/// A `setTimeout` that is cleared when dropped, so a request that answered
/// in time leaves no timer behind and its closure is freed with it.
struct Timer {
    window: Window,
    handle: i32,
    _on_timeout: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(
        window: &Window,
        ms: u32,
        on_timeout: impl FnOnce() + 'static,
    ) -> Result<Timer, JsValue> {
        let on_timeout = Closure::once(on_timeout);
        let handle = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            i32::try_from(ms).unwrap_or(i32::MAX),
        )?;
        Ok(Timer {
            window: window.clone(),
            handle,
            _on_timeout: on_timeout,
        })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        self.window.clear_timeout_with_handle(self.handle);
    }
}

/// Seals bodies with AES-256-GCM and names documents with HMAC-SHA-256.
#[derive(Clone, Debug)]
pub struct WebCipher {
    aes: CryptoKey,
    hmac: CryptoKey,
}

impl WebCipher {
    /// The cipher for [`KEY_LEN`] derived bytes: the AES key, then the HMAC
    /// key.
    pub async fn from_bits(bits: &[u8]) -> Result<WebCipher, String> {
        if bits.len() != KEY_LEN {
            return Err(format!(
                "a key has {KEY_LEN} bytes, this one {}",
                bits.len()
            ));
        }
        let subtle = subtle()?;
        let (aes_bits, hmac_bits) = bits.split_at(KEY_LEN / 2);
        let aes = import_key(
            &subtle,
            aes_bits,
            &dict(&[("name", "AES-GCM".into())]),
            &["encrypt", "decrypt"],
        )
        .await?;
        let hmac = import_key(
            &subtle,
            hmac_bits,
            &dict(&[("name", "HMAC".into()), ("hash", "SHA-256".into())]),
            &["sign"],
        )
        .await?;
        Ok(WebCipher { aes, hmac })
    }

    /// The cipher for a key kept on this device.
    pub async fn from_derived(key: &DerivedKey) -> Result<WebCipher, String> {
        let bits = B64
            .decode(&key.bits)
            .map_err(|e| format!("the stored key is not base64: {e}"))?;
        WebCipher::from_bits(&bits).await
    }

    async fn hmac(&self, data: &[u8]) -> Result<Vec<u8>, String> {
        let subtle = subtle()?;
        let mac = await_promise(subtle.sign_with_object_and_js_u8_array(
            &dict(&[("name", "HMAC".into())]),
            &self.hmac,
            &Uint8Array::from(data),
        ))
        .await
        .map_err(|e| js_message(&e))?;
        Ok(bytes_of(&mac))
    }
}

impl Cipher for WebCipher {
    fn encrypts(&self) -> bool {
        true
    }

    /// `r` and 32 hex digits of a keyed hash of the record key, so the
    /// server learns neither the record's kind nor its date. The letter
    /// keeps ids from starting with `_`, which CouchDB reserves.
    async fn doc_id(&self, record_key: &str) -> String {
        // The trait has no error for naming a document, and HMAC with a key
        // that imported cleanly has no failure but a broken browser.
        let mac = self
            .hmac(record_key.as_bytes())
            .await
            .unwrap_or_else(|e| panic!("HMAC-SHA-256 failed: {e}"));
        format!("r{}", hex(&mac[..ID_BYTES]))
    }

    /// `{"iv", "ct"}`: the payload's JSON sealed with a fresh IV and the
    /// document id as additional data, so a body copied into another
    /// document fails to open instead of replacing that record.
    async fn seal(&self, doc_id: &str, payload: &Value) -> Result<Value, String> {
        let subtle = subtle()?;
        let iv = random_bytes(IV_LEN)?;
        let sealed = await_promise(subtle.encrypt_with_object_and_js_u8_array(
            &aes_params(&iv, doc_id),
            &self.aes,
            &Uint8Array::from(payload.to_string().as_bytes()),
        ))
        .await
        .map_err(|e| js_message(&e))?;
        Ok(json!({ "iv": B64.encode(&iv), "ct": B64.encode(bytes_of(&sealed)) }))
    }

    async fn open(&self, doc_id: &str, body: &Value) -> Result<Value, OpenError> {
        let iv = b64_field(body, "iv")?;
        let ct = b64_field(body, "ct")?;
        if iv.len() != IV_LEN || ct.len() < TAG_LEN {
            return Err(OpenError::Malformed(
                "the IV or the ciphertext has the wrong length".into(),
            ));
        }
        let subtle = subtle().map_err(OpenError::Malformed)?;
        let opened = await_promise(subtle.decrypt_with_object_and_js_u8_array(
            &aes_params(&iv, doc_id),
            &self.aes,
            &Uint8Array::from(&ct[..]),
        ))
        .await;
        let plain = match opened {
            Ok(plain) => bytes_of(&plain),
            // WebCrypto reports a tag mismatch, and only that, as an
            // OperationError: another key, another document, or a change.
            Err(e) if js_field(&e, "name").as_deref() == Some("OperationError") => {
                return Err(OpenError::WrongKey);
            }
            Err(e) => return Err(OpenError::Malformed(js_message(&e))),
        };
        // Read as text first: the app parses JSON only from strings, so the
        // module holds one copy of serde_json's parser, not a second one
        // for byte slices.
        let text = std::str::from_utf8(&plain)
            .map_err(|e| OpenError::Malformed(format!("the sealed payload is not text: {e}")))?;
        serde_json::from_str(text)
            .map_err(|e| OpenError::Malformed(format!("the sealed payload is not JSON: {e}")))
    }
}

/// The 64 key bytes for a passphrase and salt, by PBKDF2-HMAC-SHA256.
pub async fn derive_bits(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<Vec<u8>, String> {
    let subtle = subtle()?;
    // WebCrypto requires a PBKDF2 base key to be non-extractable.
    let base = import_key(
        &subtle,
        passphrase.as_bytes(),
        &dict(&[("name", "PBKDF2".into())]),
        &["deriveBits"],
    )
    .await?;
    let params = dict(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ]);
    let bits = await_promise(subtle.derive_bits_with_object(&params, &base, KEY_LEN as u32 * 8))
        .await
        .map_err(|e| js_message(&e))?;
    Ok(bytes_of(&bits))
}

/// The key to keep on this device for a passphrase and the database's salt
/// (base64, as the key document carries it).
pub async fn derive_key(
    passphrase: &str,
    salt: &str,
    iterations: u32,
) -> Result<DerivedKey, String> {
    let salt_bytes = B64
        .decode(salt)
        .map_err(|e| format!("the database's salt is not base64: {e}"))?;
    let bits = derive_bits(passphrase, &salt_bytes, iterations).await?;
    Ok(DerivedKey {
        salt: salt.to_owned(),
        bits: B64.encode(bits),
    })
}

/// A new database's random salt, base64.
pub fn new_salt() -> String {
    B64.encode(random_bytes(SALT_LEN).unwrap_or_else(|e| panic!("{e}")))
}

/// `n_bytes` random bytes as lowercase hex, for revision ids.
pub fn random_hex(n_bytes: usize) -> String {
    hex(&random_bytes(n_bytes).unwrap_or_else(|e| panic!("{e}")))
}

fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let crypto = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|e| format!("no crypto: {}", js_message(&e)))?;
    let mut bytes = vec![0; n];
    for chunk in bytes.chunks_mut(RANDOM_CHUNK) {
        crypto
            .get_random_values_with_u8_array(chunk)
            .map_err(|e| format!("getRandomValues failed: {}", js_message(&e)))?;
    }
    Ok(bytes)
}

fn subtle() -> Result<SubtleCrypto, String> {
    let crypto = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|e| format!("no crypto: {}", js_message(&e)))?;
    // `crypto.subtle` exists only in a secure context (https or localhost).
    let subtle = crypto.subtle();
    if subtle.is_undefined() {
        return Err("WebCrypto needs a secure context (https)".into());
    }
    Ok(subtle)
}

async fn import_key(
    subtle: &SubtleCrypto,
    raw: &[u8],
    algorithm: &Object,
    usages: &[&str],
) -> Result<CryptoKey, String> {
    let usages: Array = usages.iter().map(|u| JsValue::from_str(u)).collect();
    let key = await_promise(subtle.import_key_with_object(
        "raw",
        &Uint8Array::from(raw),
        algorithm,
        false,
        &usages,
    ))
    .await
    .map_err(|e| js_message(&e))?;
    key.dyn_into()
        .map_err(|_| "importKey gave no CryptoKey".to_owned())
}

fn aes_params(iv: &[u8], doc_id: &str) -> Object {
    dict(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
        ("additionalData", Uint8Array::from(doc_id.as_bytes()).into()),
    ])
}

/// An algorithm dictionary. The byte values are `Uint8Array` copies rather
/// than views of wasm memory, which a memory growth before the call would
/// detach.
fn dict(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in entries {
        // Setting a property on a plain new object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object
}

async fn await_promise(promise: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// The bytes of an `ArrayBuffer` WebCrypto resolved with.
fn bytes_of(buffer: &JsValue) -> Vec<u8> {
    Uint8Array::new(buffer).to_vec()
}

fn b64_field(body: &Value, name: &str) -> Result<Vec<u8>, OpenError> {
    let text = body
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| OpenError::Malformed(format!("no {name}")))?;
    B64.decode(text)
        .map_err(|e| OpenError::Malformed(format!("{name} is not base64: {e}")))
}

fn js_field(value: &JsValue, name: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
}

/// A readable message for a thrown value: an `Error`'s or `DOMException`'s
/// name and message, or the value itself.
fn js_message(error: &JsValue) -> String {
    if let Some(text) = error.as_string() {
        return text;
    }
    match (js_field(error, "name"), js_field(error, "message")) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (None, Some(message)) => message,
        _ => format!("{error:?}"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
