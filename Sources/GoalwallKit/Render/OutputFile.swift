import Foundation

/// One file of the built site, by its path under the output folder.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case text(String)
        /// A static/ file, copied as it is.
        case copy(of: URL)
        /// Bytes already in memory.
        case data(Data)
    }

    public var path: String
    public var contents: Contents

    public init(path: String, text: String) {
        self.path = path
        self.contents = .text(text)
    }

    init(path: String, copyOf url: URL) {
        self.path = path
        self.contents = .copy(of: url)
    }

    init(path: String, data: Data) {
        self.path = path
        self.contents = .data(data)
    }

    /// The text of a rendered file (nil for a copied one).
    public var text: String? {
        if case .text(let text) = contents { return text }
        return nil
    }
}
