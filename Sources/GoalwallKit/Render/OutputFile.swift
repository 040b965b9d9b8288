import Foundation

/// One file of the built site, by its path under the output folder.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case text(String)
        /// A static/ file, copied as it is.
        case copy(of: URL)
        /// Bytes already in memory.
        case data(Data)
        /// A page with HTML values spliced in, written run by run (see `SplicedText`).
        case page(SplicedText)
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

    /// A rendered page: as text when nothing is spliced into it.
    init(path: String, page: SplicedText) {
        self.path = path
        self.contents = page.isSpliced ? .page(page) : .text(page.text)
    }

    init(path: String, data: Data) {
        self.path = path
        self.contents = .data(data)
    }

    /// The text of a rendered file (nil for a copied one).
    public var text: String? {
        switch contents {
        case .text(let text): text
        case .page(let page): page.text
        case .copy, .data: nil
        }
    }
}
