import SluiceBytecode
@testable import SluiceVerifier
import SluiceInterpreter

/// Makes the `VerifiedProgram` an interpreter needs. The programs here come
/// from the kernel's and libpcap's test suites, which their own checkers
/// accepted; until `Verifier.verify` lands this wraps them directly.
func verified(_ program: Program) -> VerifiedProgram {
    VerifiedProgram(checked: program)
}

/// An interpreter for a program given as instructions.
func interpreter(_ instructions: Instruction...) -> Interpreter {
    Interpreter(verified(Program(instructions)))
}
