import Foundation

// MARK: - One array's record

extension ParamsFile {
    /// The NDArray record layouts MXNet has written over time (`NDArray::Save` / `NDArray::Load` and `LegacyLoad`
    /// in MXNet's `src/ndarray/ndarray.cc`). All integers are little-endian.
    ///
    /// - pre-V1: `uint32 ndim` (in place of a magic), `ndim × uint32` dimensions, context, dtype, values.
    /// - V1 (`0xF993FAC8`): magic, `int32 ndim`, `ndim × int64` dimensions, context, dtype, values.
    /// - V2 (`0xF993FAC9`): magic, `int32` storage type, [sparse: storage shape], shape, context, dtype,
    ///   [sparse: per auxiliary array, its dtype and shape], values, [sparse: auxiliary values]. A shape with
    ///   ndim 0 means "no array" and ends the record.
    /// - V3 (`0xF993FACA`): as V2, with np-shape semantics: ndim 0 is a scalar; dense storage only.
    ///
    /// Shapes after pre-V1 are `int32 ndim` then `int64` dimensions; the context is `int32 dev_type, int32 dev_id`
    /// (ignored); the dtype is an `int32` type flag (``DType``'s raw values). In MXNet 1.9.1, a V1 or pre-V1 record
    /// with ndim 0 holds a scalar.
    enum RecordLayout: CustomStringConvertible {
        case preV1, v1, v2, v3

        var description: String {
            switch self {
            case .preV1: return "pre-V1"
            case .v1: return "V1"
            case .v2: return "V2"
            case .v3: return "V3"
            }
        }
    }

    static let v1Magic: UInt32 = 0xF993_FAC8
    static let v2Magic: UInt32 = 0xF993_FAC9
    static let v3Magic: UInt32 = 0xF993_FACA

    /// MXNet's storage types (`NDArrayStorageType`).
    enum StorageKind: Int32 {
        case dense = 0, rowSparse = 1, csr = 2

        var name: String {
            switch self {
            case .dense: return "default"
            case .rowSparse: return "row_sparse"
            case .csr: return "csr"
            }
        }

        /// The auxiliary arrays a record stores: row_sparse its row indices; csr its indptr and column indices.
        var auxiliaryNames: [String] {
            switch self {
            case .dense: return []
            case .rowSparse: return ["row_sparse indices"]
            case .csr: return ["csr indptr", "csr indices"]
            }
        }
    }

    /// Where an auxiliary (index) array of a sparse record lies.
    struct AuxiliaryBlock {
        let name: String
        let dtype: DType
        let shape: [Int]
        let bytes: Range<Int>
    }

    /// One array's record, its header parsed and checked; its values are read by ``makeArray(_:limits:)``.
    struct Record {
        /// The fewest bytes any record takes: a V2 magic, storage type and ndim.
        static let minimumBytes = 12

        var layout: RecordLayout
        var storage = StorageKind.dense
        /// The array's (dense) shape.
        var shape: [Int]
        var dtype: DType
        /// The shape of the stored values: `shape` when dense, the non-zero values' shape when sparse.
        var storageShape: [Int]
        /// Where the stored values lie in the file.
        var values: Range<Int>
        var auxiliary: [AuxiliaryBlock] = []

        /// Parses the record at the cursor, checking every size against the bytes that remain; skips the values.
        /// - Throws: ``MXNetError`` naming the field at fault.
        static func scan(_ c: inout ParamsCursor, limits: Limits) throws -> Record {
            let magic = try c.load(UInt32.self, "record magic")
            switch magic {
            case v2Magic, v3Magic:
                return try scanStorageRecord(&c, layout: magic == v3Magic ? .v3 : .v2, limits: limits)
            case v1Magic:
                let shape = try readShape(&c, "V1 shape", limits: limits)
                return try scanDenseTail(&c, layout: .v1, shape: shape)
            default:
                // Before V1 there was no magic: the record starts with the ndim of its uint32 shape.
                guard Int(magic) <= limits.maxDimensions else {
                    throw MXNetError("unknown record magic 0x\(String(magic, radix: 16, uppercase: true)) (neither " +
                                     "an NDArray V1/V2/V3 magic nor a pre-V1 ndim of at most \(limits.maxDimensions))")
                }
                let shape = try readDimensions(&c, ndim: Int(magic), wide: false, "pre-V1 shape", limits: limits)
                return try scanDenseTail(&c, layout: .preV1, shape: shape)
            }
        }

        /// The context, dtype and values of a V1 or pre-V1 record.
        static func scanDenseTail(_ c: inout ParamsCursor, layout: RecordLayout, shape: [Int]) throws -> Record {
            try skipContext(&c)
            let dtype = try readDType(&c, "dtype flag")
            let values = try c.skip(byteCount(shape, dtype, "values", remaining: c.remaining), "values")
            return Record(layout: layout, shape: shape, dtype: dtype, storageShape: shape, values: values)
        }

        /// A V2 or V3 record.
        static func scanStorageRecord(_ c: inout ParamsCursor, layout: RecordLayout, limits: Limits) throws -> Record {
            let flag = try c.load(Int32.self, "\(layout) storage type")
            guard let storage = StorageKind(rawValue: flag) else {
                throw MXNetError("unknown storage type \(flag) (MXNet's are 0 default, 1 row_sparse and 2 csr)")
            }
            if layout == .v3 && storage != .dense {
                throw MXNetError("V3 record with \(storage.name) storage: np-shape records hold dense arrays only")
            }
            let storageShape = storage == .dense
                ? nil : try readShape(&c, "\(storage.name) storage shape", limits: limits)
            let shape = try readShape(&c, "\(layout) shape", limits: limits)
            if layout == .v2 && shape.isEmpty {
                throw MXNetError("V2 record with ndim 0: MXNet reads it as an empty (none) array, which mx.nd.load " +
                                 "cannot return; 0-d arrays need V3 records")
            }
            try skipContext(&c)
            let dtype = try readDType(&c, "dtype flag")
            var auxiliaryHeaders: [(name: String, dtype: DType, shape: [Int])] = []
            for name in storage.auxiliaryNames {
                let auxiliaryType = try readDType(&c, "\(name) dtype flag")
                guard auxiliaryType.isInteger else {
                    throw MXNetError("\(name) have dtype \(auxiliaryType); they must be integers")
                }
                auxiliaryHeaders.append((name, auxiliaryType, try readShape(&c, "\(name) shape", limits: limits)))
            }
            let stored = storageShape ?? shape
            try checkSparseShapes(storage, shape: shape, storageShape: stored, auxiliary: auxiliaryHeaders.map(\.shape))
            let values = try c.skip(byteCount(stored, dtype, storage == .dense ? "values" : "\(storage.name) values",
                                              remaining: c.remaining), "values")
            var auxiliary: [AuxiliaryBlock] = []
            for a in auxiliaryHeaders {
                let bytes = try c.skip(byteCount(a.shape, a.dtype, a.name, remaining: c.remaining), a.name)
                auxiliary.append(AuxiliaryBlock(name: a.name, dtype: a.dtype, shape: a.shape, bytes: bytes))
            }
            return Record(layout: layout, storage: storage, shape: shape, dtype: dtype, storageShape: stored,
                          values: values, auxiliary: auxiliary)
        }

        /// The array holding the record's values (sparse records expanded to dense).
        /// - Throws: ``MXNetError`` for unreadable data, inconsistent sparse indices, or a sparse array whose dense
        ///   size exceeds the limit.
        func makeArray(_ source: ParamsByteSource, limits: Limits) throws -> NDArray {
            if storage != .dense { return try makeDenseFromSparse(source, limits: limits) }
            let data = Storage(uninitializedByteCount: values.count)
            try source.read(values.lowerBound, values.count, into: data.data)
            if dtype == .bool { normaliseBool(TensorRef(data: data.data, shape: shape, dtype: .uint8)) }
            return NDArray(storage: data, shape: shape, dtype: dtype)
        }
    }
}

// MARK: - Fields

extension ParamsFile.Record {
    /// A shape as V1 and later write it: `int32 ndim`, then `int64` dimensions.
    static func readShape(_ c: inout ParamsCursor, _ what: String, limits: ParamsFile.Limits) throws -> [Int] {
        let ndim = try c.load(Int32.self, "\(what) ndim")
        return try readDimensions(&c, ndim: Int(ndim), wide: true, what, limits: limits)
    }

    /// `ndim` dimensions of 8 (`wide`) or 4 bytes; each must be known (non-negative).
    static func readDimensions(_ c: inout ParamsCursor, ndim: Int, wide: Bool, _ what: String,
                               limits: ParamsFile.Limits) throws -> [Int] {
        guard ndim >= 0 else { throw MXNetError("\(what) has ndim \(ndim) (an unknown shape)") }
        guard ndim <= limits.maxDimensions else {
            throw MXNetError("\(what) has \(ndim) dimensions; at most \(limits.maxDimensions) are supported")
        }
        try c.require(ndim * (wide ? 8 : 4), "\(what) with \(ndim) dimensions")
        var dims: [Int] = []
        for k in 0..<ndim {
            dims.append(wide ? Int(try c.load(Int64.self, "\(what) dimension \(k)"))
                             : Int(try c.load(UInt32.self, "\(what) dimension \(k)")))
        }
        if let bad = dims.first(where: { $0 < 0 }) {
            throw MXNetError("\(what) \(Shape.text(dims)) has an unknown or negative dimension (\(bad))")
        }
        return dims
    }

    /// The device the array was saved from (`int32 dev_type, int32 dev_id`); arrays are loaded on the CPU.
    static func skipContext(_ c: inout ParamsCursor) throws {
        _ = try c.skip(8, "context (device type and id)")
    }

    static func readDType(_ c: inout ParamsCursor, _ what: String) throws -> DType {
        let flag = try c.load(Int32.self, what)
        guard let dtype = DType(rawValue: flag) else {
            throw MXNetError("unknown dtype flag \(flag) (MXNet's flags are 0 to 12)")
        }
        return dtype
    }

    /// The byte size of `shape` elements of `dtype`, checked against the `remaining` bytes. A shape whose nonzero
    /// dimensions overflow is refused even when another dimension is 0.
    static func byteCount(_ shape: [Int], _ dtype: DType, _ what: String, remaining: Int) throws -> Int {
        var n = dtype.size
        for d in shape where d != 0 {
            let (m, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow else {
                throw MXNetError("\(what) of shape \(Shape.text(shape)) and dtype \(dtype) are too large (the byte " +
                                 "size overflows)")
            }
            n = m
        }
        if shape.contains(0) { n = 0 }
        guard n <= remaining else {
            throw MXNetError("\(what) of shape \(Shape.text(shape)) and dtype \(dtype) need \(n) bytes but " +
                             "\(remaining) remain")
        }
        return n
    }

    /// Checks that a sparse record's shapes fit together: row_sparse values `(nnz, shape[1...])` with `nnz`
    /// indices; csr a 2-D shape, `nnz` values, `rows + 1` indptr entries and `nnz` column indices.
    static func checkSparseShapes(_ storage: ParamsFile.StorageKind, shape: [Int], storageShape: [Int],
                                  auxiliary: [[Int]]) throws {
        switch storage {
        case .dense:
            return
        case .rowSparse:
            guard !shape.isEmpty, storageShape.count == shape.count,
                  storageShape.dropFirst() == shape.dropFirst() else {
                let expected = "(nnz" + shape.dropFirst().map { ", \($0)" }.joined() + ")"
                throw MXNetError("row_sparse values of shape \(Shape.text(storageShape)) do not fit an array of " +
                                 "shape \(Shape.text(shape)) (expected \(expected))")
            }
            guard auxiliary[0] == [storageShape[0]] else {
                throw MXNetError("row_sparse indices have shape \(Shape.text(auxiliary[0])), expected " +
                                 "(\(storageShape[0]),) for \(storageShape[0]) stored rows")
            }
        case .csr:
            guard shape.count == 2 else { throw MXNetError("csr array has shape \(Shape.text(shape)); csr is 2-D") }
            guard storageShape.count == 1 else {
                throw MXNetError("csr values have shape \(Shape.text(storageShape)); expected (nnz,)")
            }
            guard auxiliary[0].count == 1, auxiliary[0][0] >= 1, auxiliary[0][0] - 1 == shape[0] else {
                throw MXNetError("csr indptr has shape \(Shape.text(auxiliary[0])), expected one entry more than " +
                                 "the \(shape[0]) rows")
            }
            guard auxiliary[1] == storageShape else {
                throw MXNetError("csr indices have shape \(Shape.text(auxiliary[1])), expected " +
                                 "\(Shape.text(storageShape)) like the values")
            }
        }
    }

    /// The header of a dense V2 or V3 record for `shape` and `dtype`, saved from the CPU; the values follow it.
    static func denseHeader(layout: ParamsFile.RecordLayout, shape: [Int], dtype: DType) -> [UInt8] {
        precondition(layout == .v2 || layout == .v3, "denseHeader: only V2 and V3 records are written")
        var out: [UInt8] = []
        out.reserveCapacity(24 + 8 * shape.count)
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        put(layout == .v3 ? ParamsFile.v3Magic : ParamsFile.v2Magic)
        put(ParamsFile.StorageKind.dense.rawValue)
        put(Int32(shape.count))
        for d in shape { put(Int64(d)) }
        put(Int32(1))  // dev_type: cpu
        put(Int32(0))  // dev_id
        put(dtype.rawValue)
        return out
    }
}
