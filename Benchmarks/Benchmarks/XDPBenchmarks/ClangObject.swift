import Foundation
import SluiceKernel

/// filters.bpf.c compiled at benchmark time with `clang -O2 -target bpf`
/// and loaded with libbpf's `bpf_object` APIs (through `BPFObjectFile`).
enum ClangObject {
    /// The C source next to this file.
    static var source: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("C/filters.bpf.c") }

    /// Compiles the C and loads every program in it, by function name.
    static func load() throws -> [String: BPFProgram] {
        let object = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-xdp-bench-\(getpid()).o")
        defer { try? FileManager.default.removeItem(at: object) }
        let clang = Process()
        clang.executableURL = URL(fileURLWithPath: "/usr/bin/clang")
        clang.arguments = ["-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu",
                           "-c", source.path, "-o", object.path]
        try clang.run()
        clang.waitUntilExit()
        guard clang.terminationStatus == 0 else { throw BenchmarkSetupError("clang failed on \(source.path)") }
        return try BPFObjectFile.loadPrograms(path: object.path)
    }
}

/// The benchmark could not be prepared.
struct BenchmarkSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
