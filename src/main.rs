//! The `galley` command: parse arguments, dispatch, map the outcome to an exit code.

mod cli;

// A proof touches tens of megabytes that glibc would map and unmap for
// each large buffer; mimalloc keeps and reuses them (fewer page faults).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
