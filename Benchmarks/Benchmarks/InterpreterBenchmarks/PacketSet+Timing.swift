import Benchmark
import InterpreterWorkload

extension PacketSet {
    /// Runs `body` on every packet once per scaled iteration and returns the
    /// mean CPU time per packet of the last pass, in picoseconds. CPU time of
    /// this thread (`CLOCK_THREAD_CPUTIME_ID`), not wall time: the machine is
    /// shared, and time spent preempted is nobody's filter.
    func timeEachPass(_ benchmark: Benchmark, _ body: (UnsafeRawBufferPointer, Int) -> Void) -> Int {
        var elapsed = 0
        bytes.withUnsafeBytes { all in
            for _ in benchmark.scaledIterations {
                let start = PacketSet.threadCPUNanoseconds()
                for span in spans {
                    body(UnsafeRawBufferPointer(rebasing: all[span.start..<span.end]), span.wireLength)
                }
                elapsed = PacketSet.threadCPUNanoseconds() - start
            }
        }
        return elapsed * 1000 / max(count, 1)
    }
}
