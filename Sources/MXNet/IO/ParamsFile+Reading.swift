import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - The list

extension ParamsFile {
    /// MXNet's `kMXAPINDArrayListMagic`, the first 8 bytes of every file.
    static let listMagic: UInt64 = 0x112

    /// Reads the list: the headers (see ``Listing``), then every array's values. Errors in the values name the
    /// array by index and name.
    static func read(_ source: ParamsByteSource, label: String, limits: Limits) throws -> ParamsFile {
        let listing = try Listing(source, label: label, limits: limits)
        return ParamsFile(arrays: try listing.arrays.indices.map { try listing.array(at: $0) }, names: listing.names)
    }

    /// Walks the list's headers: magic, a reserved word, every array record, then the names. Each declared size
    /// is checked against the bytes that remain and nothing is allocated in proportion to them; values are
    /// skipped. Errors name the array by index (the names lie beyond the fault).
    static func scan(_ source: ParamsByteSource, limits: Limits) throws -> ([Record], [String]?) {
        guard source.size > 0 else { throw MXNetError("empty file (not an MXNet .params file)") }
        var c = ParamsCursor(source: source)
        guard source.size >= 8 else {
            throw MXNetError("\(source.size)-byte file is too short for an MXNet .params file")
        }
        let magic = try c.load(UInt64.self, "list magic")
        guard magic == listMagic else {
            throw MXNetError("not an MXNet .params file (list magic 0x\(String(magic, radix: 16)), expected 0x112)")
        }
        _ = try c.load(UInt64.self, "reserved header field")
        let declared = try c.load(UInt64.self, "array count")
        // Each record takes at least 12 bytes (magic, storage type, ndim of a V2 record).
        guard declared <= UInt64(c.remaining / Record.minimumBytes) else {
            throw MXNetError("the file declares \(declared) arrays but only \(c.remaining) bytes remain " +
                             "(each array takes at least \(Record.minimumBytes))")
        }
        guard declared <= UInt64(limits.maxArrays) else {
            throw MXNetError("the file declares \(declared) arrays; at most \(limits.maxArrays) are supported")
        }
        let count = Int(declared)
        var records: [Record] = []
        records.reserveCapacity(count)
        for i in 0..<count {
            do {
                records.append(try Record.scan(&c, limits: limits))
            } catch let e as MXNetError {
                throw MXNetError("array \(i) of \(count): \(e.message)")
            }
        }
        return (records, try readNames(&c, arrayCount: count))
    }

    /// `name` in single quotes for a one-line message, control characters escaped.
    static func quoted(_ name: String) -> String {
        var out = "'"
        for scalar in name.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    /// The names list (a count, then length-prefixed UTF-8 strings): nil when empty, else one per array.
    static func readNames(_ c: inout ParamsCursor, arrayCount: Int) throws -> [String]? {
        let declared = try c.load(UInt64.self, "name count")
        guard declared != 0 else { return nil }
        guard declared == UInt64(arrayCount) else {
            throw MXNetError("name count \(declared) does not match the array count \(arrayCount)")
        }
        // Each name takes at least its 8-byte length.
        guard declared <= UInt64(c.remaining / 8) else {
            throw MXNetError("the file declares \(declared) names but only \(c.remaining) bytes remain")
        }
        var names: [String] = []
        names.reserveCapacity(arrayCount)
        for i in 0..<arrayCount {
            let length = try c.load(UInt64.self, "length of name \(i)")
            guard length <= UInt64(c.remaining) else {
                throw MXNetError("name \(i) of \(arrayCount) declares \(length) bytes but \(c.remaining) remain")
            }
            let bytes = try c.bytes(Int(length), "name \(i)")
            guard let name = String(bytes: bytes, encoding: .utf8) else {
                throw MXNetError("name \(i) of \(arrayCount) is not valid UTF-8")
            }
            names.append(name)
        }
        return names
    }
}

// MARK: - Bytes

/// The bytes of a `.params` file, read at offsets: a file read with `pread` (with a read-ahead buffer for the
/// many small header fields, and large reads going straight into array storage) or a block of memory.
final class ParamsByteSource {
    let size: Int
    private let file: RegularFile?
    private let memory: Data?
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    /// Reads at most this long go through the read-ahead buffer.
    private static let bufferedReadLimit = 4096
    private static let bufferSize = 1 << 16

    /// Opens the file at `path`.
    /// - Throws: ``MXNetError`` (without the path) when it cannot be opened or is not a regular file.
    init(path: String) throws {
        let file = try RegularFile(path: path)
        self.file = file
        size = file.size
        memory = nil
    }

    init(data: Data) {
        file = nil
        size = data.count
        memory = data
    }

    /// Copies `count` bytes at `offset` into `destination`; the caller has checked that they lie inside the file.
    /// - Throws: ``MXNetError`` when the file cannot be read (or shrank since it was opened).
    func read(_ offset: Int, _ count: Int, into destination: UnsafeMutableRawPointer) throws {
        precondition(offset >= 0 && count >= 0 && offset <= size - count, "ParamsByteSource: read outside the file")
        if count == 0 { return }
        guard let file else {
            memory!.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            return
        }
        if count <= Self.bufferedReadLimit {
            if offset < bufferStart || offset + count > bufferStart + buffer.count {
                let length = min(Self.bufferSize, size - offset)
                buffer = [UInt8](repeating: 0, count: length)
                try buffer.withUnsafeMutableBytes { try file.read(offset, length, into: $0.baseAddress!) }
                bufferStart = offset
            }
            buffer.withUnsafeBytes {
                destination.copyMemory(from: $0.baseAddress! + (offset - bufferStart), byteCount: count)
            }
            return
        }
        try file.read(offset, count, into: destination)
    }
}

/// A read position in a ``ParamsByteSource``. Every read checks that the bytes are there first and names the
/// field it reads when they are not.
struct ParamsCursor {
    let source: ParamsByteSource
    private(set) var offset = 0

    init(source: ParamsByteSource) { self.source = source }

    var remaining: Int { source.size - offset }

    /// A little-endian integer field.
    mutating func load<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws -> T {
        let n = MemoryLayout<T>.size
        try require(n, what())
        var value = T.zero
        try withUnsafeMutableBytes(of: &value) { try source.read(offset, n, into: $0.baseAddress!) }
        offset += n
        return T(littleEndian: value)
    }

    /// `count` bytes, copied out (for names and small fields).
    mutating func bytes(_ count: Int, _ what: @autoclosure () -> String) throws -> [UInt8] {
        try require(count, what())
        var out = [UInt8](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { if let p = $0.baseAddress { try source.read(offset, count, into: p) } }
        offset += count
        return out
    }

    /// Skips `count` bytes (array values, read later) and returns where they lie.
    mutating func skip(_ count: Int, _ what: @autoclosure () -> String) throws -> Range<Int> {
        try require(count, what())
        defer { offset += count }
        return offset..<(offset + count)
    }

    /// Throws unless `count` bytes remain.
    func require(_ count: Int, _ what: @autoclosure () -> String) throws {
        guard count <= remaining else {
            throw MXNetError("\(what()) is cut short: it needs \(count) bytes at offset \(offset) but " +
                             (remaining == 0 ? "the file ends there" : "only \(remaining) remain"))
        }
    }
}
