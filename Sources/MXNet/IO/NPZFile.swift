import Foundation

/// NumPy's `.npz` archive (a zip of `.npy` members) — the format of MXNet 2.0's `save_parameters`.
///
/// Writing stores members uncompressed (as `np.savez` does); reading accepts stored members, with or without
/// zip64 size fields (NumPy writes them). Compressed members (`np.savez_compressed`) are refused with an error.
///
/// ```swift
/// try NPZFile.write([("weight", w), ("bias", b)], path: "net.npz")
/// let arrays = try NPZFile.read(path: "net.npz")   // [(name, array)] in archive order
/// ```
public enum NPZFile {
    /// Whether `data` starts like a zip archive.
    public static func isArchive(_ data: Data) -> Bool { data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04]) }

    /// Writes named arrays as `<name>.npy` members of an uncompressed zip archive.
    /// - Throws: ``MXNetError`` naming the file when it cannot be written or exceeds 4 GiB.
    public static func write(_ arrays: [(String, NDArray)], path: String) throws {
        let data = try encode(arrays)
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            throw MXNetError("\(path): cannot write file: \(error.localizedDescription)")
        }
    }

    /// The archive bytes for named arrays.
    /// - Throws: ``MXNetError`` when the archive would exceed 4 GiB (zip64 writing is not supported).
    public static func encode(_ arrays: [(String, NDArray)]) throws -> Data {
        var out = Data(), central = Data()
        func u16(_ v: Int, _ d: inout Data) { d.append(UInt8(v & 0xFF)); d.append(UInt8((v >> 8) & 0xFF)) }
        func u32(_ v: Int, _ d: inout Data) { for k in 0..<4 { d.append(UInt8((v >> (8 * k)) & 0xFF)) } }
        for (name, array) in arrays {
            let body = try NPYFile.encode(array)
            let fileName = Array((name + ".npy").utf8)
            let offset = out.count
            guard offset + body.count < 0xFFFF_FFFF else { throw MXNetError("npz archive larger than 4 GiB is not supported") }
            let crc = crc32(body)
            // Local file header.
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(body.count, &out); u32(body.count, &out); u16(fileName.count, &out); u16(0, &out)
            out.append(contentsOf: fileName)
            out.append(body)
            // Central directory entry.
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0x21, &central); u32(crc, &central); u32(body.count, &central); u32(body.count, &central)
            u16(fileName.count, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u32(0, &central); u32(offset, &central)
            central.append(contentsOf: fileName)
        }
        let centralOffset = out.count
        out.append(central)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(arrays.count, &out); u16(arrays.count, &out)
        u32(central.count, &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }

    /// Reads every `.npy` member of the archive at `path`: (name without `.npy`, array), in archive order.
    /// - Throws: ``MXNetError`` naming the file and member for malformed archives or compressed members.
    public static func read(path: String) throws -> [(String, NDArray)] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw MXNetError("\(path): cannot read file: \(error.localizedDescription)")
        }
        return try decode(data, name: path)
    }

    /// Decodes archive bytes; `name` labels errors.
    /// - Throws: ``MXNetError`` for malformed archives or compressed members.
    public static func decode(_ data: Data, name: String = "<data>") throws -> [(String, NDArray)] {
        let b = [UInt8](data)
        func u16(_ o: Int) throws -> Int {
            guard o >= 0, o + 2 <= b.count else { throw MXNetError("\(name): truncated zip archive") }
            return Int(b[o]) | Int(b[o + 1]) << 8
        }
        func u32(_ o: Int) throws -> Int { let lo = try u16(o), hi = try u16(o + 2); return lo | hi << 16 }
        func u64(_ o: Int) throws -> Int {
            let lo = try u32(o), hi = try u32(o + 4)
            let v = UInt64(lo) | UInt64(hi) << 32
            guard v < UInt64(Int.max) else { throw MXNetError("\(name): zip64 field out of range") }
            return Int(v)
        }
        // End of central directory: search back over the comment (at most 64 KiB).
        var eocd = -1
        var o = b.count - 22
        while o >= max(0, b.count - 22 - 0xFFFF) {
            if b[o] == 0x50, b[o + 1] == 0x4B, b[o + 2] == 0x05, b[o + 3] == 0x06 { eocd = o; break }
            o -= 1
        }
        guard eocd >= 0 else { throw MXNetError("\(name): not a zip archive (no end-of-central-directory record)") }
        var count = try u16(eocd + 10)
        var cd = try u32(eocd + 16)
        if (count == 0xFFFF || cd == 0xFFFF_FFFF), eocd >= 20, try u32(eocd - 20) == 0x0706_4B50 {
            let z = try u64(eocd - 20 + 8)
            guard try u32(z) == 0x0606_4B50 else { throw MXNetError("\(name): bad zip64 end-of-central-directory record") }
            count = try u64(z + 32)
            cd = try u64(z + 48)
        }
        var out: [(String, NDArray)] = []
        var p = cd
        for _ in 0..<count {
            guard try u32(p) == 0x0201_4B50 else { throw MXNetError("\(name): bad central directory entry") }
            let method = try u16(p + 10)
            var size = try u32(p + 20), csize = try u32(p + 24)
            let nameLen = try u16(p + 28), extraLen = try u16(p + 30), commentLen = try u16(p + 32)
            var local = try u32(p + 42)
            guard p + 46 + nameLen <= b.count else { throw MXNetError("\(name): truncated zip archive") }
            let member = String(decoding: b[(p + 46)..<(p + 46 + nameLen)], as: UTF8.self)
            // zip64 extra field: the 0xFFFFFFFF fields, in order size, compressed size, offset.
            var e = p + 46 + nameLen
            let extraEnd = e + extraLen
            while e + 4 <= extraEnd {
                let id = try u16(e), len = try u16(e + 2)
                if id == 1 {
                    var f = e + 4
                    if size == 0xFFFF_FFFF { size = try u64(f); f += 8 }
                    if csize == 0xFFFF_FFFF { csize = try u64(f); f += 8 }
                    if local == 0xFFFF_FFFF { local = try u64(f) }
                }
                e += 4 + len
            }
            guard method == 0 else {
                throw MXNetError("\(name): member '\(member)' is compressed (method \(method)); only stored members are supported — save with np.savez, not savez_compressed")
            }
            guard try u32(local) == 0x0403_4B50 else { throw MXNetError("\(name): bad local header for '\(member)'") }
            let localName = try u16(local + 26), localExtra = try u16(local + 28)
            let start = local + 30 + localName + localExtra
            guard start >= 0, start + size <= b.count, csize == size else {
                throw MXNetError("\(name): member '\(member)' runs past the end of the archive")
            }
            let array = try NPYFile.decode(data.subdata(in: (data.startIndex + start)..<(data.startIndex + start + size)),
                                           name: "\(name)/\(member)")
            out.append((member.hasSuffix(".npy") ? String(member.dropLast(4)) : member, array))
            p = extraEnd + commentLen
        }
        return out
    }

    nonisolated(unsafe) static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: Data) -> Int {
        var c: UInt32 = 0xFFFF_FFFF
        crcTable.withUnsafeBufferPointer { t in
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                for byte in bytes { c = t[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
            }
        }
        return Int(c ^ 0xFFFF_FFFF)
    }
}
