import ArgumentParser
import SluiceInterpreter
import SluicePcap

/// `sluice run`: runs a filter over a capture with the interpreter.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a filter on every packet of a pcap or pcapng capture with the interpreter.",
        discussion: """
            Prints one line per packet with the filter's return value (0: no match), in \
            capture order; with --count, only the number of packets with a nonzero result. \
            The filter is a program file (--program, any format), a filter file (-f) or a \
            pcap-filter expression (the words are joined with spaces, as tcpdump does).
            """)

    @Option(name: .customShort("r"), help: "The capture to read (pcap or pcapng).")
    var capture: String

    @Flag(help: "Print only the number of packets with a nonzero result.")
    var count = false

    @Option(help: "A classic BPF program file (any format, detected), or - for stdin.")
    var program: String?

    @Option(name: .customShort("f"), help: "A file holding a pcap-filter expression (# starts a comment).")
    var filterFile: String?

    @Argument(help: "A pcap-filter expression.")
    var expression: [String] = []

    func run() throws {
        let source = try FilterInput.source(program: program, filterFile: filterFile, expression: expression)
        let interpreter = Interpreter(try FilterInput.load(source))
        let reader = try CaptureInput.open(capture, source: source)
        var matched = 0
        var output = BufferedOutput()
        defer { output.flush() }
        while let packet = try CaptureInput.next(from: reader) {
            let result = interpreter.run(packet: packet.data, wireLength: packet.wireLength)
            if result != 0 { matched += 1 }
            if !count { output.append("\(result)\n") }
        }
        if count { output.append("\(matched)\n") }
    }
}
