//! WebAssembly bindings of shenpi-core.
