//! App-wide values that are made on first use instead of at start-up.
//!
//! The root component (`app.rs`) provides an empty slot for the store, the
//! food data and the sync runner; whatever asks first fills it, under the
//! root's owner rather than its own, so the value outlives the page that
//! happened to ask and no start-up work is spent on a value before it is
//! needed.

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
    /// An empty slot owned by the current owner; the root component makes
    /// one per app-wide value and provides it as context.
    pub fn provide() {
        let owner =
            Owner::current().expect("the root component provides app-wide slots while rendering");
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
