//! `Vec` operations the shipped wasm needs without their panic paths (each costs a call and
//! a 16-byte location in the data).

use crate::prelude::*;

/// `Vec::remove` without its panic path: the item at `at`, if there is one, moved to the
/// end one place at a time (the others keep their order) and popped.
pub fn take_at<T>(items: &mut Vec<T>, at: usize) -> Option<T> {
    if at >= items.len() {
        return None;
    }
    let tail = items.get_mut(at..)?;
    for i in 1..tail.len() {
        tail.swap(i - 1, i);
    }
    items.pop()
}

#[cfg(test)]
mod tests {
    use super::take_at;

    #[test]
    fn takes_the_item_and_keeps_the_others_in_order() {
        let mut items = vec![1, 2, 3, 4];
        assert_eq!(take_at(&mut items, 1), Some(2));
        assert_eq!(items, [1, 3, 4]);
        assert_eq!(take_at(&mut items, 2), Some(4));
        assert_eq!(items, [1, 3]);
        assert_eq!(take_at(&mut items, 0), Some(1));
        assert_eq!(items, [3]);
    }

    #[test]
    fn past_the_end_takes_nothing() {
        let mut items = vec![1, 2];
        assert_eq!(take_at(&mut items, 2), None);
        assert_eq!(take_at(&mut items, 9), None);
        assert_eq!(items, [1, 2]);
        assert_eq!(take_at(&mut Vec::<u8>::new(), 0), None);
    }
}
