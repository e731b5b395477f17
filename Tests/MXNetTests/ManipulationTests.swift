import MXNet
import TestSupport
import XCTest

/// Axis order, joining, splitting, tiling, padding, selection, sorting and unique/nonzero against MXNet 1.9.1
/// (`Tests/Fixtures/gen_manipulation.py`).
final class ManipulationTests: XCTestCase {
    func testManipulationConformance() throws {
        let cases = try Fixtures.cases("manipulation")
        XCTAssertGreaterThan(cases.count, 200)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }
}

/// np manipulation functions that compose operators, and gradients MXNet 1.9.1 lacks, against NumPy
/// (`Tests/Fixtures/gen_manipulation_np.py`).
final class ManipulationNumPyTests: XCTestCase {
    static func call(_ c: NumPyFunctionCase, _ x: [NDArray]) throws -> [NDArray] {
        switch c.fn {
        case "ravel": return [try np.ravel(x[0])]
        case "flip": return [try np.flip(x[0], axis: c.ints("axis"))]
        case "split":
            if let s = c.int("sections") { return try np.split(x[0], sections: s, axis: c.int("axis") ?? 0) }
            return try np.split(x[0], indices: c.ints("indices") ?? [], axis: c.int("axis") ?? 0)
        case "array_split":
            if let s = c.int("sections") { return try np.arraySplit(x[0], sections: s, axis: c.int("axis") ?? 0) }
            return try np.arraySplit(x[0], indices: c.ints("indices") ?? [], axis: c.int("axis") ?? 0)
        case "nonzero": return try np.nonzero(x[0])
        case "where": return [try np.where(x[1], x[0], x[2])]
        case "where_x_number": return [try np.where(x[1], c.double("x") ?? 0, x[0])]
        case "where_y_number": return [try np.where(x[1], x[0], c.double("y") ?? 0)]
        case "where_numbers": return [try np.where(x[1], c.double("x") ?? 0, c.double("y") ?? 0)]
        case "clip": return [try np.clip(x[0], c.double("min"), c.double("max"))]
        case "pad":
            let widths = (c.args["pad_width"] as? [[NSNumber]])?.map { $0.map(\.intValue) } ?? []
            let mode = PadMode(rawValue: c.string("mode") ?? "constant") ?? .constant
            return [try np.pad(x[0], widths, mode: mode, constantValues: c.double("value") ?? 0)]
        case "concatenate": return [try np.concatenate(x, axis: nil)]
        case "stack": return [try np.stack(x, axis: c.int("axis") ?? 0)]
        case "moveaxis":
            return [try np.moveaxis(x[0], source: c.ints("source") ?? [], destination: c.ints("destination") ?? [])]
        case "swapaxes": return [try np.swapaxes(x[0], c.int("axis1") ?? 0, c.int("axis2") ?? 0)]
        case "transpose": return [try np.transpose(x[0], axes: c.ints("axes"))]
        case "tile": return [try np.tile(x[0], c.ints("reps") ?? [])]
        case "repeat": return [try np.repeat(x[0], c.int("repeats") ?? 1, axis: c.int("axis"))]
        case "roll": return [try np.roll(x[0], shift: c.ints("shift") ?? [], axis: c.ints("axis"))]
        case "sort": return [try np.sort(x[0], descending: c.bool("descending"))]
        case "argsort": return [try np.argsort(x[0], axis: c.int("axis") ?? -1)]
        case "unique": return try np.unique(x[0], returnIndex: true, returnInverse: true, returnCounts: true)
        case "logical_and": return [try np.logicalAnd(np.greater(x[0], 0), x[1])]
        case "rot90": return [try np.rot90(x[0], k: c.int("k") ?? 1, axes: c.ints("axes") ?? [0, 1])]
        case "rollaxis": return [try np.rollaxis(x[0], axis: c.int("axis") ?? 0, start: c.int("start") ?? 0)]
        case "diff": return [try np.diff(x[0], n: c.int("n") ?? 1, axis: c.int("axis") ?? -1)]
        case "hsplit": return try np.hsplit(x[0], sections: c.int("sections") ?? 1)
        case "vsplit": return try np.vsplit(x[0], sections: c.int("sections") ?? 1)
        case "dsplit": return try np.dsplit(x[0], sections: c.int("sections") ?? 1)
        case "atleast_2d": return [try np.atleast2d(x[0])]
        case "atleast_3d": return [try np.atleast3d(x[0])]
        case "average": return [try np.average(x[0], axis: c.ints("axis"), weights: x.count > 1 ? x[1] : nil)]
        default: throw MXNetError("unknown function \(c.fn)")
        }
    }

    func testNumPyFunctions() throws {
        let cases = try NumPyFunctionCase.load("manipulation_np")
        XCTAssertGreaterThan(cases.count, 40)
        var passed = 0
        for c in cases where c.check({ try Self.call(c, $0) }) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// Dynamic-shape ops cannot be recorded under deferred compute; others can, and replay matches eager.
    func testDeferredCompute() throws {
        let x = try np.array([3, 1, 2, 3] as [Float])
        XCTAssertThrowsError(try DeferredCompute.scope { try np.unique(x) })
        let g = try DeferredCompute.trace(inputs: ["x": x]) { v in
            [try np.concatenate([np.flip(v[0]), np.sort(v[0])]), try np.max(v[0]), try np.cumsum(v[0])]
        }
        let out = try g([try np.array([5, 7, 6, 4] as [Float])])
        try assertClose(out[0], [4, 6, 7, 5, 4, 5, 6, 7], shape: [8])
        try assertClose(out[1], [7], shape: [])
        try assertClose(out[2], [5, 12, 18, 22], shape: [4])
    }
}

/// Registry-level behaviour of the manipulation ops: input names and counts of variadic ops.
final class ManipulationRegistryTests: XCTestCase {
    func testVariadicInputNames() throws {
        let concat = try OperatorRegistry.shared.lookup("concat")
        XCTAssertEqual(concat.inputNames(try concat.parse(["num_args": "3"])), ["arg0", "arg1", "arg2"])
        let npConcat = try OperatorRegistry.shared.lookup("_npi_concatenate")
        XCTAssertEqual(npConcat.inputNames(try npConcat.parse(["num_args": "2", "axis": "0"])), ["data0", "data1"])
        let stack = try OperatorRegistry.shared.lookup("stack")
        XCTAssertEqual(stack.inputNames(try stack.parse(["num_args": "2"])), ["arg0", "arg1"])
        let split = try OperatorRegistry.shared.lookup("SliceChannel")
        XCTAssertEqual(split.numOutputs(try split.parse(["num_outputs": "4"])), 4)
        let a = try np.zeros([2, 3])
        XCTAssertThrowsError(try Imperative.invoke("Concat", [a, a], attributes: ["num_args": "3"]))
        XCTAssertThrowsError(try Imperative.invoke("Concat", [a], attributes: [:]))
    }

    func testAliasesShareOneOperator() throws {
        let r = OperatorRegistry.shared
        XCTAssertTrue(try r.lookup("reverse") === r.lookup("_npi_flip"))
        XCTAssertTrue(try r.lookup("SwapAxis") === r.lookup("_npi_swapaxes"))
        XCTAssertTrue(try r.lookup("_split_v2") === r.lookup("_npi_split"))
        XCTAssertTrue(try r.lookup("_np_amax") === r.lookup("_np_max"))
        XCTAssertFalse(try r.lookup("max") === r.lookup("_np_max"))
    }

    func testSortKind() throws {
        let x = try np.array([3, 1, 2] as [Float])
        try assertClose(np.argsort(x, kind: "stable"), [1, 2, 0], shape: [3], dtype: .int64)
        XCTAssertThrowsError(try np.sort(x, kind: "bogus"))
    }
}

/// Large permutations take the tiled-transpose path; each output element must be the input element its
/// index names (checked by the definition of a permutation, on every element).
final class TransposePathTests: XCTestCase {
    func check(_ shape: [Int], _ perm: [Int], _ dtype: DType) throws {
        let n = shape.reduce(1, *)
        let x = try np.astype(np.array((0..<n).map { Double($0 % 9973) }, shape: shape, dtype: .float64), dtype)
        let y = try np.transpose(x, axes: perm)
        XCTAssertEqual(y.shape, perm.map { shape[$0] })
        let xs = try x.asArray(Double.self), ys = try y.asArray(Double.self)
        let inStrides = (0..<shape.count).map { shape[($0 + 1)...].reduce(1, *) }
        let outShape = perm.map { shape[$0] }
        var idx = [Int](repeating: 0, count: shape.count)
        for k in 0..<n {
            var src = 0
            for d in 0..<perm.count { src += idx[d] * inStrides[perm[d]] }
            if ys[k] != xs[src] { return XCTFail("\(shape) \(perm): element \(k) is \(ys[k]), expected \(xs[src])") }
            var d = shape.count - 1
            while d >= 0 { idx[d] += 1; if idx[d] < outShape[d] { break }; idx[d] = 0; d -= 1 }
        }
    }

    func testTiledTransposes() throws {
        try check([300, 257], [1, 0], .float32)
        try check([4, 3, 70, 50], [0, 2, 3, 1], .float32)   // NCHW → NHWC
        try check([4, 70, 50, 3], [0, 3, 1, 2], .float16)   // NHWC → NCHW
        try check([2, 1, 100, 65], [1, 0, 3, 2], .int64)
        try check([33, 35, 37], [2, 1, 0], .uint8)          // not a batched transpose: gather path
    }
}
