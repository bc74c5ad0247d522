//! When and how this device syncs: the setup the person entered, the status
//! line, and the runs themselves (on start, a moment after each change, when
//! the browser comes back online, every few minutes while open, and on
//! "Sync now"). A run never blocks the page: it is a task that awaits the
//! network, and only one runs at a time; a change that arrives meanwhile
//! makes it run once more.
//!
//! The records the server sends are written through the storage adapter and
//! the store ([`StoreReplica`]), so they follow every rule a record typed here
//! follows, and the replication state is a device record behind the same
//! adapter.

use crate::domain::sorted::{SortedMap, SortedSet};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::domain::schema::{DeviceKey, RecordKey, Stored};
use crate::domain::sync::cipher::{KeyDoc, PBKDF2_ITERATIONS};
use crate::domain::sync::status::Phase;
use crate::domain::sync::{
    Cipher, DerivedKey, Plain, Replica, ReplicaState, SyncConfig, SyncError, SyncSetup, Transport,
    engine,
};
use crate::storage;
use crate::store::{Problem, Store, now_ms, use_store};
use crate::sync::web::{self, FetchTransport, WebCipher};

/// How long a request may take before the run gives up and says so.
const TIMEOUT_MS: u32 = 15_000;
/// How long after a change the run starts, so that a burst of edits (typing
/// a note) is sent as one.
const AFTER_CHANGE_MS: i32 = 2_000;
/// How often a page left open syncs, to bring in other devices' changes.
const EVERY_MS: i32 = 5 * 60_000;
/// The waits before retrying after the server could not be reached.
const BACKOFF_MS: [i32; 5] = [5_000, 15_000, 45_000, 120_000, 300_000];

/// The sync runner; the root component provides its slot (see `app_wide`).
#[derive(Clone, Copy)]
pub struct SyncRunner {
    /// What the person set up, `None` when sync was never set up or the
    /// server was forgotten.
    pub setup: RwSignal<Option<SyncSetup>>,
    pub phase: RwSignal<Phase>,
    /// The replication state as last saved, for the count of changes waiting.
    state: RwSignal<Option<ReplicaState>>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    failures: StoredValue<usize>,
    timer: StoredValue<Option<i32>>,
    store: Store,
}

/// The runner, made (and started, when sync is on) on first use.
pub fn use_sync() -> SyncRunner {
    crate::app_wide::AppWide::get_or_init(SyncRunner::start)
}

impl SyncRunner {
    fn start() -> SyncRunner {
        let store = use_store();
        let mut problem = None;
        let setup = storage::load_device::<SyncSetup>().unwrap_or_else(|p| {
            problem = Some(p);
            None
        });
        let state = storage::load_device::<ReplicaState>().unwrap_or_else(|p| {
            problem = Some(p);
            None
        });
        if let Some(p) = problem {
            store.problems.update(|all| all.push(p));
        }
        let enabled = setup.as_ref().is_some_and(|s| s.enabled);
        let runner = SyncRunner {
            phase: RwSignal::new(if enabled { Phase::Waiting } else { Phase::Off }),
            setup: RwSignal::new(setup),
            state: RwSignal::new(state),
            running: StoredValue::new(false),
            again: StoredValue::new(false),
            failures: StoredValue::new(0),
            timer: StoredValue::new(None),
            store,
        };
        runner.watch();
        if enabled {
            runner.run();
        }
        runner
    }

    /// Whether sync is set up and on.
    pub fn enabled(&self) -> bool {
        self.setup.with(|s| s.as_ref().is_some_and(|s| s.enabled))
    }

    /// The number of records whose version here the server does not hold.
    pub fn waiting(&self) -> usize {
        if !self.enabled() {
            return 0;
        }
        let held_back = held_back(&self.store.problems.get());
        self.state.with(|state| {
            let fresh;
            let state = match state {
                Some(state) => state,
                None => {
                    fresh = ReplicaState::new("");
                    &fresh
                }
            };
            self.store
                .with_stamps(|stamps| state.waiting(stamps, |k| held_back.contains(&k)).len())
        })
    }

    /// Starts the automatic runs: a moment after each change that leaves
    /// something waiting, when the browser is back online, and every few
    /// minutes.
    fn watch(self) {
        // Only a change to a record (or sync turned on) starts a run here;
        // the replication state a finished run saves does not, so a failed
        // run keeps its backoff instead of being retried at once.
        Effect::new(move |_| {
            self.store.track_changes();
            self.setup.track();
            if untrack(|| self.waiting()) == 0 {
                return;
            }
            if self.running.get_value() {
                self.again.set_value(true);
            } else {
                self.run_in(AFTER_CHANGE_MS);
            }
        });
        let Some(window) = web_sys::window() else {
            return;
        };
        let online = Closure::<dyn Fn()>::new(move || self.run());
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
        let every = Closure::<dyn Fn()>::new(move || {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
            if visible {
                self.run();
            }
        });
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
            every.as_ref().unchecked_ref(),
            EVERY_MS,
        );
        every.forget();
    }

    /// Runs once after `ms`, replacing any run already planned.
    fn run_in(self, ms: i32) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(id) = self.timer.get_value() {
            window.clear_timeout_with_handle(id);
        }
        let run = Closure::once_into_js(move || {
            self.timer.set_value(None);
            self.run();
        });
        let id = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), ms)
            .ok();
        self.timer.set_value(id);
    }

    /// Syncs now, unless sync is off; while a run is under way, it runs once
    /// more when that one ends.
    pub fn run(self) {
        if !self.enabled() {
            return;
        }
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        if let (Some(id), Some(window)) = (self.timer.get_value(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
            self.timer.set_value(None);
        }
        leptos::task::spawn_local(async move {
            loop {
                self.again.set_value(false);
                self.phase.set(Phase::Syncing);
                let outcome = one_tab_at_a_time(self.once()).await;
                self.state
                    .set(storage::load_device::<ReplicaState>().ok().flatten());
                match outcome {
                    Ok(()) => {
                        self.failures.set_value(0);
                        self.phase.set(Phase::Synced(clock(now_ms())));
                    }
                    Err(error) => {
                        let retry = retries(&error);
                        self.phase.set(Phase::Failed(error));
                        // A request made during this run ("Sync now", the
                        // browser back online) is answered by one more run
                        // now; otherwise the retry waits its turn.
                        if retry && !self.again.get_value() {
                            let n = self.failures.get_value();
                            self.failures.set_value(n + 1);
                            self.run_in(BACKOFF_MS[n.min(BACKOFF_MS.len() - 1)]);
                        }
                    }
                }
                if !self.again.get_value() || !self.enabled() {
                    break;
                }
            }
            self.running.set_value(false);
        });
    }

    /// One run against the saved setup.
    async fn once(self) -> Result<(), SyncError> {
        let Some(setup) = self.setup.get_untracked() else {
            return Ok(());
        };
        let transport = transport(&setup.config, &setup.password);
        // The key document is read on every run: a database recreated on the
        // server gets it back, and another device's new key is noticed
        // before anything is read with the old one.
        let key_doc =
            engine::open_database(&transport, !setup.config.username().is_empty()).await?;
        match &setup.key {
            Some(key) => {
                let cipher = WebCipher::from_derived(key)
                    .await
                    .map_err(SyncError::Local)?;
                let cipher = AnyCipher::Web(cipher);
                self.with_key_doc(&transport, &cipher, key_doc, &key.salt)
                    .await?;
                self.sync_with(&transport, &cipher).await
            }
            None => {
                self.with_key_doc(&transport, &AnyCipher::Plain, key_doc, "")
                    .await?;
                self.sync_with(&transport, &AnyCipher::Plain).await
            }
        }
    }

    /// Checks the cipher against the server's key document, putting it back
    /// when the database lost it.
    async fn with_key_doc(
        self,
        transport: &impl Transport,
        cipher: &AnyCipher,
        key_doc: Option<KeyDoc>,
        salt: &str,
    ) -> Result<(), SyncError> {
        let doc = match key_doc {
            Some(doc) => doc,
            None => {
                let doc = engine::new_key_doc(cipher, salt, PBKDF2_ITERATIONS)
                    .await
                    .map_err(SyncError::Local)?;
                engine::publish_key_doc(transport, &doc).await?
            }
        };
        engine::check_key(cipher, &doc).await
    }

    async fn sync_with(
        self,
        transport: &impl Transport,
        cipher: &AnyCipher,
    ) -> Result<(), SyncError> {
        // Read afresh for each run, so another tab's run is not undone.
        let mut state = match storage::load_device::<ReplicaState>() {
            Ok(Some(state)) => state,
            Ok(None) => ReplicaState::new(web::random_hex(8)),
            Err(problem) => {
                self.store.problems.update(|p| p.push(problem));
                return Err(SyncError::Local(
                    "the sync state on this device could not be read".into(),
                ));
            }
        };
        let mut replica = StoreReplica {
            store: self.store,
            held_back: held_back(&self.store.problems.get_untracked()),
        };
        engine::sync(transport, cipher, &mut replica, &mut state)
            .await
            .map(|_| ())
    }

    /// Turns sync on with what the person typed: opens (or creates) the
    /// database, derives the key from the passphrase and the database's salt
    /// and proves it, and only then saves the setup and starts the first
    /// run. A wrong passphrase or password saves nothing here and writes
    /// nothing there.
    pub async fn turn_on(
        self,
        config: SyncConfig,
        password: String,
        passphrase: Option<String>,
    ) -> Result<(), SyncError> {
        self.phase.set(Phase::Syncing);
        let outcome = self
            .connect(&config, &password, passphrase.as_deref())
            .await;
        let key = match outcome {
            Ok(key) => key,
            Err(error) => {
                self.phase.set(Phase::Failed(error.clone()));
                return Err(error);
            }
        };
        let same_database = self
            .setup
            .get_untracked()
            .is_some_and(|s| s.config == config);
        if !same_database {
            // Another database: what this device knew of the old one does not
            // apply.
            storage::remove_device(DeviceKey::SyncState)
                .map_err(|e| SyncError::Local(e.to_string()))?;
            self.state.set(None);
        }
        let setup = SyncSetup {
            config,
            password,
            key,
            enabled: true,
        };
        storage::save_device(&setup, now_ms()).map_err(|e| SyncError::Local(e.to_string()))?;
        self.setup.set(Some(setup));
        self.failures.set_value(0);
        self.run();
        Ok(())
    }

    /// Turns a saved setup back on.
    pub fn resume(self) {
        self.set_enabled(true);
        self.run();
    }

    /// Stops syncing and keeps everything stored here and the setup.
    pub fn turn_off(self) {
        self.set_enabled(false);
        self.phase.set(Phase::Off);
    }

    fn set_enabled(self, enabled: bool) {
        let Some(mut setup) = self.setup.get_untracked() else {
            return;
        };
        setup.enabled = enabled;
        match storage::save_device(&setup, now_ms()) {
            Ok(()) => self.setup.set(Some(setup)),
            Err(e) => self
                .phase
                .set(Phase::Failed(SyncError::Local(e.to_string()))),
        }
    }

    /// Removes the server's address, the credentials, the key and the
    /// replication state from this device; the records stay.
    pub fn forget(self) {
        let removed = storage::remove_device(DeviceKey::SyncSetup)
            .and_then(|()| storage::remove_device(DeviceKey::SyncState));
        match removed {
            Ok(()) => {
                self.setup.set(None);
                self.state.set(None);
                self.phase.set(Phase::Off);
            }
            Err(e) => self
                .phase
                .set(Phase::Failed(SyncError::Local(e.to_string()))),
        }
    }

    /// Opens the database and proves the key; returns the key to keep.
    async fn connect(
        self,
        config: &SyncConfig,
        password: &str,
        passphrase: Option<&str>,
    ) -> Result<Option<DerivedKey>, SyncError> {
        let transport = transport(config, password);
        let key_doc = engine::open_database(&transport, !config.username().is_empty()).await?;
        let Some(passphrase) = passphrase.filter(|_| config.encrypt()) else {
            self.with_key_doc(&transport, &AnyCipher::Plain, key_doc, "")
                .await?;
            return Ok(None);
        };
        let (salt, iterations, doc) = match key_doc {
            Some(doc) if !doc.encrypted => return Err(SyncError::NotEncrypted),
            Some(doc) => (
                doc.salt.clone().unwrap_or_default(),
                doc.iterations.unwrap_or(PBKDF2_ITERATIONS),
                Some(doc),
            ),
            None => (web::new_salt(), PBKDF2_ITERATIONS, None),
        };
        let key = derive(passphrase, &salt, iterations).await?;
        let cipher = AnyCipher::Web(
            WebCipher::from_derived(&key)
                .await
                .map_err(SyncError::Local)?,
        );
        let doc = match doc {
            Some(doc) => doc,
            None => {
                let mine = engine::new_key_doc(&cipher, &salt, iterations)
                    .await
                    .map_err(SyncError::Local)?;
                let theirs = engine::publish_key_doc(&transport, &mine).await?;
                if theirs != mine {
                    // Another device set the database up at the same moment:
                    // its salt is the database's.
                    let salt = theirs.salt.clone().unwrap_or_default();
                    let key =
                        derive(passphrase, &salt, theirs.iterations.unwrap_or(iterations)).await?;
                    let cipher = AnyCipher::Web(
                        WebCipher::from_derived(&key)
                            .await
                            .map_err(SyncError::Local)?,
                    );
                    engine::check_key(&cipher, &theirs).await?;
                    return Ok(Some(key));
                }
                mine
            }
        };
        engine::check_key(&cipher, &doc).await?;
        Ok(Some(key))
    }
}

/// Runs `work` while holding the Web Lock `mgt-sync`, so that two tabs of
/// this app never sync at once: both read and write the one replication
/// state, and two runs side by side would each push the same change as a
/// revision of its own. Where the browser has no Web Locks, `work` just runs.
async fn one_tab_at_a_time<T>(work: impl std::future::Future<Output = T>) -> T {
    let Some(locks) = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined())
    else {
        return work.await;
    };
    // The lock is held until the promise the callback returns settles; its
    // resolver is kept here and called once the work is done.
    let release: std::rc::Rc<std::cell::RefCell<Option<js_sys::Function>>> = Default::default();
    let held = release.clone();
    let (granted_tx, granted) = resolvable();
    let callback = Closure::once_into_js(move |_lock: JsValue| {
        let until_released = js_sys::Promise::new(&mut |resolve, _reject| {
            *held.borrow_mut() = Some(resolve);
        });
        granted_tx();
        until_released
    });
    let request = js_sys::Reflect::get(&locks, &"request".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let asked =
        request.is_some_and(|request| request.call2(&locks, &"mgt-sync".into(), &callback).is_ok());
    if asked {
        let _ = wasm_bindgen_futures::JsFuture::from(granted).await;
    }
    let result = work.await;
    if let Some(resolve) = release.borrow_mut().take() {
        let _ = resolve.call0(&JsValue::UNDEFINED);
    }
    result
}

/// A promise and the function that resolves it.
fn resolvable() -> (impl FnOnce(), js_sys::Promise) {
    let mut resolver = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| resolver = Some(resolve));
    let resolve = move || {
        if let Some(resolve) = resolver {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    };
    (resolve, promise)
}

async fn derive(passphrase: &str, salt: &str, iterations: u32) -> Result<DerivedKey, SyncError> {
    web::derive_key(passphrase, salt, iterations)
        .await
        .map_err(SyncError::Local)
}

fn transport(config: &SyncConfig, password: &str) -> FetchTransport {
    FetchTransport::new(config, password, TIMEOUT_MS)
}

/// Whether a failure is worth retrying without the person doing anything.
fn retries(error: &SyncError) -> bool {
    match error {
        SyncError::Net(_) => true,
        SyncError::Server { status, .. } => *status >= 500,
        _ => false,
    }
}

/// Records sync must leave alone: set aside as damaged, or from a newer app.
fn held_back(problems: &[Problem]) -> SortedSet<RecordKey> {
    SortedSet::from_iter(problems.iter().filter_map(|p| match p {
        Problem::Quarantined { original, .. } => RecordKey::parse(original),
        Problem::NewerSchema { key, .. } => RecordKey::parse(key),
        Problem::Unavailable(_) => None,
    }))
}

/// The local clock time of `ms`, "10:42".
fn clock(ms: u64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// Either cipher behind one type, so the engine's generic steps are built
/// once in the wasm rather than once per cipher.
enum AnyCipher {
    Plain,
    Web(WebCipher),
}

impl Cipher for AnyCipher {
    fn encrypts(&self) -> bool {
        matches!(self, AnyCipher::Web(_))
    }

    async fn doc_id(&self, record_key: &str) -> String {
        match self {
            AnyCipher::Plain => Plain.doc_id(record_key).await,
            AnyCipher::Web(c) => c.doc_id(record_key).await,
        }
    }

    async fn seal(
        &self,
        doc_id: &str,
        payload: &serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        match self {
            AnyCipher::Plain => Plain.seal(doc_id, payload).await,
            AnyCipher::Web(c) => c.seal(doc_id, payload).await,
        }
    }

    async fn open(
        &self,
        doc_id: &str,
        body: &serde_json::Value,
    ) -> Result<serde_json::Value, crate::domain::sync::cipher::OpenError> {
        match self {
            AnyCipher::Plain => Plain.open(doc_id, body).await,
            AnyCipher::Web(c) => c.open(doc_id, body).await,
        }
    }
}

/// The store as sync sees it: records from the server are written through
/// the storage adapter first and taken into memory only once stored, like a
/// record saved from a page.
struct StoreReplica {
    store: Store,
    held_back: SortedSet<RecordKey>,
}

impl Replica for StoreReplica {
    fn stamps(&self) -> SortedMap<RecordKey, u64> {
        self.store.stamps_untracked()
    }

    fn get(&self, key: RecordKey) -> Option<Stored> {
        self.store.held(key)
    }

    fn held_back(&self, key: RecordKey) -> bool {
        self.held_back.contains(&key)
    }

    fn put(&mut self, stored: Stored) -> Result<(), String> {
        storage::save(&stored).map_err(|e| e.to_string())?;
        self.store.take(stored);
        Ok(())
    }

    fn delete(&mut self, key: RecordKey) -> Result<(), String> {
        storage::remove(key).map_err(|e| e.to_string())?;
        self.store.forget(key);
        Ok(())
    }

    fn save_state(&mut self, state: &ReplicaState) -> Result<(), String> {
        storage::save_device(state, now_ms()).map_err(|e| e.to_string())
    }

    fn now_ms(&self) -> u64 {
        now_ms()
    }

    fn random_hex(&mut self) -> String {
        web::random_hex(16)
    }
}
