//! Ordered maps and sets kept as sorted vectors.
//!
//! The app's ordered collections are small (a few hundred days, a few dozen
//! records, a handful of ratings), and they are read far more often than
//! they are changed. The standard library's `BTreeMap` is generic over its
//! key and value, so each of the twenty-odd maps the app keeps became its own
//! copy of the tree's node, search, insertion and rebalancing code: about
//! 100 KB of the wasm module, 35 KB of it gzip. A sorted vector needs a
//! binary search and a vector insertion, a small fraction of that code per
//! type, and it is as fast or faster at these sizes.
//!
//! The behaviour is the standard map's wherever the app relies on it:
//! iteration in key order, one entry per key, the last of equal keys wins
//! when a map is collected or decoded, and serde reads and writes a map.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Bound, Index, RangeBounds};

use magnesium_foods::sorting;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A map ordered by key: a vector of entries sorted by key, one per key.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

/// One key's place in a map, as [`SortedMap::entry`] finds it.
pub enum Entry<'a, K, V> {
    Occupied(&'a mut V),
    Vacant(VacantEntry<'a, K, V>),
}

/// A key that has no entry yet, and where its entry goes.
pub struct VacantEntry<'a, K, V> {
    entries: &'a mut Vec<(K, V)>,
    at: usize,
    key: K,
}

/// The entries of a map by reference, in key order.
pub type Iter<'a, K, V> =
    std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

/// The entries of a map with their values mutable, in key order.
pub type IterMut<'a, K, V> =
    std::iter::Map<std::slice::IterMut<'a, (K, V)>, fn(&'a mut (K, V)) -> (&'a K, &'a mut V)>;

impl<K, V> SortedMap<K, V> {
    pub const fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn iter(&self) -> Iter<'_, K, V> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    pub fn into_keys(self) -> impl DoubleEndedIterator<Item = K> + ExactSizeIterator {
        self.entries.into_iter().map(|(k, _)| k)
    }

    pub fn into_values(self) -> impl DoubleEndedIterator<Item = V> + ExactSizeIterator {
        self.entries.into_iter().map(|(_, v)| v)
    }

    pub fn first_key_value(&self) -> Option<(&K, &V)> {
        self.entries.first().map(|(k, v)| (k, v))
    }

    pub fn last_key_value(&self) -> Option<(&K, &V)> {
        self.entries.last().map(|(k, v)| (k, v))
    }

    /// Keeps the entries `keep` accepts, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// Where `key` is (`Ok`) or would go (`Err`).
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| &self.entries[at].1)
    }

    pub fn get_key_value<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| {
            let (k, v) = &self.entries[at];
            (k, v)
        })
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        match self.find(key) {
            Ok(at) => Some(&mut self.entries[at].1),
            Err(_) => None,
        }
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Puts `value` under `key`, and gives back the value it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.remove_entry(key).map(|(_, v)| v)
    }

    pub fn remove_entry<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| self.entries.remove(at))
    }

    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        match self.find(&key) {
            Ok(at) => Entry::Occupied(&mut self.entries[at].1),
            Err(at) => Entry::Vacant(VacantEntry {
                entries: &mut self.entries,
                at,
                key,
            }),
        }
    }

    /// The entries whose keys are in `range`, in key order; none where the
    /// bounds are the wrong way round.
    pub fn range<Q: Ord + ?Sized>(&self, range: impl RangeBounds<Q>) -> Iter<'_, K, V>
    where
        K: Borrow<Q>,
    {
        let below = |bound: Bound<&Q>| match bound {
            Bound::Included(q) => self.entries.partition_point(|(k, _)| k.borrow() < q),
            Bound::Excluded(q) => self.entries.partition_point(|(k, _)| k.borrow() <= q),
            Bound::Unbounded => 0,
        };
        let start = below(range.start_bound());
        let end = match range.end_bound() {
            Bound::Included(q) => below(Bound::Excluded(q)),
            Bound::Excluded(q) => below(Bound::Included(q)),
            Bound::Unbounded => self.entries.len(),
        };
        self.entries[start..end.max(start)]
            .iter()
            .map(|(k, v)| (k, v))
    }

    /// Moves every entry of `other` into this map; `other`'s win.
    pub fn append(&mut self, other: &mut Self) {
        self.entries.append(&mut other.entries);
        self.settle();
    }

    /// Sorts the entries by key, the last of equal keys winning, as
    /// inserting them one by one would leave them.
    fn settle(&mut self) {
        sorting::sort_by(&mut self.entries, |a, b| a.0.cmp(&b.0));
        // `dedup_by` keeps the first of a run and hands each later one as
        // `later`; the later value moves into the kept entry.
        self.entries.dedup_by(|later, kept| {
            let same = later.0.cmp(&kept.0) == Ordering::Equal;
            if same {
                std::mem::swap(&mut later.1, &mut kept.1);
            }
            same
        });
    }
}

impl<'a, K: Ord, V> Entry<'a, K, V> {
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'a mut V {
        match self {
            Entry::Occupied(value) => value,
            Entry::Vacant(vacant) => vacant.insert(make()),
        }
    }

    pub fn or_insert(self, value: V) -> &'a mut V {
        self.or_insert_with(|| value)
    }

    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
}

impl<'a, K, V> VacantEntry<'a, K, V> {
    pub fn insert(self, value: V) -> &'a mut V {
        self.entries.insert(self.at, (self.key, value));
        &mut self.entries[self.at].1
    }
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut map = Self {
            entries: pairs.into_iter().collect(),
        };
        map.settle();
        map
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for SortedMap<K, V> {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl<K: Ord, V> Extend<(K, V)> for SortedMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, pairs: I) {
        self.entries.extend(pairs);
        self.settle();
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, K, V> IntoIterator for &'a mut SortedMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> Index<&Q> for SortedMap<K, V> {
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for SortedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);

        impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
            type Value = SortedMap<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = access.next_entry()? {
                    entries.push(entry);
                }
                let mut map = SortedMap { entries };
                map.settle();
                Ok(map)
            }
        }

        deserializer.deserialize_map(Entries(PhantomData))
    }
}

/// A set ordered by value: a sorted vector with each value once. It keeps
/// its own search and insertion rather than wrapping a map of its values to
/// `()`, which measured 0.9 KB gzip more in the wasm module.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SortedSet<T> {
    items: Vec<T>,
}

impl<T> SortedSet<T> {
    pub const fn new() -> Self {
        Self { items: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    pub fn first(&self) -> Option<&T> {
        self.items.first()
    }

    pub fn last(&self) -> Option<&T> {
        self.items.last()
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.items.retain(keep);
    }
}

impl<T: Ord> SortedSet<T> {
    fn find<Q: Ord + ?Sized>(&self, item: &Q) -> Result<usize, usize>
    where
        T: Borrow<Q>,
    {
        self.items.binary_search_by(|x| x.borrow().cmp(item))
    }

    pub fn contains<Q: Ord + ?Sized>(&self, item: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.find(item).is_ok()
    }

    /// Adds `item`, and says whether it was new.
    pub fn insert(&mut self, item: T) -> bool {
        match self.find(&item) {
            Ok(_) => false,
            Err(at) => {
                self.items.insert(at, item);
                true
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, item: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match self.find(item) {
            Ok(at) => {
                self.items.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// Sorts the items and keeps the first of equal ones, as inserting
    /// them one by one would.
    fn settle(&mut self) {
        sorting::sort_by(&mut self.items, T::cmp);
        self.items
            .dedup_by(|later, kept| later.cmp(&kept) == Ordering::Equal);
    }
}

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = Self {
            items: items.into_iter().collect(),
        };
        set.settle();
        set
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SortedSet<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        self.items.extend(items);
        self.settle();
    }
}

impl<T> IntoIterator for SortedSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: Serialize> Serialize for SortedSet<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

impl<'de, T: Deserialize<'de> + Ord> Deserialize<'de> for SortedSet<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de> + Ord> Visitor<'de> for Items<T> {
            type Value = SortedSet<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = access.next_element()? {
                    items.push(item);
                }
                let mut set = SortedSet { items };
                set.settle();
                Ok(set)
            }
        }

        deserializer.deserialize_seq(Items(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Pairs collected, and the entries the map then holds.
    type Case = (&'static [(u8, char)], &'static [(u8, char)]);

    #[test]
    fn collecting_sorts_by_key_and_the_last_of_equal_keys_wins() {
        // Pairs in, and the map's entries out, as the standard map has them.
        let cases: &[Case] = &[
            (&[], &[]),
            (&[(1, 'a')], &[(1, 'a')]),
            (
                &[(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd')],
                &[(1, 'b'), (2, 'd'), (3, 'c')],
            ),
            (&[(2, 'a'), (2, 'b'), (2, 'c')], &[(2, 'c')]),
            (
                &[(5, 'a'), (4, 'b'), (3, 'c')],
                &[(3, 'c'), (4, 'b'), (5, 'a')],
            ),
        ];
        for &(pairs, expected) in cases {
            let map: SortedMap<u8, char> = pairs.iter().copied().collect();
            let entries: Vec<(u8, char)> = map.into_iter().collect();
            assert_eq!(entries, expected, "{pairs:?}");
        }
    }

    #[test]
    fn ranges_take_the_keys_between_their_bounds() {
        let map: SortedMap<u8, ()> = [1, 3, 5, 7].map(|k| (k, ())).into();
        let keys = |r: Iter<'_, u8, ()>| r.map(|(k, _)| *k).collect::<Vec<_>>();
        assert_eq!(keys(map.range(..)), [1, 3, 5, 7]);
        assert_eq!(keys(map.range(3..)), [3, 5, 7]);
        assert_eq!(keys(map.range(4..)), [5, 7]);
        assert_eq!(keys(map.range(..5)), [1, 3]);
        assert_eq!(keys(map.range(..=5)), [1, 3, 5]);
        assert_eq!(keys(map.range(3..=5)), [3, 5]);
        assert_eq!(
            keys(map.range((Bound::Excluded(3), Bound::Excluded(7)))),
            [5]
        );
        assert_eq!(keys(map.range(8..)), [] as [u8; 0]);
        // Bounds the wrong way round take nothing (the standard map panics).
        let reversed = (Bound::Included(6), Bound::Excluded(2));
        assert_eq!(keys(map.range(reversed)), [] as [u8; 0]);
        assert_eq!(map.range(..=5).next_back().map(|(k, _)| *k), Some(5));
    }

    #[test]
    fn reads_and_writes_a_json_map_as_the_standard_map_does() {
        // Duplicate keys in a stored map: the last wins, as in `BTreeMap`.
        let text = r#"{"b":2,"a":1,"b":3}"#;
        let ours: SortedMap<String, u8> = serde_json::from_str(text).unwrap();
        let theirs: BTreeMap<String, u8> = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&ours).unwrap(), r#"{"a":1,"b":3}"#);
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&theirs).unwrap()
        );
        let set: SortedSet<u8> = serde_json::from_str("[3,1,3,2]").unwrap();
        assert_eq!(serde_json::to_string(&set).unwrap(), "[1,2,3]");
        assert!(serde_json::from_str::<SortedMap<String, u8>>("[1]").is_err());
        assert!(serde_json::from_str::<SortedSet<u8>>(r#"{"a":1}"#).is_err());
    }

    /// One change to a map, as the property test draws them.
    #[cfg(not(target_arch = "wasm32"))]
    #[derive(Clone, Debug)]
    enum Op {
        Insert(u8, u16),
        Remove(u8),
        OrInsert(u8, u16),
        AddOne(u8),
        Extend(Vec<(u8, u16)>),
        RetainEven,
        Append(Vec<(u8, u16)>),
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        let key = 0u8..24;
        let pairs = proptest::collection::vec((0u8..24, any::<u16>()), 0..8);
        prop_oneof![
            (key.clone(), any::<u16>()).prop_map(|(k, v)| Op::Insert(k, v)),
            key.clone().prop_map(Op::Remove),
            (key.clone(), any::<u16>()).prop_map(|(k, v)| Op::OrInsert(k, v)),
            key.prop_map(Op::AddOne),
            pairs.clone().prop_map(Op::Extend),
            Just(Op::RetainEven),
            pairs.prop_map(Op::Append),
        ]
    }

    // proptest is a native dev-dependency; wasm32 builds these tests too.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any sequence of changes leaves the same entries, answers and
        /// returned values as the standard library's map and set.
        #[test]
        fn behaves_as_the_standard_map_and_set(ops in proptest::collection::vec(op(), 0..40)) {
            use proptest::prop_assert_eq;
            use std::collections::BTreeSet;
            let mut ours: SortedMap<u8, u16> = SortedMap::new();
            let mut theirs: BTreeMap<u8, u16> = BTreeMap::new();
            let mut our_set: SortedSet<u8> = SortedSet::new();
            let mut their_set: BTreeSet<u8> = BTreeSet::new();
            for op in ops {
                match op {
                    Op::Insert(k, v) => {
                        prop_assert_eq!(ours.insert(k, v), theirs.insert(k, v));
                        prop_assert_eq!(our_set.insert(k), their_set.insert(k));
                    }
                    Op::Remove(k) => {
                        prop_assert_eq!(ours.remove(&k), theirs.remove(&k));
                        prop_assert_eq!(our_set.remove(&k), their_set.remove(&k));
                    }
                    Op::OrInsert(k, v) => {
                        prop_assert_eq!(*ours.entry(k).or_insert(v), *theirs.entry(k).or_insert(v));
                    }
                    Op::AddOne(k) => {
                        let ours = ours.entry(k).or_default();
                        let theirs = theirs.entry(k).or_default();
                        *ours = ours.wrapping_add(1);
                        *theirs = theirs.wrapping_add(1);
                    }
                    Op::Extend(pairs) => {
                        ours.extend(pairs.iter().copied());
                        theirs.extend(pairs.iter().copied());
                        our_set.extend(pairs.iter().map(|p| p.0));
                        their_set.extend(pairs.iter().map(|p| p.0));
                    }
                    Op::RetainEven => {
                        ours.retain(|_, v| *v % 2 == 0);
                        theirs.retain(|_, v| *v % 2 == 0);
                        our_set.retain(|k| k % 3 != 0);
                        their_set.retain(|k| k % 3 != 0);
                    }
                    Op::Append(pairs) => {
                        ours.append(&mut pairs.iter().copied().collect());
                        theirs.append(&mut pairs.iter().copied().collect());
                    }
                }
                prop_assert_eq!(ours.iter().collect::<Vec<_>>(), theirs.iter().collect::<Vec<_>>());
                prop_assert_eq!(our_set.iter().collect::<Vec<_>>(), their_set.iter().collect::<Vec<_>>());
            }
            for k in 0..24u8 {
                prop_assert_eq!(ours.get(&k), theirs.get(&k));
                prop_assert_eq!(ours.contains_key(&k), theirs.contains_key(&k));
                prop_assert_eq!(our_set.contains(&k), their_set.contains(&k));
                prop_assert_eq!(ours.range(k..).collect::<Vec<_>>(), theirs.range(k..).collect::<Vec<_>>());
                prop_assert_eq!(ours.range(..=k).collect::<Vec<_>>(), theirs.range(..=k).collect::<Vec<_>>());
            }
            prop_assert_eq!(ours.len(), theirs.len());
            prop_assert_eq!(ours.first_key_value(), theirs.first_key_value());
            prop_assert_eq!(ours.last_key_value(), theirs.last_key_value());
        }
    }
}
