import Foundation

extension ParamsFile {
    /// One array of a `.params` file as its record header describes it.
    public struct ArrayInfo: Equatable, Sendable {
        /// The stored name (with any `arg:`/`aux:` prefix); nil in an unnamed list.
        public let name: String?
        /// The shape the array loads with (sparse arrays load dense).
        public let shape: [Int]
        public let dtype: DType
        /// How the values are stored: `default` (dense), `row_sparse` or `csr`.
        public let storage: String
        /// The bytes the values take in the file.
        public let storedBytes: Int

        /// The number of elements of the loaded array (`Int.max` when a sparse shape's count overflows).
        public var size: Int {
            var n = 1
            for d in shape {
                let (m, overflow) = n.multipliedReportingOverflow(by: d)
                if overflow { return shape.contains(0) ? 0 : Int.max }
                n = m
            }
            return n
        }
    }

    /// A `.params` file whose headers have been read and checked but whose values have not: every array's name,
    /// shape and dtype for the cost of a few small reads, and the values of the arrays a caller picks, read on
    /// demand. A model loader can so check a file against the graph before allocating anything, and never expands
    /// a sparse array the graph does not use.
    ///
    /// ```swift
    /// let listing = try ParamsFile.list("model-0000.params")
    /// for a in listing.arrays { print(a.name ?? "-", a.shape, a.dtype) }
    /// let weights = try listing.parameters(named: ["fc1_weight", "fc1_bias"])
    /// ```
    public final class Listing {
        /// The file name used in error messages.
        public let label: String
        /// Every array, in file order.
        public let arrays: [ArrayInfo]
        /// One name per array, in file order; nil for an unnamed list.
        public let names: [String]?
        let source: ParamsByteSource
        let records: [Record]
        let limits: Limits

        init(_ source: ParamsByteSource, label: String, limits: Limits) throws {
            let scanned: ([Record], [String]?)
            do {
                scanned = try ParamsFile.scan(source, limits: limits)
            } catch let e as MXNetError {
                throw MXNetError("\(label): \(e.message)")
            }
            let (records, names) = scanned
            self.records = records
            self.names = names
            self.source = source
            self.label = label
            self.limits = limits
            arrays = records.enumerated().map { i, r in
                ArrayInfo(name: names?[i], shape: r.shape, dtype: r.dtype, storage: r.storage.name,
                          storedBytes: r.values.count + r.auxiliary.reduce(0) { $0 + $1.bytes.count })
            }
        }

        /// The array at position `i`, read from the file.
        /// - Throws: ``MXNetError`` naming the file and the array when its values cannot be read, a sparse array
        ///   has bad indices or would expand beyond ``Limits/maxSparseExpansionBytes``.
        public func array(at i: Int) throws -> NDArray {
            precondition(i >= 0 && i < records.count, "ParamsFile.Listing.array(at:): index out of range")
            do {
                return try records[i].makeArray(source, limits: limits)
            } catch let e as MXNetError {
                let name = names.map { " (\(ParamsFile.quoted($0[i])))" } ?? ""
                throw MXNetError("\(label): array \(i)\(name): \(e.message)")
            }
        }

        /// Positions of the named arrays, keyed by name without an `arg:`/`aux:` prefix as in
        /// ``ParamsFile/parameters`` (later duplicates win).
        public var parameterIndices: [String: Int] {
            guard let names else { return [:] }
            var out: [String: Int] = [:]
            for (i, name) in names.enumerated() {
                out[name.hasPrefix("arg:") || name.hasPrefix("aux:") ? String(name.dropFirst(4)) : name] = i
            }
            return out
        }

        /// The headers of ``parameterIndices``' arrays, by the same names.
        public var parameters: [String: ArrayInfo] { parameterIndices.mapValues { arrays[$0] } }

        /// The values of the parameters named in `wanted` (names without an `arg:`/`aux:` prefix) that the file
        /// holds; names it lacks are left out.
        /// - Throws: ``MXNetError`` naming the file and the array, as ``array(at:)``.
        public func parameters(named wanted: Set<String>) throws -> [String: NDArray] {
            var out: [String: NDArray] = [:]
            for (name, i) in parameterIndices.sorted(by: { $0.value < $1.value }) where wanted.contains(name) {
                out[name] = try array(at: i)
            }
            return out
        }
    }

    /// Reads and checks the headers of the `.params` file at `path`, without reading any values (see ``Listing``).
    ///
    /// ```swift
    /// let listing = try ParamsFile.list("resnet18_v1-0000.params")
    /// print(listing.arrays.count, listing.parameters["fc1_weight"]?.shape ?? [])
    /// ```
    /// - Throws: ``MXNetError`` — one line naming the file, and the array or name at fault — for unreadable,
    ///   truncated or malformed files, as ``load(_:limits:)``.
    public static func list(_ path: String, limits: Limits = Limits()) throws -> Listing {
        let source: ParamsByteSource
        do {
            source = try ParamsByteSource(path: path)
        } catch let e as MXNetError {
            throw MXNetError("\(path): \(e.message)")
        }
        return try Listing(source, label: path, limits: limits)
    }
}
