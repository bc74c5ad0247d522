//! The shop: the shopping list (`list`) and the link that shares it
//! (`link`), the basket that fills the week's gap (`week`), the shelf
//! comparison (`compare`), package prices (`price`) and products entered
//! from a nutrition label (`label`).

pub mod compare;
pub mod label;
pub mod link;
pub mod list;
pub mod price;
pub mod week;
