//! A petgraph view of the references between objects, labelled by field key.
