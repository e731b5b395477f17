import Foundation

/// NumPy's `.npy` format (versions 1.0, 2.0 and 3.0): one array, C order.
///
/// Every ``DType`` is supported. bfloat16, which NumPy lacks, follows what NumPy writes for `ml_dtypes.bfloat16`
/// arrays: descriptor `'<V2'` with the raw 16-bit patterns; reading maps any 2-byte void descriptor to
/// bfloat16 (in NumPy, `np.load(f).view(ml_dtypes.bfloat16)` recovers it). Big-endian files are read and
/// byte-swapped; files are always written little-endian, in NumPy's exact layout (version 1.0 unless the
/// header needs more room, header padded to 64 bytes). Fortran-order arrays, object (pickled) arrays and
/// structured dtypes are refused. The header is checked against the file's size before any array memory
/// is allocated.
///
/// ```swift
/// let a = try np.arange(6).reshaped([2, 3])
/// try a.save(npy: "/tmp/a.npy")
/// let b = try np.load(npy: "/tmp/a.npy")
/// ```
public enum NPYFile {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
    /// Larger headers are refused (NumPy's own limit is 10 000 bytes by default).
    static let maxHeaderLength = 1 << 16

    // MARK: Reading

    /// What a `.npy` file holds, from its header: the array's shape and dtype.
    public struct Info: Equatable, Sendable {
        public let shape: [Int]
        public let dtype: DType
    }

    /// Reads only the header of the `.npy` file at `path` (no array memory is allocated), checking that the file
    /// holds as much data as the header promises.
    ///
    /// ```swift
    /// let info = try NPYFile.info(path: "input.npy")
    /// print(info.shape, info.dtype)
    /// ```
    /// - Throws: ``MXNetError`` naming the file, as ``read(path:)`` does.
    public static func info(path: String) throws -> Info {
        let (_, header, _, _) = try open(path)
        return Info(shape: header.shape, dtype: header.dtype)
    }

    /// Reads the array stored in the `.npy` file at `path`.
    /// - Throws: ``MXNetError`` naming the file for unreadable files, malformed or unsupported headers, and
    ///   data shorter than the header promises.
    public static func read(path: String) throws -> NDArray {
        let (file, header, dataOffset, byteCount) = try open(path)
        let storage = Storage(uninitializedByteCount: byteCount)
        do {
            try file.read(dataOffset, byteCount, into: storage.data)
        } catch let e as MXNetError {
            throw MXNetError("\(path): \(e.message)")
        }
        return header.array(storage)
    }

    /// Opens `path` and parses its header; returns the file, the header, where the data starts and its size,
    /// checked against the file's size.
    static func open(_ path: String) throws -> (RegularFile, Header, Int, Int) {
        do {
            let file = try RegularFile(path: path)
            let fileSize = file.size
            let prefix = try file.bytes(0, min(12, fileSize))
            let (headerLength, preambleLength, utf8) = try preamble(prefix, fileSize: fileSize)
            let headerData = Data(try file.bytes(preambleLength, headerLength))
            let header = try Header(text: decodeHeader(headerData, utf8: utf8))
            let dataOffset = preambleLength + headerLength
            let byteCount = try header.byteCount()
            guard fileSize - dataOffset >= byteCount else {
                throw MXNetError("data is truncated: the header promises \(byteCount) bytes of \(header.descr) " +
                                 "for shape \(Shape.text(header.shape)), the file has \(fileSize - dataOffset)")
            }
            return (file, header, dataOffset, byteCount)
        } catch let e as MXNetError {
            throw MXNetError("\(path): \(e.message)")
        }
    }

    /// Decodes an in-memory `.npy` file; `name` labels errors.
    /// - Throws: ``MXNetError`` naming `name` for malformed or unsupported contents.
    public static func decode(_ data: Data, name: String = "<data>") throws -> NDArray {
        do {
            let bytes = [UInt8](data)
            let (headerLength, preambleLength, utf8) = try preamble(Array(bytes.prefix(12)), fileSize: bytes.count)
            guard bytes.count >= preambleLength + headerLength else { throw MXNetError("header is truncated") }
            let header = try Header(text: decodeHeader(Data(bytes[preambleLength..<(preambleLength + headerLength)]), utf8: utf8))
            let offset = preambleLength + headerLength
            let byteCount = try header.byteCount()
            guard bytes.count - offset >= byteCount else {
                throw MXNetError("data is truncated: the header promises \(byteCount) bytes, there are \(bytes.count - offset)")
            }
            let storage = Storage(uninitializedByteCount: byteCount)
            bytes.withUnsafeBytes { storage.data.copyMemory(from: $0.baseAddress! + offset, byteCount: byteCount) }
            return header.array(storage)
        } catch let e as MXNetError {
            throw MXNetError("\(name): \(e.message)")
        }
    }

    /// Checks the magic string and version; returns the header length, where it starts, and whether it is UTF-8.
    static func preamble(_ b: [UInt8], fileSize: Int) throws -> (Int, Int, Bool) {
        guard !b.isEmpty else { throw MXNetError("the file is empty (not a .npy file)") }
        guard b.count >= 6, Array(b[0..<6]) == magic else { throw MXNetError("not a .npy file (bad magic string)") }
        guard b.count >= 10 else { throw MXNetError("header is truncated") }
        let major = b[6]
        let headerLength: Int, start: Int
        switch major {
        case 1:
            headerLength = Int(b[8]) | Int(b[9]) << 8
            start = 10
        case 2, 3:
            guard b.count >= 12 else { throw MXNetError("header is truncated") }
            headerLength = Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24
            start = 12
        default:
            throw MXNetError("unsupported .npy version \(major).\(b[7])")
        }
        guard headerLength <= maxHeaderLength else { throw MXNetError("header of \(headerLength) bytes is too long") }
        guard start + headerLength <= fileSize else { throw MXNetError("header is truncated") }
        return (headerLength, start, major == 3)
    }

    static func decodeHeader(_ data: Data, utf8: Bool) throws -> String {
        if utf8 {
            guard let s = String(data: data, encoding: .utf8) else { throw MXNetError("header is not valid UTF-8") }
            return s
        }
        return String(data.map { Character(Unicode.Scalar($0)) })  // Latin-1
    }

    // MARK: Writing

    /// The `.npy` bytes of `array` (its pending value is computed first).
    /// - Throws: the error of a pending computation.
    public static func encode(_ array: NDArray) throws -> Data {
        let t = try array.tensor()
        var header = "{'descr': '\(descriptor(array.dtype))', 'fortran_order': False, 'shape': \(Shape.text(array.shape)), }"
        // NumPy pads with spaces and a newline so that the data starts on a 64-byte boundary; version 2.0 only
        // when the padded header does not fit a 16-bit length.
        var version: UInt8 = 1, lengthBytes = 2
        var padding = 64 - (10 + header.utf8.count + 1) % 64
        if header.utf8.count + 1 + padding > 0xFFFF {
            version = 2; lengthBytes = 4
            padding = 64 - (12 + header.utf8.count + 1) % 64
        }
        header += String(repeating: " ", count: padding) + "\n"
        var out = Data(magic + [version, 0])
        let length = header.utf8.count
        for k in 0..<lengthBytes { out.append(UInt8(truncatingIfNeeded: length >> (8 * k))) }
        out.append(contentsOf: Array(header.utf8))
        out.append(Data(bytes: t.data, count: t.count * t.dtype.size))
        return out
    }

    /// Writes `array` to `path` as a `.npy` file.
    /// - Throws: ``MXNetError`` naming the file when it cannot be written.
    public static func write(_ array: NDArray, path: String) throws {
        let data = try encode(array)
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw MXNetError("\(path): cannot write file: \(error.localizedDescription)")
        }
    }

    /// NumPy's type descriptor for a dtype, as NumPy writes it on a little-endian machine.
    static func descriptor(_ d: DType) -> String {
        switch d {
        case .bool: return "|b1"
        case .uint8: return "|u1"
        case .int8: return "|i1"
        case .bfloat16: return "<V2"
        case .float16: return "<f2"
        case .float32: return "<f4"
        case .float64: return "<f8"
        case .int16: return "<i2"
        case .uint16: return "<u2"
        case .int32: return "<i4"
        case .uint32: return "<u4"
        case .int64: return "<i8"
        case .uint64: return "<u8"
        }
    }
}

extension NDArray {
    /// Writes this array to `path` as a NumPy `.npy` file (see ``NPYFile``).
    ///
    /// ```swift
    /// try np.ones([2, 2]).save(npy: "ones.npy")
    /// ```
    /// - Throws: ``MXNetError`` naming the file when it cannot be written.
    public func save(npy path: String) throws { try NPYFile.write(self, path: path) }
}

extension np {
    /// Reads a NumPy `.npy` file (see ``NPYFile``).
    ///
    /// ```swift
    /// let a = try np.load(npy: "ones.npy")
    /// ```
    /// - Throws: ``MXNetError`` naming the file for malformed, truncated or unsupported files.
    public static func load(npy path: String) throws -> NDArray { try NPYFile.read(path: path) }
}
