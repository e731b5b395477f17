import Foundation

// MARK: - Sparse records, loaded as dense arrays

extension ParamsFile.Record {
    /// Expands a row_sparse or csr record into a dense array: zeros, with the stored values scattered to the
    /// positions their indices give. Indices are checked (in range; csr indptr starting at 0, non-decreasing and
    /// ending at the number of values); a repeated row_sparse index keeps the last row stored for it.
    /// - Throws: ``MXNetError`` for bad indices, or a dense size above ``ParamsFile/Limits/maxSparseExpansionBytes``.
    func makeDenseFromSparse(_ source: ParamsByteSource, limits: ParamsFile.Limits) throws -> NDArray {
        var denseBytes = dtype.size
        for d in shape {
            let (m, overflow) = denseBytes.multipliedReportingOverflow(by: d)
            denseBytes = overflow ? Int.max : m
            if overflow { break }
        }
        if shape.contains(0) { denseBytes = 0 }
        guard denseBytes <= limits.maxSparseExpansionBytes else {
            throw MXNetError("\(storage.name) array of shape \(Shape.text(shape)) and dtype \(dtype) would take " +
                             "\(denseBytes == Int.max ? "more than \(Int.max)" : "\(denseBytes)") bytes as a dense " +
                             "array, above the limit of \(limits.maxSparseExpansionBytes)")
        }
        let stored = Storage(uninitializedByteCount: values.count)
        try source.read(values.lowerBound, values.count, into: stored.data)
        let indices = try auxiliary.map { try readIndices($0, source) }
        let dense = Storage(byteCount: denseBytes)
        let size = dtype.size
        switch storage {
        case .dense:
            preconditionFailure("makeDenseFromSparse: dense record")
        case .rowSparse:
            let rowBytes = shape.isEmpty || shape[0] == 0 ? 0 : denseBytes / shape[0]
            for (i, row) in indices[0].enumerated() {
                guard row >= 0 && row < shape[0] else {
                    throw MXNetError("row_sparse index \(row) (entry \(i)) is out of range for \(shape[0]) rows")
                }
                (dense.data + row * rowBytes).copyMemory(from: stored.data + i * rowBytes, byteCount: rowBytes)
            }
        case .csr:
            let indptr = indices[0], columns = indices[1]
            let rows = shape[0], width = shape[1], count = storageShape[0]
            guard indptr[0] == 0 && indptr[rows] == count else {
                throw MXNetError("csr indptr runs from \(indptr[0]) to \(indptr[rows]); expected 0 to \(count), the " +
                                 "number of stored values")
            }
            for r in 0..<rows {
                let start = indptr[r], end = indptr[r + 1]
                guard start <= end && end <= count else {
                    throw MXNetError("csr indptr at row \(r) runs from \(start) to \(end); it must not decrease or " +
                                     "pass \(count), the number of stored values")
                }
                for k in start..<end {
                    let column = columns[k]
                    guard column >= 0 && column < width else {
                        throw MXNetError("csr column index \(column) (entry \(k)) is out of range for \(width) columns")
                    }
                    (dense.data + (r * width + column) * size).copyMemory(from: stored.data + k * size, byteCount: size)
                }
            }
        }
        if dtype == .bool { normaliseBool(TensorRef(data: dense.data, shape: shape, dtype: .uint8)) }
        return NDArray(storage: dense, shape: shape, dtype: dtype)
    }

    /// The values of an integer auxiliary array as `Int`s.
    func readIndices(_ block: ParamsFile.AuxiliaryBlock, _ source: ParamsByteSource) throws -> [Int] {
        let count = Shape.count(block.shape)
        var raw = [UInt8](repeating: 0, count: block.bytes.count)
        try raw.withUnsafeMutableBytes {
            if let p = $0.baseAddress { try source.read(block.bytes.lowerBound, block.bytes.count, into: p) }
        }
        return try raw.withUnsafeBytes { b -> [Int] in
            func convert<T: FixedWidthInteger>(_: T.Type) throws -> [Int] {
                var out: [Int] = []
                out.reserveCapacity(count)
                for i in 0..<count {
                    let v = T(littleEndian: b.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self))
                    guard let n = Int(exactly: v) else { throw MXNetError("\(block.name) hold \(v), too large") }
                    out.append(n)
                }
                return out
            }
            switch block.dtype {
            case .int8: return try convert(Int8.self)
            case .uint8: return try convert(UInt8.self)
            case .int16: return try convert(Int16.self)
            case .uint16: return try convert(UInt16.self)
            case .int32: return try convert(Int32.self)
            case .uint32: return try convert(UInt32.self)
            case .int64: return try convert(Int64.self)
            case .uint64: return try convert(UInt64.self)
            default: throw MXNetError("\(block.name) have dtype \(block.dtype); they must be integers")
            }
        }
    }
}
