/// NumPy advanced indexing resolved to a `gather_nd` / `scatter_set_nd` index grid.
///
/// New axes become length-1 axes of a *virtual* input shape; masks become their non-zero positions; integers
/// become 0-d index arrays. Index arrays broadcast to a shape B. The result's shape is B in place of the
/// indexed axes when those are adjacent, else B first, followed by the sliced axes — NumPy's rule. The grid
/// holds, for each of the first M axes, the position every result element reads, so that
/// `gather_nd(x, grid)` is `x[index]`. Index values are read when the grid is built (under deferred compute
/// they are therefore recorded as constants).
struct AdvancedIndex {
    /// The input shape with new axes inserted.
    let virtualShape: [Int]
    /// Positions of the inserted axes in `virtualShape`.
    let virtualAxes: [Int]
    /// The shape of `x[index]`.
    let resultShape: [Int]
    /// A single integer array on one axis with every other axis whole: `take` does it.
    let take: (Int, NDArray)?

    private let rows: Int
    private let layout: [Int]
    private let values: [Int64]

    /// One virtual axis of the expression.
    private enum Axis {
        case indices([Int64], shape: [Int])
        case range(start: Int, step: Int, count: Int)
    }

    /// - Parameter allowTake: whether a lone integer array may be left to `take` (reads only; assignment needs the grid).
    init(_ entries: [NDArray.Index], shape: [Int], allowTake: Bool) throws {
        var axes: [Axis] = [], vshape: [Int] = [], virtual: [Int] = [], arrays: [(Int, NDArray)] = []
        var axis = 0
        for e in entries {
            switch e {
            case .integer(let i):
                axes.append(.indices([Int64(i)], shape: []))
                vshape.append(shape[axis]); axis += 1
            case let .slice(start, stop, step):
                guard step != 0 else { throw MXNetError("slice step cannot be zero") }
                let s = step ?? 1
                let r = SliceParams.pythonRange(length: shape[axis], start: start, stop: stop, step: s)
                axes.append(.range(start: r.start, step: s, count: r.count))
                vshape.append(shape[axis]); axis += 1
            case .newAxis:
                virtual.append(vshape.count)
                axes.append(.range(start: 0, step: 1, count: 1))
                vshape.append(1)
            case .array(let a):
                guard !a.dtype.isFloatingPoint else {
                    throw MXNetError("arrays used as indices must be of integer (or boolean) type, got \(a.dtype)")
                }
                arrays.append((axes.count, a))
                axes.append(.indices(try a.asArray(Int64.self), shape: a.shape))
                vshape.append(shape[axis]); axis += 1
            case .mask(let m):
                for (k, positions) in try AdvancedIndex.nonzero(m).enumerated() {
                    guard m.shape[k] == shape[axis] else {
                        throw MXNetError("boolean index did not match indexed array along dimension \(axis); " +
                                         "dimension is \(shape[axis]) but corresponding boolean dimension is \(m.shape[k])")
                    }
                    axes.append(.indices(positions, shape: [positions.count]))
                    vshape.append(shape[axis]); axis += 1
                }
            case .ellipsis:
                preconditionFailure("AdvancedIndex: expanded entries only")
            }
        }
        virtualShape = vshape
        virtualAxes = virtual

        let advanced = axes.indices.filter { if case .indices = axes[$0] { return true } else { return false } }
        guard let first = advanced.first, let last = advanced.last else {
            throw MXNetError("a 0-d boolean index cannot be combined with other indices")
        }
        var b: [Int] = []
        let shapes = advanced.compactMap { k -> [Int]? in if case let .indices(_, s) = axes[k] { return s } else { return nil } }
        for s in shapes {
            guard let joined = Shape.broadcast(b, s) else {
                throw MXNetError("shape mismatch: indexing arrays could not be broadcast together with shapes " +
                                 shapes.map { Shape.text($0) }.joined(separator: " "))
            }
            b = joined
        }

        // A lone integer array with everything else whole is a `take` (bounds checked here; wrap then resolves
        // negative positions as NumPy does).
        if allowTake, arrays.count == 1, advanced.count == 1, virtual.isEmpty,
           entries.allSatisfy({ if case .array = $0 { return true } else { return $0.isFullSlice } }),
           case let .indices(v, s) = axes[first] {
            let d = vshape[first]
            if let bad = v.first(where: { $0 < -Int64(d) || $0 >= Int64(d) }) {
                throw MXNetError("index \(bad) is out of bounds for axis \(first) with size \(d)")
            }
            take = (first, arrays[0].1)
            resultShape = Array(vshape[..<first]) + s + Array(vshape[(first + 1)...])
            rows = 0; layout = []; values = []
            return
        }
        take = nil

        // Grid rows cover every axis up to the last one that is indexed, sliced or virtual.
        var m = 0
        for (k, e) in axes.enumerated() {
            if case let .range(start, step, count) = e, start == 0, step == 1, count == vshape[k], !virtual.contains(k) {
                continue
            }
            m = k + 1
        }
        rows = m
        let adjacent = last - first + 1 == advanced.count
        let plain = (0..<m).filter { !advanced.contains($0) }
        let before = adjacent ? plain.filter { $0 < first } : []
        let after = adjacent ? plain.filter { $0 > first } : plain
        // Layout dims: -1 - i for the i-th dim of B, else the axis a range dim comes from.
        let roles = before + (0..<b.count).map { -1 - $0 } + after
        layout = roles.map { r -> Int in
            if r < 0 { return b[-1 - r] }
            if case let .range(_, _, count) = axes[r] { return count }
            return 0
        }
        resultShape = layout + Array(vshape[m...])

        let n = Shape.count(layout)
        var grid = [Int64](repeating: 0, count: m * n)
        let bStrides = Shape.strides(b)
        var layoutDim = [Int](repeating: -1, count: m)
        for (d, r) in roles.enumerated() where r >= 0 { layoutDim[r] = d }
        var coord = [Int](repeating: 0, count: layout.count)
        for q in 0..<n {
            var rem = q
            for d in stride(from: layout.count - 1, through: 0, by: -1) { coord[d] = rem % layout[d]; rem /= layout[d] }
            var bFlat = 0
            for (d, r) in roles.enumerated() where r < 0 { bFlat += coord[d] * bStrides[-1 - r] }
            for j in 0..<m {
                switch axes[j] {
                case let .range(start, step, _):
                    grid[j * n + q] = Int64(start + coord[layoutDim[j]] * step)
                case let .indices(v, s):
                    grid[j * n + q] = v[AdvancedIndex.broadcastOffset(bFlat, b, bStrides, s)]
                }
            }
        }
        values = grid
    }

    /// The index grid, `(M,) + layout`; without the virtual axes' rows for assignment into the real array.
    func grid(includingVirtual: Bool) -> NDArray {
        let n = Shape.count(layout)
        if includingVirtual || virtualAxes.isEmpty { return NDArray(values, shape: [rows] + layout) }
        let kept = (0..<rows).filter { !virtualAxes.contains($0) }
        var out: [Int64] = []
        out.reserveCapacity(kept.count * n)
        for j in kept { out += values[(j * n)..<((j + 1) * n)] }
        return NDArray(out, shape: [kept.count] + layout)
    }

    /// The element of an array of shape `s` broadcast to `b` at flat position `flat` of `b`.
    private static func broadcastOffset(_ flat: Int, _ b: [Int], _ bStrides: [Int], _ s: [Int]) -> Int {
        let lead = b.count - s.count
        var offset = 0, step = 1
        for d in stride(from: s.count - 1, through: 0, by: -1) {
            let coord = flat / bStrides[lead + d] % b[lead + d]
            if s[d] != 1 { offset += coord * step }
            step *= s[d]
        }
        return offset
    }

    /// For each axis of `mask`, the coordinates of its true elements.
    private static func nonzero(_ mask: NDArray) throws -> [[Int64]] {
        let values = try mask.asArray(Bool.self)
        let strides = Shape.strides(mask.shape)
        var out = [[Int64]](repeating: [], count: mask.ndim)
        for (i, v) in values.enumerated() where v {
            for d in 0..<mask.ndim { out[d].append(Int64(i / strides[d] % mask.shape[d])) }
        }
        return out
    }
}
