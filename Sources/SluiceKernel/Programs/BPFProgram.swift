import CBPF
import Glibc
import SluiceEBPF

/// A program loaded into the kernel (libbpf's `bpf_program` after
/// `bpf_object__load`): it owns its fd, and is unloaded when released
/// unless something else (a link, a pin, an attachment) holds it.
///
/// Lifecycle: build an `EBPFProgram` (a value, no kernel state) → `load`
/// (runs the kernel verifier) → `testRun` or attach (`XDPAttachment`) → release.
public final class BPFProgram: Sendable {
    let handle: KernelHandle
    /// The program's type.
    public let type: BPFProgramType
    /// The name it was loaded under (at most 15 characters).
    public let name: String
    /// The statistics the verifier logged for an accepted load
    /// (`processed N insns ...`), when it was asked to.
    public let loadLog: VerifierLog?

    /// The file descriptor (valid while this object lives).
    public var fd: Int32 { handle.fd }

    init(handle: KernelHandle, type: BPFProgramType, name: String, loadLog: VerifierLog?) {
        self.handle = handle
        self.type = type
        self.name = name
        self.loadLog = loadLog
    }

    /// Loads raw eBPF slots with `bpf_prog_load`.
    ///
    /// `annotations[i]`, when given, says where slot `i` came from; a
    /// rejection names the failing slot's annotation. A rejection throws a
    /// `KernelError` whose `verifierLog` holds the full log.
    public static func load(instructions: [EBPFInstruction], annotations: SlotNotes = [],
                            type: BPFProgramType, name: String,
                            options: LoadOptions = LoadOptions()) throws(KernelError) -> BPFProgram {
        let name = sanitizedName(name)
        let flags: UInt32 = options.xdpFragments ? UInt32(BPF_F_XDP_HAS_FRAGS) : 0
        let attach: bpf_attach_type? = type == .xdp ? BPF_XDP : nil
        // Statistics only first: cheap, and enough on success. The kernel
        // prints reasons only at level 1 or 2, so a rejection is loaded again.
        let first = LibBPF.progLoad(type: type.cValue, name: name, license: options.license,
                                    instructions: instructions, logLevel: 4, logSize: 4096,
                                    flags: flags, expectedAttachType: attach)
        if let fd = first.fd {
            return BPFProgram(handle: KernelHandle(adopting: fd), type: type, name: name,
                              loadLog: VerifierLog(first.log, annotations: annotations))
        }
        // EFAULT too: Linux answers "The sequence of N jumps is too complex"
        // (more than 8,192 pending branches) with it, and only the log says so.
        guard [EACCES, EINVAL, E2BIG, ENOSPC, EFAULT].contains(first.errno) else {
            throw KernelError(call: "bpf_prog_load", errno: first.errno,
                              message: "loading \(type) program \(name) (\(instructions.count) instructions)")
        }
        let second = LibBPF.progLoad(type: type.cValue, name: name, license: options.license,
                                     instructions: instructions,
                                     logLevel: options.verboseRejectionLog ? 2 : 1,
                                     logSize: options.rejectionLogSize, flags: flags, expectedAttachType: attach)
        if let fd = second.fd {  // Accepted the second time (the first log buffer was too small).
            return BPFProgram(handle: KernelHandle(adopting: fd), type: type, name: name, loadLog: nil)
        }
        let log = VerifierLog(second.log, annotations: annotations, disassembly: disassembly(of: instructions))
        throw KernelError(call: "bpf_prog_load", errno: second.errno,
                          message: "the kernel verifier rejected \(type) program \(name) (\(instructions.count) instructions)",
                          verifierLog: second.log.isEmpty ? nil : log)
    }

    /// Opens the program pinned at `path` in bpffs (`bpf_obj_get`).
    public static func pinned(at path: String) throws(KernelError) -> BPFProgram {
        try adopting(fd: LibBPF.objGet(path: path))
    }

    /// Opens a loaded program by its kernel id (`bpf_prog_get_fd_by_id`).
    public static func withID(_ id: UInt32) throws(KernelError) -> BPFProgram {
        try adopting(fd: LibBPF.progFD(id: id))
    }

    /// Wraps an fd this process already owns, reading type and name from the kernel.
    static func adopting(fd: Int32) throws(KernelError) -> BPFProgram {
        let handle = KernelHandle(adopting: fd)
        let info = try LibBPF.progInfo(fd: fd)
        return BPFProgram(handle: handle, type: BPFProgramType(cValue: info.type),
                          name: cString(info.name), loadLog: nil)
    }

    /// Pins the program at `path` in bpffs (`bpf_obj_pin`); it then outlives this process.
    public func pin(at path: String) throws(KernelError) {
        try BPFFileSystem.prepare(path: path)
        try LibBPF.objPin(fd: fd, path: path)
    }

    /// What the kernel knows of the program (`bpf_prog_info`).
    public func info() throws(KernelError) -> BPFProgramInfo {
        BPFProgramInfo(try LibBPF.progInfo(fd: fd), mapIDs: try LibBPF.progMapIDs(fd: fd))
    }

    /// Our disassembly per slot (nil for the upper half of a `lddw`), to show
    /// the rejected instruction as we generated it.
    static func disassembly(of instructions: [EBPFInstruction]) -> [String?] {
        var slots = [String?](repeating: nil, count: instructions.count)
        for line in EBPFProgram(instructions).listing {
            guard let colon = line.firstIndex(of: ":"),
                  let slot = Int(line[..<colon].drop { $0 == " " }), slots.indices.contains(slot) else { continue }
            slots[slot] = String(line[line.index(after: colon)...].drop { $0 == " " })
        }
        return slots
    }

    /// Kernel names are `[A-Za-z0-9_.]`, at most `BPF_OBJ_NAME_LEN - 1` (15) characters.
    static func sanitizedName(_ name: String) -> String {
        let allowed = name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == ".")
                ? Character(scalar) : "_"
        }
        return String(allowed.prefix(15))
    }
}

/// A C `char[N]` tuple as a Swift string.
func cString<T>(_ tuple: T) -> String {
    withUnsafeBytes(of: tuple) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
}

extension BPFProgram {
    /// Loads an `EBPFProgram` (`bpf_prog_load`); see `load(instructions:...)`.
    /// `annotations[i]` is the source note of slot `i` (e.g. the part of the
    /// filter expression it came from), used to explain a rejection.
    public static func load(_ program: EBPFProgram, type: BPFProgramType, name: String,
                            annotations: SlotNotes = [],
                            options: LoadOptions = LoadOptions()) throws(KernelError) -> BPFProgram {
        try load(instructions: program.instructions, annotations: annotations, type: type, name: name, options: options)
    }
}
