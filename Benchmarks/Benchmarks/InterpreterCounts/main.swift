import Foundation
import InterpreterWorkload
import Sluice

// Runs one engine over every packet of the interpreter benchmark's workload,
// once, for valgrind's callgrind: instruction counts do not move with the
// machine's load, so their ratio is a repeatable companion to the
// benchmark's ns/packet. scripts/interpreter-instruction-counts.sh runs
// every row and engine with `--toggle-collect` on the two entry points
// below and divides by the packet count.
//
//   InterpreterCounts ROW (sluice|bpf_filter)     ROW: 0-based, in workload order
//   InterpreterCounts --list                      prints the rows

@inline(never) func runSluice(_ row: Row, _ packet: UnsafeRawBufferPointer, _ wireLength: Int) -> UInt32 {
    row.sluice.run(packet: packet, wireLength: wireLength)
}

@inline(never) func runBpfFilter(_ row: Row, _ packet: UnsafeRawBufferPointer, _ wireLength: Int) -> UInt32 {
    row.libpcap.filter(packet: packet, wireLength: wireLength)
}

let arguments = CommandLine.arguments.dropFirst()
do {
    let workload = try Workload.load()
    if arguments.first == "--list" {
        for (index, row) in workload.rows.enumerated() { print("\(index)\t\(row.name)") }
        print("packets\t\(workload.packets.count)")
        exit(0)
    }
    guard arguments.count == 2, let index = Int(arguments[arguments.startIndex]), workload.rows.indices.contains(index),
          let engine = arguments.last, ["sluice", "bpf_filter"].contains(engine) else {
        FileHandle.standardError.write(Data("usage: InterpreterCounts ROW (sluice|bpf_filter) | --list\n".utf8))
        exit(2)
    }
    let row = workload.rows[index]
    var matched = 0
    workload.packets.forEachPacket { packet, wireLength in
        let result = engine == "sluice" ? runSluice(row, packet, wireLength) : runBpfFilter(row, packet, wireLength)
        if result != 0 { matched += 1 }
    }
    print("\(row.name) | \(engine): \(matched) of \(workload.packets.count) packets matched")
} catch {
    FileHandle.standardError.write(Data("InterpreterCounts: cannot set up: \(error)\n".utf8))
    exit(1)
}
