// Intentionally empty: this crate exists only so cargo builds its
// dependencies; test programs link against their rlibs directly.
