import Foundation
#if FUZZING
import CFuzzerDriver
#endif

/// What every fuzz target's entry point calls (docs/fuzzing.md).
///
/// Built with `-DFUZZING -sanitize=fuzzer`, a target's `<Target>_main`
/// hands its check to libFuzzer (`run`); built plainly, the same target is
/// a replayer (`replay`) that runs the check on each file or directory of
/// files named on the command line, so `swift build` and `swift test`
/// need no fuzzer runtime.
public enum FuzzDriver {
    /// An invariant over one input: nil when it holds, else what broke.
    public typealias Check = ([UInt8]) -> FuzzFailure?

    /// Runs `check` on one libFuzzer input and traps on a violation, which
    /// libFuzzer reports as a crash and saves the input.
    public static func test(_ check: Check, _ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        if let failure = check(bytes) {
            FileHandle.standardError.write(Data("invariant broken: \(failure)\n".utf8))
            fatalError("fuzz invariant broken: \(failure.invariant)")
        }
        return 0
    }

    #if FUZZING
    /// Starts libFuzzer with the process arguments and `callback`.
    public static func run(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                           _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
        var count = argc
        var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
        return LLVMFuzzerRunDriver(&count, &arguments, callback)
    }
    #endif

    /// The replayer: runs `check` on every file named in the arguments
    /// (directories: every file inside), prints each violation, and exits
    /// 1 if there was one, 0 otherwise.
    public static func replay(_ name: String, _ check: Check) -> Never {
        let paths = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }
        guard !paths.isEmpty else {
            print("usage: \(name) FILE|DIRECTORY...   (replays inputs; build with -DFUZZING to fuzz, see scripts/fuzz.sh)")
            exit(2)
        }
        var failures = 0, inputs = 0
        for file in paths.flatMap(FuzzCorpus.files(at:)) {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): unreadable")
                failures += 1
                continue
            }
            inputs += 1
            if let failure = check(Array(data)) {
                print("\(file): \(failure)")
                failures += 1
            }
        }
        print("\(name): \(inputs) inputs, \(failures) failures")
        exit(failures == 0 ? 0 : 1)
    }
}

/// An invariant that did not hold on an input.
public struct FuzzFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which invariant (a short fixed name, also the trap message).
    public var invariant: String
    /// The details: the input as understood, the values that disagree.
    public var details: String

    /// Makes a failure.
    public init(_ invariant: String, _ details: String) {
        self.invariant = invariant
        self.details = details
    }

    public var description: String { "\(invariant): \(details)" }
}

/// Corpus files on disk.
public enum FuzzCorpus {
    /// `path` itself, or the regular files in it (sorted, not recursive).
    public static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { "\(path)/\($0)" }
    }
}
