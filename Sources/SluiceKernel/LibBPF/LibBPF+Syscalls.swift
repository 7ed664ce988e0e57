import CBPF
import Glibc
import SluiceEBPF

/// `bpf.h`: the `bpf(2)` commands for programs, maps and pinning.
extension LibBPF {
    /// The outcome of `bpf_prog_load`: the fd, or the errno; and the log either way.
    struct ProgramLoadResult {
        var fd: Int32?
        var errno: Int32
        var log: String
    }

    /// `bpf_prog_load(type, name, license, insns, cnt, opts)` with a verifier
    /// log buffer of `logSize` bytes at `logLevel` (0: none, 1: on error,
    /// 2: every instruction, 4: statistics).
    static func progLoad(type: bpf_prog_type, name: String, license: String,
                         instructions: [EBPFInstruction], logLevel: UInt32, logSize: Int,
                         flags: UInt32 = 0, expectedAttachType: bpf_attach_type? = nil) -> ProgramLoadResult {
        let bytes = instructions.flatMap(\.encoded)
        var buffer = [CChar](repeating: 0, count: logLevel == 0 ? 1 : max(logSize, 1))
        let result: Int32 = buffer.withUnsafeMutableBufferPointer { log in
            withOpts(bpf_prog_load_opts.self) { options in
                options.pointee.prog_flags = flags
                if let expectedAttachType { options.pointee.expected_attach_type = expectedAttachType }
                if logLevel != 0 {
                    options.pointee.log_level = logLevel
                    options.pointee.log_size = UInt32(log.count)
                    options.pointee.log_buf = log.baseAddress
                }
                return bytes.withUnsafeBytes { raw in
                    let insns = raw.baseAddress?.assumingMemoryBound(to: bpf_insn.self)
                    return bpf_prog_load(type, name, license, insns, instructions.count, options)
                }
            }
        }
        let log = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return ProgramLoadResult(fd: result >= 0 ? result : nil, errno: result < 0 ? -result : 0, log: log)
    }

    /// The outputs of `bpf_prog_test_run_opts`.
    struct TestRunOutput {
        var returnValue: UInt32
        var durationNanoseconds: UInt32
        var dataOut: [UInt8]
    }

    /// `bpf_prog_test_run_opts(fd, opts)`: runs the program `repeat` times on
    /// `packet`; the kernel reports the return value and the mean ns per run.
    static func progTestRun(fd: Int32, packet: [UInt8], repeat count: Int, captureOutput: Bool = false) throws(KernelError) -> TestRunOutput {
        var out = [UInt8](repeating: 0, count: captureOutput ? packet.count + 256 : 0)
        let outputs = try withOpts(bpf_test_run_opts.self) { options throws(KernelError) in
            let result: Int32 = packet.withUnsafeBytes { input in
                out.withUnsafeMutableBytes { output in
                    options.pointee.data_in = input.baseAddress
                    options.pointee.data_size_in = UInt32(input.count)
                    if captureOutput {
                        options.pointee.data_out = output.baseAddress
                        options.pointee.data_size_out = UInt32(output.count)
                    }
                    options.pointee.repeat = Int32(clamping: count)
                    return bpf_prog_test_run_opts(fd, options)
                }
            }
            try check(result, "bpf_prog_test_run_opts", "running program fd \(fd) on a \(packet.count)-byte packet")
            return (options.pointee.retval, options.pointee.duration, Int(options.pointee.data_size_out))
        }
        if captureOutput { out.removeLast(max(0, out.count - outputs.2)) }
        return TestRunOutput(returnValue: outputs.0, durationNanoseconds: outputs.1, dataOut: out)
    }

    /// `bpf_map_create(type, name, key_size, value_size, max_entries, opts)`.
    static func mapCreate(type: bpf_map_type, name: String, keySize: UInt32, valueSize: UInt32,
                          maxEntries: UInt32, flags: UInt32 = 0) throws(KernelError) -> Int32 {
        try withOpts(bpf_map_create_opts.self) { options throws(KernelError) in
            options.pointee.map_flags = flags
            return try check(bpf_map_create(type, name, keySize, valueSize, maxEntries, options),
                             "bpf_map_create", "map \(name) (key \(keySize) B, value \(valueSize) B, \(maxEntries) entries)")
        }
    }

    /// `bpf_map_update_elem(fd, key, value, flags)`.
    static func mapUpdate(fd: Int32, key: [UInt8], value: [UInt8], flags: UInt64 = 0) throws(KernelError) {
        let result = key.withUnsafeBytes { k in value.withUnsafeBytes { v in
            bpf_map_update_elem(fd, k.baseAddress, v.baseAddress, flags)
        } }
        try check(result, "bpf_map_update_elem", "map fd \(fd)")
    }

    /// `bpf_map_lookup_elem(fd, key, value)`; nil when the key is absent (ENOENT).
    static func mapLookup(fd: Int32, key: [UInt8], valueSize: Int) throws(KernelError) -> [UInt8]? {
        var value = [UInt8](repeating: 0, count: valueSize)
        let result = key.withUnsafeBytes { k in value.withUnsafeMutableBytes { v in
            bpf_map_lookup_elem(fd, k.baseAddress, v.baseAddress)
        } }
        if result == -ENOENT { return nil }
        try check(result, "bpf_map_lookup_elem", "map fd \(fd)")
        return value
    }

    /// `bpf_obj_pin(fd, path)`: pins a program, map or link in bpffs.
    static func objPin(fd: Int32, path: String) throws(KernelError) {
        try check(bpf_obj_pin(fd, path), "bpf_obj_pin", "pinning fd \(fd) at \(path)")
    }

    /// `bpf_obj_get(path)`: opens what is pinned at `path`.
    static func objGet(path: String) throws(KernelError) -> Int32 {
        try check(bpf_obj_get(path), "bpf_obj_get", "opening the object pinned at \(path)")
    }

    /// `bpf_obj_get_info_by_fd(fd, info, len)` for a program.
    static func progInfo(fd: Int32) throws(KernelError) -> bpf_prog_info {
        var info = bpf_prog_info()
        var length = UInt32(MemoryLayout<bpf_prog_info>.stride)
        try check(bpf_obj_get_info_by_fd(fd, &info, &length), "bpf_obj_get_info_by_fd", "program fd \(fd)")
        return info
    }

    /// The ids of the maps a program uses (`bpf_prog_info.map_ids`, second call).
    static func progMapIDs(fd: Int32) throws(KernelError) -> [UInt32] {
        let count = Int(try progInfo(fd: fd).nr_map_ids)
        guard count > 0 else { return [] }
        var ids = [UInt32](repeating: 0, count: count)
        var info = bpf_prog_info()
        var length = UInt32(MemoryLayout<bpf_prog_info>.stride)
        let result = ids.withUnsafeMutableBufferPointer { buffer in
            info.nr_map_ids = UInt32(count)
            info.map_ids = UInt64(UInt(bitPattern: buffer.baseAddress))
            return bpf_obj_get_info_by_fd(fd, &info, &length)
        }
        try check(result, "bpf_obj_get_info_by_fd", "map ids of program fd \(fd)")
        return Array(ids.prefix(Int(info.nr_map_ids)))
    }

    /// `bpf_obj_get_info_by_fd(fd, info, len)` for a map.
    static func mapInfo(fd: Int32) throws(KernelError) -> bpf_map_info {
        var info = bpf_map_info()
        var length = UInt32(MemoryLayout<bpf_map_info>.stride)
        try check(bpf_obj_get_info_by_fd(fd, &info, &length), "bpf_obj_get_info_by_fd", "map fd \(fd)")
        return info
    }

    /// `bpf_prog_get_fd_by_id(id)`.
    static func progFD(id: UInt32) throws(KernelError) -> Int32 {
        try check(bpf_prog_get_fd_by_id(id), "bpf_prog_get_fd_by_id", "program id \(id)")
    }

    /// `bpf_map_get_fd_by_id(id)`.
    static func mapFD(id: UInt32) throws(KernelError) -> Int32 {
        try check(bpf_map_get_fd_by_id(id), "bpf_map_get_fd_by_id", "map id \(id)")
    }

    /// `libbpf_num_possible_cpus()`: how many values a per-CPU map holds per key.
    static func possibleCPUs() throws(KernelError) -> Int {
        Int(try check(libbpf_num_possible_cpus(), "libbpf_num_possible_cpus"))
    }
}
