/// Sorts each line of `input` (seen as `(outer, length, inner)`), writing sorted values and/or the source
/// indices (int64). Ties keep their order; NaN sorts last ascending and first descending.
struct SortKernel: FloatVisitor, IntegerVisitor {
    let input: TensorRef, values: TensorRef?, indices: TensorRef?, lines: SortLines, ascending: Bool

    func float<T: KernelFloat>(_: T.Type) { run(T.self) }
    func integer<T: IntegerElement>(_: T.Type) { run(T.self) }

    private func run<T: Comparable>(_: T.Type) {
        let x = input.pointer(T.self), vo = values?.pointer(T.self), io = indices?.pointer(Int64.self)
        let (outer, n, inner, ascending) = (lines.outer, lines.length, lines.inner, self.ascending)
        if outer * n * inner == 0 { return }
        parallelFor(outer * inner, cost: n * 16) { lo, hi in
            var order = [Int](repeating: 0, count: n)
            for line in lo..<hi {
                let base = (line / inner) * n * inner + line % inner
                for i in 0..<n { order[i] = i }
                order.sort { a, b in
                    sortsBefore(x[base + a * inner], x[base + b * inner], a, b, ascending: ascending)
                }
                for i in 0..<n {
                    let src = order[i]
                    vo?[base + i * inner] = x[base + src * inner]
                    io?[base + i * inner] = Int64(src)
                }
            }
        }
    }
}

/// Whether `(a, i)` comes before `(b, j)`: by value, NaN (`v != v`) last when ascending and first when
/// descending, ties by position.
@inline(__always)
func sortsBefore<T: Comparable>(_ a: T, _ b: T, _ i: Int, _ j: Int, ascending: Bool) -> Bool {
    let an = a != a, bn = b != b
    if an || bn {
        if an && bn { return i < j }
        return ascending ? bn : an
    }
    if a == b { return i < j }
    return ascending ? a < b : a > b
}

/// The result of ``UniqueRowsKernel``: for each unique row (in sorted order) its first position and count,
/// and for each input row the index of its unique row.
struct UniqueRows {
    var first: [Int] = []
    var inverse: [Int] = []
    var counts: [Int] = []
}

/// Finds the unique rows of a `(rows, width)` array, ordered lexicographically (NaN never equals anything).
struct UniqueRowsKernel: FloatVisitor, IntegerVisitor {
    let input: TensorRef, rows: Int, width: Int

    func float<T: KernelFloat>(_: T.Type) -> UniqueRows { run(T.self) }
    func integer<T: IntegerElement>(_: T.Type) -> UniqueRows { run(T.self) }

    private func run<T: Comparable>(_: T.Type) -> UniqueRows {
        let x = input.pointer(T.self), width = self.width
        func before(_ a: Int, _ b: Int) -> Bool {
            for k in 0..<width {
                let u = x[a * width + k], v = x[b * width + k]
                if u == v { continue }
                return sortsBefore(u, v, a, b, ascending: true)
            }
            return a < b
        }
        func equal(_ a: Int, _ b: Int) -> Bool {
            for k in 0..<width where !(x[a * width + k] == x[b * width + k]) { return false }
            return true
        }
        let order = (0..<rows).sorted(by: before)
        var r = UniqueRows(inverse: [Int](repeating: 0, count: rows))
        for (i, row) in order.enumerated() {
            if i == 0 || !equal(order[i - 1], row) {
                r.first.append(row)
                r.counts.append(0)
            }
            r.counts[r.counts.count - 1] += 1
            r.inverse[row] = r.first.count - 1
        }
        return r
    }
}

extension TensorRef {
    /// Runs `v` on this tensor's dtype and returns its result.
    func dispatchResult<V: FloatVisitor & IntegerVisitor>(_ v: V) throws -> V.Result {
        if let r = dtype.visitFloat(v) { return r }
        if let r = dtype.visitInteger(v) { return r }
        throw MXNetError("dtype \(dtype) is not supported")
    }
}
