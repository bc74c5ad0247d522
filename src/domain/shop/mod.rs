//! The shop: comparing foods on the shelf, what their magnesium costs, and
//! packaged products entered from their nutrition labels.

pub mod compare;
pub mod label;
pub mod price;
