import Foundation

// MARK: - Writing

extension ParamsFile {
    /// The record layout the list is written in.
    func layout(for format: Format) -> RecordLayout {
        switch format {
        case .v2: return .v2
        case .v3: return .v3
        case .automatic: return arrays.contains { $0.ndim == 0 } ? .v3 : .v2
        }
    }

    /// Checks what can be checked before any byte is written.
    /// - Throws: ``MXNetError`` when the names do not match the arrays, or a 0-d array is to go in a V2 record.
    func validateForWriting(format: Format) throws {
        if let names, names.count != arrays.count {
            throw MXNetError("cannot save \(arrays.count) arrays with \(names.count) names")
        }
        if layout(for: format) == .v2, let i = arrays.firstIndex(where: { $0.ndim == 0 }) {
            let name = names.map { " (\(ParamsFile.quoted($0[i])))" } ?? ""
            throw MXNetError("array \(i)\(name) is 0-d, which a V2 record cannot hold (MXNet would read it as no " +
                             "array); write it in the V3 format")
        }
    }

    /// Emits the file as `mx.nd.save` lays it out: list magic, reserved word, array count, one dense record per
    /// array, the name count (0 for an unnamed list) and the length-prefixed names.
    func write(format: Format, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try validateForWriting(format: format)
        let layout = layout(for: format)
        var head: [UInt8] = []
        func put(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { head.append(contentsOf: $0) } }
        put(ParamsFile.listMagic)
        put(0)  // reserved
        put(UInt64(arrays.count))
        try head.withUnsafeBytes(sink)
        for array in arrays {
            let values = try array.tensor()
            try Record.denseHeader(layout: layout, shape: array.shape, dtype: array.dtype).withUnsafeBytes(sink)
            try sink(UnsafeRawBufferPointer(start: values.data, count: values.count * values.dtype.size))
        }
        head = []
        put(UInt64(names?.count ?? 0))
        for name in names ?? [] {
            put(UInt64(name.utf8.count))
            head.append(contentsOf: name.utf8)
        }
        try head.withUnsafeBytes(sink)
    }
}
