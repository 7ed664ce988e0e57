import CBPF
import Glibc

/// `libbpf.c`'s object model for ELF files (`bpf_object__*`), used to load
/// objects compiled by clang: open parses, load runs the verifier.
extension LibBPF {
    /// `bpf_object__open_file(path, NULL)`.
    static func objectOpen(path: String) throws(KernelError) -> OpaquePointer {
        guard let object = bpf_object__open_file(path, nil) else {
            throw KernelError(call: "bpf_object__open_file", errno: Glibc.errno, message: path)
        }
        return object
    }

    /// `bpf_object__load(obj)`: creates maps, relocates, loads every program.
    static func objectLoad(_ object: OpaquePointer, path: String) throws(KernelError) {
        try check(bpf_object__load(object), "bpf_object__load", path)
    }

    /// The programs in the object (`bpf_object__next_program` until NULL),
    /// as (name, section, fd after load).
    static func objectPrograms(_ object: OpaquePointer) -> [(name: String, section: String, fd: Int32)] {
        var found: [(String, String, Int32)] = []
        var program = bpf_object__next_program(object, nil)
        while let current = program {
            found.append((String(cString: bpf_program__name(current)),
                          String(cString: bpf_program__section_name(current)),
                          bpf_program__fd(current)))
            program = bpf_object__next_program(object, current)
        }
        return found
    }

    /// `bpf_object__close(obj)`: closes every fd the object holds.
    static func objectClose(_ object: OpaquePointer) {
        bpf_object__close(object)
    }
}
