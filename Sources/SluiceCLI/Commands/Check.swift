import ArgumentParser
import SluiceCompiler
import SluiceEBPF
import SluiceInterpreter
import SluiceKernel
import SluicePcap
#if canImport(Glibc)
import Glibc
#endif

/// `sluice check -r CAPTURE EXPRESSION...`: the differential check as a
/// feature. Compiles the expression with Sluice and with the system's
/// libpcap (`pcap_compile`), runs both on every packet (Sluice's
/// interpreter, libpcap's `bpf_filter`) and, when privileged, the XDP
/// backend (`BPF_PROG_TEST_RUN`), and reports every packet where they
/// disagree.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a filter against libpcap (and the XDP backend) on every packet of a capture.",
        discussion: """
            Compiles the expression with Sluice and with libpcap, runs both on each packet \
            (and the XDP backend via BPF_PROG_TEST_RUN when run as root, unless --no-xdp) and \
            prints one line per packet where they disagree (1-based index and each result), \
            then a summary. Exit status: 0 all agree, 1 a disagreement or either compiler \
            rejected the expression, 2 bad usage or unreadable capture.
            """)

    @Option(name: .customShort("r"), help: "The capture to read (pcap or pcapng, Ethernet).")
    var capture: String

    @Flag(help: "Do not run the XDP backend even when privileged.")
    var noXDP = false

    @Flag(name: .customShort("O"), help: "Compile without the optimizers (both compilers), like tcpdump -O.")
    var noOptimize = false

    @Option(name: .customShort("f"), help: "A file holding the pcap-filter expression (# starts a comment).")
    var filterFile: String?

    @Argument(help: "The pcap-filter expression (arguments are joined by spaces, as tcpdump does).")
    var expression: [String] = []

    func run() throws {
        let source = try FilterInput.source(program: nil, filterFile: filterFile, expression: expression)
        guard case .expression(let text) = source else { throw CLIFailure.badInput("give an expression") }
        let reader = try CaptureInput.open(capture, source: source)
        let compiled = try ExpressionInput.compile(text, options: CompileOptions(optimize: !noOptimize))
        let libpcap: LibpcapProgram
        do {
            libpcap = try LibpcapProgram(try LibpcapOracle.compile(text, linkType: reader.linkType, optimize: !noOptimize))
        } catch {
            throw CLIFailure.rejected("libpcap: \(error)")
        }
        let xdp = try noXDP || geteuid() != 0 ? nil : loadXDP(compiled)
        let interpreter = Interpreter(compiled.program)
        var tally = CheckTally(withXDP: xdp != nil)
        var output = BufferedOutput()
        while let packet = try CaptureInput.next(from: reader) {
            let ours = interpreter.run(packet: packet.data, wireLength: packet.wireLength)
            let theirs = libpcap.filter(packet: packet.data, wireLength: packet.wireLength)
            let kernel = try xdp.map { program throws(CLIFailure) in try verdict(program, packet, index: tally.packets + 1) }
            if let line = tally.record(sluice: ours, libpcap: theirs, xdp: kernel) { output.append(line + "\n") }
        }
        output.append(tally.summary + "\n")
        output.flush()
        if tally.disagreements > 0 { throw ExitCode(ExitStatus.rejected.rawValue) }
    }

    /// The XDP program for the filter, loaded; a refusal by the generator
    /// or the kernel verifier is a rejection (the backends disagree).
    private func loadXDP(_ compiled: CompiledFilter) throws(CLIFailure) -> BPFProgram {
        do {
            let program = try XDPCodeGenerator.generate(compiled.ir, result: .report, fallback: compiled.program)
            return try BPFProgram.load(program, type: .xdp, name: "sluice_check")
        } catch {
            throw .rejected("the XDP backend cannot run this filter: \(error) (use --no-xdp to check the interpreter only)")
        }
    }

    /// The XDP verdict on one packet; nil for a frame shorter than an
    /// Ethernet header, which BPF_PROG_TEST_RUN refuses.
    private func verdict(_ program: BPFProgram, _ packet: CapturedPacket, index: Int) throws(CLIFailure) -> Bool? {
        guard packet.data.count >= 14 else { return nil }
        do {
            return XDPResultMode.report.matched(returnValue: try program.testRun(packet: packet.data).returnValue)
        } catch {
            throw .badInput("\(capture): packet \(index): BPF_PROG_TEST_RUN failed: \(error)")
        }
    }
}

/// Counts what `sluice check` saw and words its report.
struct CheckTally {
    let withXDP: Bool
    var packets = 0
    var disagreements = 0
    var matchedBySluice = 0
    var matchedByLibpcap = 0
    var matchedByXDP = 0
    var skippedByXDP = 0

    /// Counts one packet; the report line when the engines disagree.
    mutating func record(sluice: UInt32, libpcap: UInt32, xdp: Bool??) -> String? {
        packets += 1
        if sluice != 0 { matchedBySluice += 1 }
        if libpcap != 0 { matchedByLibpcap += 1 }
        var line = "packet \(packets): sluice \(sluice), libpcap \(libpcap)"
        var agree = sluice == libpcap
        switch xdp {
        case .some(.some(let matched)):
            if matched { matchedByXDP += 1 }
            line += ", xdp \(matched ? 1 : 0)"
            agree = agree && matched == (sluice != 0)
        case .some(.none):
            skippedByXDP += 1
        case .none:
            break
        }
        guard !agree else { return nil }
        disagreements += 1
        return line
    }

    /// "N packets, D disagreements; matched: sluice A, libpcap B[, xdp C]".
    var summary: String {
        var text = "\(packets) packets, \(disagreements) disagreement\(disagreements == 1 ? "" : "s"); "
            + "matched: sluice \(matchedBySluice), libpcap \(matchedByLibpcap)"
        if withXDP {
            text += ", xdp \(matchedByXDP)"
            if skippedByXDP > 0 { text += " (\(skippedByXDP) frames under 14 bytes not run in XDP)" }
        }
        return text
    }
}
