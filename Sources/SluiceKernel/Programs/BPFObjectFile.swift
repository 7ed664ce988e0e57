/// An ELF object file (for instance clang `-target bpf` output) opened and
/// loaded by libbpf (`bpf_object__open_file` + `bpf_object__load`), for
/// comparing our programs with compiled C.
public enum BPFObjectFile {
    /// Loads every program and map of the object at `path` and returns the
    /// programs by name; they stay loaded while the returned objects live.
    public static func loadPrograms(path: String) throws(KernelError) -> [String: BPFProgram] {
        let object = try LibBPF.objectOpen(path: path)
        defer { LibBPF.objectClose(object) }  // Our dup-ed fds keep the programs alive.
        try LibBPF.objectLoad(object, path: path)
        var programs: [String: BPFProgram] = [:]
        for entry in LibBPF.objectPrograms(object) where entry.fd >= 0 {
            let fd = try LibBPF.check(dupDescriptor(entry.fd), "dup", "program \(entry.name) of \(path)")
            programs[entry.name] = try BPFProgram.adopting(fd: fd)
        }
        return programs
    }
}
