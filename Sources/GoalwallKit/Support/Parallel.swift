import Foundation

extension Array where Element: Sendable {
    /// `map` spread over every core; results keep the input order.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            // Every result was copied out by `map` below: release the buffer's own copies.
            results.deinitialize()
            results.deallocate()
        }
        // Workers format numbers and name labels in the language of the caller's render.
        let language = Language.bound
        self.withUnsafeBufferPointer { items in
            // The one place the engine shares memory between threads by hand: each worker
            // reads the input and writes the result at its own index only, and
            // concurrentPerform returns after every worker has finished.
            nonisolated(unsafe) let (input, output) = (items, results)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                output[index] = Language.with(language) { transform(input[index]) }
            }
        }
        return results.map { $0! }
    }
}
