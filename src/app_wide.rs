//! App-wide values that are made on first use instead of at start-up.
//!
//! The shell is the main wasm module and the pages are in the content module,
//! which loads after it (see `app.rs`). The store and the food data are used
//! by the pages but not by the shell, and making them would pull their code
//! into the shell, so the shell provides only an empty slot for each; the
//! code that fills it is in the content module.

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

/// A value made once, under the owner that made the slot (the app's root),
/// so it outlives the page that happened to ask for it first.
pub struct AppWide<T: Send + Sync + 'static> {
    /// Weak, because the slot is itself in this owner's context.
    owner: WeakOwner,
    value: StoredValue<Option<T>>,
}

impl<T: Send + Sync + 'static> Clone for AppWide<T> {
    fn clone(&self) -> Self {
        Self {
            owner: self.owner.clone(),
            value: self.value,
        }
    }
}

impl<T: Clone + Send + Sync + 'static> AppWide<T> {
    /// An empty slot owned by the current owner; the shell makes one per
    /// app-wide value and provides it as context.
    pub fn provide() {
        let owner = Owner::current().expect("the shell provides app-wide slots while rendering");
        provide_context(AppWide::<T> {
            owner: owner.downgrade(),
            value: StoredValue::new(None),
        });
    }

    /// The value, made by `init` under the slot's owner the first time.
    pub fn get_or_init(init: impl FnOnce() -> T) -> T {
        let slot = expect_context::<AppWide<T>>();
        if let Some(value) = slot.value.get_value() {
            return value;
        }
        // The root owner lives as long as the app, so it is there to upgrade.
        let owner = slot
            .owner
            .upgrade()
            .expect("the app's root owner outlives its pages");
        let value = owner.with(init);
        slot.value.set_value(Some(value.clone()));
        value
    }
}
