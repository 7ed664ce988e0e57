import Benchmark

// XDPBenchmarks: to be written (see the issue that asks for these figures).
let benchmarks: @Sendable () -> Void = {
}
