import SluiceBytecode
@testable import SluiceInterpreter
@testable import SluiceVerifier

/// Makes the `VerifiedProgram` an interpreter needs. The programs here come
/// from the kernel's and libpcap's test suites; until `Verifier.verify`
/// lands this wraps them directly (the interpreter's decoder is total, so
/// even a program Linux rejects cannot make it misbehave).
func verified(_ program: Program) -> VerifiedProgram {
    VerifiedProgram(checked: program)
}

/// The interpreter for `program` when every instruction is one Linux's
/// classic checker accepts in place (known opcode, jumps forward and inside
/// the program, scratch index < 16, no constant division by 0); nil for
/// programs like libpcap's `ip6 protochain`, whose backward `ja` only
/// libpcap runs. Stands in for `Verifier.verify` until that lands.
func linuxInterpreter(_ program: Program) -> Interpreter? {
    let engine = Interpreter(verified(program))
    return engine.code.dropLast().contains { $0.operation == .fail } ? nil : engine
}

/// An interpreter for a program given as instructions.
func interpreter(_ instructions: Instruction...) -> Interpreter {
    Interpreter(verified(Program(instructions)))
}
