import Foundation

extension Array where Element: Sendable {
    /// `map` spread over every core; results keep the input order.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let slots = UncheckedSendable(results)
        self.withUnsafeBufferPointer { items in
            let input = UncheckedSendable(items)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.value[index] = transform(input.value[index])
            }
        }
        return results.map { $0! }
    }
}

/// Hands a buffer to concurrent workers that each touch only their own index.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
