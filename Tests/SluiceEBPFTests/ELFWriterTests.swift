import Foundation
import SluiceBytecode
import SluiceKernel
import SluiceTestSupport
import Testing
@testable import SluiceEBPF

/// ELF objects that the standard loaders accept: bpftool, ip (iproute2) and
/// xdp-loader (libxdp), each run for real.
@Suite(.serialized) struct ELFWriterTests {
    /// "ip": ldh [12]; jeq #0x800 → XDP_PASS, else XDP_DROP.
    static func ipv4Program() throws -> EBPFProgram {
        let program: Program = [.load(.half, absolute: 12), .jump(.jeq, 0x800, true: 0, false: 1), .return(1), .return(0)]
        return try CBPFTranslator.translate(instructions: program, result: .report)
    }

    static func writeObject(_ tag: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice_\(tag)_\(getpid()).o")
        try Data(ELFWriter.object(for: try ipv4Program(), section: "xdp", license: "GPL")).write(to: url)
        if let keep = ProcessInfo.processInfo.environment["SLUICE_KEEP_OBJECT"] {
            try? Data(contentsOf: url).write(to: URL(fileURLWithPath: keep))
        }
        return url
    }

    /// The "ip" filter wrapped by `CountingXDPProgram`: passes matches, drops
    /// the rest, counting both in the `sluice_counts` map the loader creates.
    static func writeCountersObject(_ tag: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice_\(tag)_\(getpid()).o")
        let parts = try CountingXDPProgram.objectParts(filter: try ipv4Program().instructions, verdict: .report, onMatch: .pass)
        try Data(ELFWriter.object(for: parts.program, maps: parts.maps)).write(to: url)
        return url
    }

    @Test func countersObjectHasTheMapAndItsRelocation() throws {
        let parts = try CountingXDPProgram.objectParts(filter: try Self.ipv4Program().instructions, verdict: .report, onMatch: .pass)
        let references = try #require(parts.maps.first?.references)
        #expect(references.count == 1)
        #expect(parts.program.instructions[references[0]].isWideLoad)
        guard ExternalTool.exists("readelf") else { return }
        let url = try Self.writeCountersObject("readelf_maps")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try ExternalTool.run(["readelf", "-W", "-S", "-s", "-r", url.path])
        #expect(result.status == 0 && !result.output.contains("Warning"), "\(result.output)")
        #expect(result.output.contains(" .maps ") && result.output.contains(" .relxdp "), "\(result.output)")
        #expect(result.output.contains("OBJECT  GLOBAL DEFAULT    7 sluice_counts"), "\(result.output)")
        let offset = String(references[0] * 8, radix: 16)
        let relocation = String(repeating: "0", count: 16 - offset.count) + offset
        #expect(result.output.contains("\(relocation)  0000000400000001 R_BPF_INSN_64"), "\(result.output)")
    }

    @Test func bpftoolLoadsTheCountersObjectAndCreatesItsMap() throws {
        guard try KernelAccess.check("bpftool prog load"), ExternalTool.exists("bpftool") else { return }
        let url = try Self.writeCountersObject("bpftool_maps")
        defer { try? FileManager.default.removeItem(at: url) }
        if try ExternalTool.run(["mountpoint", "-q", "/sys/fs/bpf"]).status != 0 {
            try ExternalTool.run(["mount", "-t", "bpf", "bpf", "/sys/fs/bpf"])
        }
        let pin = "/sys/fs/bpf/sluice_elf_maps_\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: pin) }
        let load = try ExternalTool.run(["bpftool", "-d", "prog", "load", url.path, pin])
        #expect(load.status == 0, "\(load.output)")
        #expect(load.output.contains("map 'sluice_counts': created successfully"), "\(load.output)")
        let show = try ExternalTool.run(["bpftool", "prog", "show", "pinned", pin])
        let mapID = try #require(show.output.split(separator: " ").drop { $0 != "map_ids" }.dropFirst().first
            .flatMap { Int($0.prefix { $0.isNumber }) }, "\(show.output)")
        let map = try ExternalTool.run(["bpftool", "map", "show", "id", "\(mapID)"])
        #expect(map.output.contains("percpu_array  name sluice_counts"), "\(map.output)")
        #expect(map.output.contains("key 4B  value 8B  max_entries 2"), "\(map.output)")
        // The program runs with the map: one test run counts one frame.
        let program = try BPFProgram.pinned(at: pin)
        let frame = [UInt8](repeating: 0, count: 12) + [0x08, 0x00] + [UInt8](repeating: 0, count: 50)
        #expect(try program.testRun(packet: frame).action == .pass)
        var other = frame
        other[13] = 0xdd  // 0x08dd: not IPv4
        #expect(try program.testRun(packet: other).action == .drop)
        let counters = try XDPCounters.read(from: try BPFMap.withID(UInt32(mapID)))
        #expect(counters == XDPCounters(passed: 1, dropped: 1), "\(counters)")
    }

    @Test func xdpLoaderLoadsTheCountersObject() throws {
        guard try KernelAccess.check("xdp-loader load"), ExternalTool.exists("xdp-loader") else { return }
        let url = try Self.writeCountersObject("xdploader_maps")
        defer { try? FileManager.default.removeItem(at: url) }
        let namespace = try TestNamespace(tag: "xdpm")
        let device = namespace.devices.0
        let script = """
            mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
            xdp-loader load -m skb -s xdp \(device) \(url.path) || exit 10
            xdp-loader status \(device)
            bpftool map show name sluice_counts || exit 12
            xdp-loader unload --all \(device) || exit 11
            """
        let result = try namespace.run(["sh", "-c", script])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("sluice_filter"), "\(result.output)")
        #expect(result.output.contains("percpu_array  name sluice_counts"), "\(result.output)")
    }

    @Test func objectHasTheLayoutReadelfExpects() throws {
        let object = ELFWriter.object(for: try Self.ipv4Program())
        #expect(Array(object.prefix(6)) == [0x7f, 0x45, 0x4c, 0x46, 2, 1])
        #expect(object[18] == 247 && object[16] == 1, "EM_BPF, ET_REL")
        guard ExternalTool.exists("readelf") else { return }
        let url = try Self.writeObject("readelf")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try ExternalTool.run(["readelf", "-W", "-h", "-S", "-s", url.path])
        #expect(result.status == 0)
        #expect(result.output.contains("Linux BPF"), "\(result.output)")
        #expect(result.output.contains(" xdp ") && result.output.contains(" license "), "\(result.output)")
        #expect(result.output.contains("FUNC    GLOBAL DEFAULT    2 sluice_filter"), "\(result.output)")
        #expect(!result.output.contains("Warning"), "\(result.output)")
    }

    @Test func objectSectionRoundTripsTheProgram() throws {
        let program = try Self.ipv4Program()
        let object = ELFWriter.object(for: program)
        // The program section follows .strtab at its 8-aligned offset; find it by content.
        let code = program.encoded
        let found = (0...(object.count - code.count)).contains { Array(object[$0..<($0 + code.count)]) == code }
        #expect(found)
    }

    @Test func bpftoolLoadsAndPinsTheObject() throws {
        guard try KernelAccess.check("bpftool prog load"), ExternalTool.exists("bpftool") else { return }
        let url = try Self.writeObject("bpftool")
        defer { try? FileManager.default.removeItem(at: url) }
        let mounted = try ExternalTool.run(["mountpoint", "-q", "/sys/fs/bpf"]).status == 0
        if !mounted {
            try ExternalTool.run(["mount", "-t", "bpf", "bpf", "/sys/fs/bpf"])
        }
        let pin = "/sys/fs/bpf/sluice_elf_\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: pin) }
        let load = try ExternalTool.run(["bpftool", "-d", "prog", "load", url.path, pin])
        #expect(load.status == 0, "\(load.output)")
        #expect(!load.output.contains("Error"), "libbpf complained: \(load.output)")
        let show = try ExternalTool.run(["bpftool", "prog", "show", "pinned", pin])
        #expect(show.status == 0 && show.output.contains("xdp") && show.output.contains("sluice_filter"), "\(show.output)")
        #expect(show.output.contains("btf_id"), "the kernel took the object's BTF: \(show.output)")
        let dump = try ExternalTool.run(["bpftool", "prog", "dump", "xlated", "pinned", pin])
        // Our disassembler prints what bpftool prints, except the two context
        // loads the kernel rewrites (u32 fields of xdp_md become u64 pointers).
        // bpftool heads the listing with the function's BTF prototype.
        #expect(dump.output.contains("int sluice_filter(struct xdp_md * ctx):"), "\(dump.output)")
        let theirs = dump.output.split(separator: "\n").map(String.init).filter { $0.contains(": (") }.dropFirst(2)
        let ours = try Self.ipv4Program().listing.dropFirst(2)
        #expect(Array(theirs) == Array(ours), "bpftool:\n\(dump.output)\nours:\n\(ours.joined(separator: "\n"))")
    }

    @Test func ipLinkAttachesTheObject() throws {
        guard try KernelAccess.check("ip link set xdp obj"), ExternalTool.exists("ip") else { return }
        let url = try Self.writeObject("ip")
        defer { try? FileManager.default.removeItem(at: url) }
        let namespace = try TestNamespace(tag: "ip")
        let device = namespace.devices.0
        let attach = try namespace.run(["ip", "link", "set", "dev", device, "xdpgeneric", "obj", url.path, "sec", "xdp"])
        #expect(attach.status == 0, "\(attach.output)")
        let show = try namespace.run(["ip", "link", "show", "dev", device])
        #expect(show.output.contains("prog/xdp id"), "\(show.output)")
        let detach = try namespace.run(["ip", "link", "set", "dev", device, "xdpgeneric", "off"])
        #expect(detach.status == 0)
        #expect(!(try namespace.run(["ip", "link", "show", "dev", device])).output.contains("prog/xdp"))
    }

    @Test func xdpLoaderLoadsTheObject() throws {
        guard try KernelAccess.check("xdp-loader load"), ExternalTool.exists("xdp-loader") else { return }
        let url = try Self.writeObject("xdploader")
        defer { try? FileManager.default.removeItem(at: url) }
        let namespace = try TestNamespace(tag: "xdpl")
        let device = namespace.devices.0
        // `ip netns exec` gives a fresh /sys: mount bpffs there so libxdp can
        // try its dispatcher (it falls back to a single program where the
        // kernel refuses freplace). One shell, since the mount dies with it.
        let script = """
            mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
            xdp-loader load -m skb -s xdp \(device) \(url.path) || exit 10
            xdp-loader status \(device)
            xdp-loader unload --all \(device) || exit 11
            """
        let result = try namespace.run(["sh", "-c", script])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("sluice_filter"), "\(result.output)")
        #expect(!(try namespace.run(["ip", "link", "show", "dev", device])).output.contains("prog/xdp"))
    }
}
