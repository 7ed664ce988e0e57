import ArgumentParser
import SluiceEBPF
import SluiceKernel
import SluicePcap

/// `sluice xdp run -r CAPTURE [--count] (--program FILE | EXPRESSION...)`:
/// the filter through the eBPF/XDP backend, one `BPF_PROG_TEST_RUN` per packet.
struct XDPRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a filter as XDP in the kernel (BPF_PROG_TEST_RUN) on every packet of a capture.",
        discussion: "Prints 1 (match) or 0 (no match) per packet in capture order, or with --count the number matched. Needs CAP_BPF.")

    @Option(name: .customShort("r"), help: "The pcap or pcapng capture to read.")
    var capture: String

    @Flag(help: "Print only the number of packets that matched.")
    var count = false

    @OptionGroup var filter: XDPFilterArguments

    func run() throws {
        let mode = XDPResultMode.report
        let program = try filter.program(result: mode)
        let loaded: BPFProgram
        do {
            loaded = try BPFProgram.load(program.program, type: .xdp, name: "sluice_run", annotations: program.annotations)
        } catch {
            throw filter.failure(error)
        }
        let reader: CaptureReader
        do {
            reader = try CaptureReader(path: capture)
        } catch {
            throw CLIFailure.badInput("\(capture): \(error)")
        }
        var matched = 0, index = 0
        while true {
            let packet: CapturedPacket?
            do { packet = try reader.next() } catch { throw CLIFailure.badInput("\(capture): \(error)") }
            guard let packet else { break }
            let verdict: Bool
            do {
                verdict = mode.matched(returnValue: try loaded.testRun(packet: packet.data).returnValue)
            } catch {
                throw CLIFailure.badInput("\(capture): packet \(index + 1) (\(packet.data.count) bytes): \(error.description)"
                                          + Self.sizeHint(packet.data.count))
            }
            if verdict { matched += 1 }
            if !count { print(verdict ? 1 : 0) }
            index += 1
        }
        if count { print(matched) }
    }

    /// Why the kernel may refuse a frame of this size in a test run.
    static func sizeHint(_ size: Int) -> String {
        if size < 14 { return " (XDP needs at least a 14-byte Ethernet header)" }
        if size > 65_535 { return " (larger than the kernel's XDP test-run buffer can hold)" }
        return ""
    }
}
