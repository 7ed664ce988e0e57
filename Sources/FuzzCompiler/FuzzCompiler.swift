import FuzzSupport

// The entry point: libFuzzer's driver under -DFUZZING (scripts/fuzz.sh),
// otherwise a replayer of corpus files (docs/fuzzing.md).
#if FUZZING
@_cdecl("FuzzCompiler_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { data, size in FuzzDriver.test(CompilerAgreement.check, data, size) }
}
#else
@main
enum FuzzCompilerReplayer {
    static func main() {
        FuzzDriver.replay("FuzzCompiler", CompilerAgreement.check)
    }
}
#endif
