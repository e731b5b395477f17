import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open regular file for the readers of model and array files (symbol JSON, `.params`, `.npy`).
///
/// Opening never blocks (a FIFO named as a model file is refused instead of waiting for a writer), and
/// directories, devices and other special files are refused, so `/dev/zero` cannot feed a reader forever.
///
/// ```swift
/// let file = try RegularFile(path: "model-0000.params")
/// print(file.size)
/// ```
final class RegularFile {
    let descriptor: Int32
    /// The size in bytes when the file was opened.
    let size: Int

    /// Opens `path` for reading.
    /// - Throws: ``MXNetError`` without the path (callers prefix it): the system's reason when it cannot be
    ///   opened, or what the path is when it is not a regular file.
    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw MXNetError("cannot open file: \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw MXNetError("cannot open file: \(reason)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw MXNetError(RegularFile.kind(info.st_mode))
        }
        // Regular files never block; clear the flag anyway so that reads behave as usual.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        descriptor = fd
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Copies `count` bytes at `offset` into `destination`.
    /// - Throws: ``MXNetError`` when the file cannot be read or ends early (it shrank since it was opened).
    func read(_ offset: Int, _ count: Int, into destination: UnsafeMutableRawPointer) throws {
        var done = 0
        while done < count {
            let n = pread(descriptor, destination + done, min(count - done, 1 << 30), off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = n < 0 ? String(cString: strerror(errno)) : "the file shrank while it was read"
                throw MXNetError("cannot read \(count) bytes at offset \(offset): \(reason)")
            }
            done += n
        }
    }

    /// `count` bytes at `offset`, copied out.
    func bytes(_ offset: Int, _ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { if let p = $0.baseAddress { try read(offset, count, into: p) } }
        return out
    }

    /// Why a path that is not a regular file cannot be read, for a message.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "is a directory, not a regular file"
        case S_IFIFO: return "is a FIFO (named pipe), not a regular file"
        case S_IFCHR, S_IFBLK: return "is a device, not a regular file"
        case S_IFSOCK: return "is a socket, not a regular file"
        default: return "not a regular file"
        }
    }
}
