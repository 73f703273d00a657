fn main() { mlsecops_taxonomy::build::check(); }
