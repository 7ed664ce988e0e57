import SluiceBytecode
@testable import SluiceInterpreter
@testable import SluiceVerifier

/// Verifies a program the tests hand to the interpreter with the Linux
/// checker's rules (`Verifier.verify`, default options: every ancillary load
/// Linux knows, so the kernel's own vectors pass).
func verified(_ program: Program) throws -> VerifiedProgram {
    try Verifier.verify(program)
}

/// The interpreter for `program`, or nil when Linux's checker (and so the
/// verifier) rejects it, like libpcap's `ip6 protochain` code, whose
/// backward `ja` only libpcap runs.
func linuxInterpreter(_ program: Program) -> Interpreter? {
    (try? Verifier.verify(program)).map(Interpreter.init)
}

/// An interpreter for a program given as instructions (which the verifier accepts).
func interpreter(_ instructions: Instruction...) throws -> Interpreter {
    Interpreter(try verified(Program(instructions)))
}

/// An interpreter for a program the verifier would reject, made through the
/// verifier's internal door: the decoder must keep even these safe.
func unverifiedInterpreter(_ instructions: [Instruction]) -> Interpreter {
    Interpreter(VerifiedProgram(checked: Program(instructions)))
}
