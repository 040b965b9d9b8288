import CLibFuzzer
import Foundation

/// Runs libFuzzer's driver (with the command line's options) on `test`, which gets each
/// input. `test` returns -1 to keep an input out of the corpus, else 0. A crash, a failed
/// precondition or a sanitizer report is what libFuzzer saves as a finding.
public func runFuzzer(_ test: @escaping (UnsafeBufferPointer<UInt8>) -> CInt) -> Never {
    testOneInput = test
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        testOneInput!(UnsafeBufferPointer(start: data, count: size))
    }
    exit(status)
}

/// libFuzzer calls back through a C function pointer, which cannot capture the closure.
nonisolated(unsafe) private var testOneInput: ((UnsafeBufferPointer<UInt8>) -> CInt)?
