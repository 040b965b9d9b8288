import Foundation

/// A regular file's bytes, following symbolic links; nil for a folder, a FIFO, a device or
/// a socket (which could block a build forever) and for a file that cannot be read.
func readRegularFile(_ path: String) -> [UInt8]? {
    try? readRegularFile(path, limit: .max).get()
}

/// Why a file was not read.
enum FileProblem: Error, Equatable {
    case unreadable
    case notRegular
    /// Its size, over the limit asked for.
    case tooLarge(Int)
}

/// A regular file's bytes, when it is one and no larger than `limit`.
func readRegularFile(_ path: String, limit: Int) -> Result<[UInt8], FileProblem> {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return .failure(.unreadable) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(.unreadable) }
    guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegular) }
    guard Int(info.st_size) <= limit else { return .failure(.tooLarge(Int(info.st_size))) }
    var bytes = [UInt8]()
    bytes.reserveCapacity(Int(info.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            return .failure(.unreadable)
        }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
        // A file that grows while it is read is held to the limit too.
        if bytes.count > limit { return .failure(.tooLarge(bytes.count)) }
    }
    return .success(bytes)
}
