//! `#{…}` expressions: parsing, evaluation and the function library.
