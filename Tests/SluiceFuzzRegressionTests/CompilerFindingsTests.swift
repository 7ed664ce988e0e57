import Foundation
import FuzzSupport
import SluiceBytecode
import SluiceCompiler
import SluiceInterpreter
import SluiceVerifier
import Testing

/// Minimal cases of what the compiler fuzzer found (docs/fuzzing.md,
/// "Findings"), each the smallest input that shows it.
@Suite struct CompilerFindingsTests {
    /// `ip[k]` with k close to 2^32: the code generator added the network
    /// offset to k with overflow checking and trapped (fixed on main:
    /// wrapping add). The input that found it is Inputs/FuzzCompiler/transport-offset-overflow.
    @Test func hugeConstantLoadOffsetsDoNotTrap() {
        for expression in ["tcp[0xffffffff] = 0", "ip[0xfffffff8:4] = 1", "udp[4294967295:2] != 0"] {
            _ = try? FilterCompiler.compile(expression)
        }
        #expect(CompilerAgreement.check(expression: "tcp[0xffffffff] = 0", packetBytes: []) == nil)
    }

    /// `ip[0xfffffff0] = 0`: network offset 14 + 0xfffffff0 wraps to
    /// 0xfffffffe, so the generator emits `ldb [0xfffffffe]`, which Linux
    /// reads as an ancillary offset (SKF_AD_OFF + 4094); the verifier
    /// rejects it and compile fails with "internal error". libpcap's
    /// meaning is a load past the packet: the filter matches nothing. The
    /// compiler should emit code that fails the load (or reject the
    /// expression with a clean error), never an ancillary/SKF_*_OFF load.
    @Test func loadOffsetsNeverWrapIntoAncillaryOffsets() throws {
        for expression in ["ip[0xfffffff0] = 0", "ether[0xfffff000:4] = 0", "ip[0xffeffff2] = 0"] {
            do {
                let compiled = try FilterCompiler.compile(expression)
                // If it compiles, the program must treat the load as past the packet.
                let result = Interpreter(compiled.program).run(packet: [UInt8](repeating: 0, count: 64))
                #expect(result == 0, "\(expression) matched a 64-byte packet of zeros")
            } catch {
                #expect(!error.description.contains("internal error"), "\(expression): \(error.description)")
            }
        }
    }
}

/// FuzzXDP's timeout (Inputs/Hangs/FuzzXDP-protochain-and-ip): compiling
/// `ip6 protochain 6 and ip` does not finish (over 60 s in a debug build;
/// the stack is deep in `ControlFlowGraph.lower`); libpcap compiles it at
/// once. Run on a thread with a deadline so that the suite itself never hangs.
@Suite struct CompilerHangTests {
    @Test func protochainFollowedByAnotherPrimitiveCompilesPromptly() {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? FilterCompiler.compile("ip6 protochain 6 and ip")
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 20) == .success, "FilterCompiler.compile(\"ip6 protochain 6 and ip\") took over 20 s")
    }
}
