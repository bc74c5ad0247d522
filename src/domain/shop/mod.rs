//! The shop: the shopping list (`list`) and the basket that fills the week's gap (`week`).

pub mod list;
pub mod week;
