//! Guess first, then watch: a question the learner answers before a run, with the options a
//! learner might expect and the one the run gives. Each engine makes its own question from its
//! run and says which of its goals a finished run reaches.

/// The most options a question offers.
pub const MAX_OPTIONS: usize = 4;

/// A question's options, in the order shown, and which of them the run gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guess<T> {
    /// The options.
    pub options: Vec<T>,
    /// The index of the run's answer among them.
    pub answer: usize,
}

impl<T: Copy + Ord> Guess<T> {
    /// The run's `answer` and the first of `others` that differ from it and from each other,
    /// [`MAX_OPTIONS`] in all at most, smallest first.
    pub fn among(answer: T, others: impl IntoIterator<Item = T>) -> Self {
        let mut options = vec![answer];
        for other in others {
            if options.len() == MAX_OPTIONS {
                break;
            }
            if !options.contains(&other) {
                options.push(other);
            }
        }
        options.sort_unstable();
        let answer = options.iter().position(|o| *o == answer).unwrap_or_default();
        Guess { options, answer }
    }
}

impl<T: Copy + PartialEq> Guess<T> {
    /// Every one of `all` as an option, in its order; the answer is `answer`.
    pub fn of_all(all: &[T], answer: T) -> Self {
        let index = all.iter().position(|o| *o == answer).unwrap_or_default();
        Guess { options: all.to_vec(), answer: index }
    }

    /// The run's answer.
    pub fn right(&self) -> T {
        self.options[self.answer]
    }
}

/// How one total compares with another, as a learner would put it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compared {
    /// Clearly shorter: under four fifths of the other.
    Faster,
    /// Within a twentieth above or a fifth below.
    Same,
    /// Clearly longer: over a twentieth more.
    Slower,
}

impl Compared {
    /// The three, in the order offered.
    pub const ALL: [Compared; 3] = [Compared::Faster, Compared::Same, Compared::Slower];

    /// How `this` compares with `base`.
    pub fn of(this: u64, base: u64) -> Compared {
        if this * 5 < base * 4 {
            Compared::Faster
        } else if this * 20 > base * 21 {
            Compared::Slower
        } else {
            Compared::Same
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_hold_the_answer_once_in_order() {
        let g = Guess::among(40, [50, 75, 100, 40, 120]);
        assert_eq!(g, Guess { options: vec![40, 50, 75, 100], answer: 0 });
        let g = Guess::among(75, [50, 75, 50, 100]);
        assert_eq!(g, Guess { options: vec![50, 75, 100], answer: 1 });
        assert_eq!(g.right(), 75);
    }

    #[test]
    fn totals_compare_as_people_would_say() {
        assert_eq!(Compared::of(80, 80), Compared::Same);
        assert_eq!(Compared::of(82, 80), Compared::Same);
        assert_eq!(Compared::of(90, 80), Compared::Slower);
        assert_eq!(Compared::of(50, 80), Compared::Faster);
        assert_eq!(Compared::of(66, 128), Compared::Faster);
        assert_eq!(Guess::of_all(&Compared::ALL, Compared::Same).answer, 1);
    }
}
