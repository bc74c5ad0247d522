//! The start in turns (issue 19): the app is built behind the static first
//! screen a piece at a time, each piece in a task of its own, and takes the
//! screen's place once the last piece is built.
//!
//! On a first visit most of a piece's time is the browser compiling each
//! function of the wasm on its first call, so building the header, the
//! navigation, the store and the page in one task would block input for
//! hundreds of milliseconds on a slow phone. In turns, every task stays
//! short, and the person still sees one complete page replace another in a
//! single frame: the pieces are built while the app is hidden (`#boot ~
//! .app` in the styles).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;

use crate::browser::yield_to_browser;

/// The pieces waiting for their turn, in the order they asked, whether the
/// start is over, and the work waiting for it to be over.
#[derive(Clone, Copy)]
struct Turns {
    waiting: StoredValue<VecDeque<RwSignal<bool>>>,
    over: StoredValue<bool>,
    after: StoredValue<Vec<Box<dyn FnOnce()>>, LocalStorage>,
}

/// Provides the queue of turns and starts taking them, one piece a task,
/// until none is left: a piece built in its turn may add pieces of its own,
/// which come after it. Then `handover` runs, in a task of its own, and
/// then the work that waited for [`after_start`].
pub fn take_turns(handover: impl FnOnce() + 'static) {
    let turns = Turns {
        waiting: StoredValue::new(VecDeque::new()),
        over: StoredValue::new(false),
        after: StoredValue::new_local(Vec::new()),
    };
    provide_context(turns);
    leptos::task::spawn_local(async move {
        loop {
            yield_to_browser().await;
            let next = turns
                .waiting
                .try_update_value(VecDeque::pop_front)
                .flatten();
            let Some(piece) = next else { break };
            // The piece is built in this task's microtasks; a piece that
            // went away before its turn (its page was left) is skipped.
            piece.try_set(true);
        }
        turns.over.set_value(true);
        handover();
        let after = turns
            .after
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        for work in after {
            work();
        }
    });
}

/// Runs `work` once the start is over: at once after it, and at the
/// handover during it. Below-the-fold pieces (`Deferred`) wait for it, so
/// they neither compete with the pieces above them nor land in a page that
/// is still hidden.
pub fn after_start(work: impl FnOnce() + 'static) {
    match use_context::<Turns>() {
        Some(turns) if !turns.over.get_value() => {
            turns.after.update_value(|after| after.push(Box::new(work)));
        }
        _ => work(),
    }
}

/// Builds its children in a turn of their own while the app starts, and at
/// once afterwards (a page opened from the navigation has nothing to wait
/// for). Pieces above the fold use it; pieces below it use `Deferred`,
/// which waits for a paint instead and is not part of the handover.
#[component]
pub fn InTurn(children: Children) -> impl IntoView {
    let turns = use_context::<Turns>();
    let starting = turns.is_some_and(|t| !t.over.get_value());
    let ready = RwSignal::new(!starting);
    if starting && let Some(turns) = turns {
        turns.waiting.update_value(|w| w.push_back(ready));
    }
    // Built once: `ready` turns true once and never back, and the children
    // are made untracked, so nothing they read can run this again and take
    // them away.
    let children = Arc::new(Mutex::new(Some(children)));
    move || {
        ready
            .get()
            .then(|| children.lock().ok()?.take())
            .flatten()
            .map(|children| untrack(children))
    }
}
