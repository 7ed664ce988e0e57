import Foundation
import SluiceBytecode
import SluiceTestSupport
import SluiceVerifier

/// One case of the verifier suite (`Tests/VerifierSuite/*.cases`, format in
/// `docs/verifier-suite.md`): a program in assembler text and the verdict.
struct VerifierSuiteCase: Sendable {
    /// What the verifier must say.
    enum Expectation: Hashable, Sendable {
        case accept
        /// The first problem in Linux's checking order, and its instruction.
        case reject(VerifierRule, at: Int?)
    }

    var file: String
    var line: Int
    var name: String
    var expectation: Expectation
    /// `engine-ancillary`: what the engine supplies (nil: all, as Linux).
    var engineAncillary: Set<Ancillary>?
    /// The program text, `.repeat` lines expanded.
    var source: String

    /// Where the case is, for messages: `ancillary.cases:120 ld [-1]`.
    var place: String { "\(file):\(line) \(name)" }

    /// The program; a text with no instruction is the empty program.
    func program() throws(DecodingError) -> Program {
        do {
            return try ProgramCodec.decode(Array(source.utf8), format: .assembly)
        } catch where error.reason == .empty {
            return Program([])
        }
    }

    var options: VerifierOptions {
        engineAncillary.map { VerifierOptions(supportedAncillary: $0) } ?? VerifierOptions()
    }
}

/// A line of a `.cases` file that does not follow the format.
struct VerifierSuiteFormatError: Error, CustomStringConvertible {
    var file: String
    var line: Int
    var reason: String
    var description: String { "\(file):\(line): \(reason)" }
}

/// Reads the suite's `.cases` files.
enum VerifierSuite {
    /// `Tests/VerifierSuite` in this checkout.
    static var folder: URL {
        SharedData.packageRoot.appendingPathComponent("Tests/VerifierSuite")
    }

    /// Every case of every file, files in name order.
    static func load() throws -> [VerifierSuiteCase] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".cases") }.sorted()
        return try names.flatMap { name in
            try parse(String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8), file: name)
        }
    }

    /// The cases of one file: `case NAME`, `expect accept` or
    /// `expect reject RULE [at INDEX]`, an optional `engine-ancillary NAME...`,
    /// then the program's lines up to the next `case`.
    static func parse(_ text: String, file: String) throws(VerifierSuiteFormatError) -> [VerifierSuiteCase] {
        var cases: [VerifierSuiteCase] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var number = 0
        func fail(_ reason: String) -> VerifierSuiteFormatError {
            VerifierSuiteFormatError(file: file, line: number, reason: reason)
        }
        while number < lines.count {
            let line = lines[number]
            number += 1
            guard line.hasPrefix("case ") else {
                let blankOrComment = line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#")
                if cases.isEmpty && blankOrComment { continue }
                throw fail("expected 'case NAME'")
            }
            let caseLine = number
            let name = String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            guard number < lines.count else { throw fail("'case' without 'expect'") }
            let expectation = try parseExpectation(lines[number], fail)
            number += 1
            var engine: Set<Ancillary>?
            if number < lines.count, lines[number].hasPrefix("engine-ancillary") {
                engine = try parseAncillaryList(lines[number], fail)
                number += 1
            }
            var source = ""
            while number < lines.count, !lines[number].hasPrefix("case ") {
                source += try expandRepeat(lines[number], fail)
                number += 1
            }
            cases.append(VerifierSuiteCase(file: file, line: caseLine, name: name, expectation: expectation,
                                           engineAncillary: engine, source: source))
        }
        return cases
    }

    private static func parseExpectation(_ line: String,
                                         _ fail: (String) -> VerifierSuiteFormatError) throws(VerifierSuiteFormatError) -> VerifierSuiteCase.Expectation {
        let words = line.split(separator: " ").map(String.init)
        switch words.count {
        case 2 where words == ["expect", "accept"]:
            return .accept
        case 3 where words[0...1] == ["expect", "reject"], 5 where words[0...1] == ["expect", "reject"] && words[3] == "at":
            guard let rule = VerifierRule(rawValue: words[2]) else { throw fail("unknown rule '\(words[2])'") }
            guard words.count == 5 else { return .reject(rule, at: nil) }
            guard let index = Int(words[4]) else { throw fail("'\(words[4])' is not an instruction index") }
            return .reject(rule, at: index)
        default:
            throw fail("expected 'expect accept' or 'expect reject RULE [at INDEX]'")
        }
    }

    private static func parseAncillaryList(_ line: String,
                                           _ fail: (String) -> VerifierSuiteFormatError) throws(VerifierSuiteFormatError) -> Set<Ancillary> {
        var set: Set<Ancillary> = []
        for name in line.split(separator: " ").dropFirst() {
            guard let ancillary = Ancillary(name: String(name)) else { throw fail("unknown ancillary name '\(name)'") }
            set.insert(ancillary)
        }
        return set
    }

    /// `.repeat N STATEMENT` becomes N lines of STATEMENT; other lines stay.
    private static func expandRepeat(_ line: String,
                                     _ fail: (String) -> VerifierSuiteFormatError) throws(VerifierSuiteFormatError) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(".repeat ") else { return line + "\n" }
        let parts = trimmed.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3, let count = Int(parts[1]), (1...100_000).contains(count) else {
            throw fail("expected '.repeat COUNT STATEMENT'")
        }
        return String(repeating: "    " + parts[2] + "\n", count: count)
    }
}
