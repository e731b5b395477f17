import Foundation
import MXNet
import TestSupport
import XCTest

/// NumPy index expressions read and assigned through `NDArray`'s subscript and `setItem`, against NumPy
/// (`Tests/Fixtures/gen_indexing_np.py`), plus the Swift spellings, gradients and deferred compute.
final class IndexingTests: XCTestCase {
    /// Decodes one index entry of the fixture.
    func indexEntry(_ any: Any) throws -> any NDArrayIndex {
        let d = any as? [String: Any] ?? [:]
        if let i = d["int"] as? Int { return i }
        if let s = d["slice"] as? [Any] {
            let part = { (k: Int) in s[k] as? Int }
            return NDArray.Index.slice(part(0), part(1), step: part(2))
        }
        if d["newaxis"] != nil { return .newAxis }
        if d["ellipsis"] != nil { return .ellipsis }
        if let a = d["array"] ?? d["mask"] { return try Fixtures.array(a) }
        throw MXNetError("bad index entry \(d)")
    }

    func testNumPyIndexing() throws {
        let url = Fixtures.directory.appendingPathComponent("indexing_np.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = doc?["cases"] as? [[String: Any]] ?? []
        XCTAssertGreaterThan(cases.count, 80)
        var passed = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            do {
                let x = try Fixtures.array(c["input"]!)
                let index = try (c["index"] as? [Any] ?? []).map(indexEntry)
                let result: NDArray
                if c["kind"] as? String == "set" {
                    if let v = c["value"] as? NSNumber, !(c["value"] is [String: Any]) {
                        try x.setItem(index, v.doubleValue)
                    } else {
                        try x.setItem(index, Fixtures.array(c["value"]!))
                    }
                    result = x
                } else {
                    result = try x.getItem(index)
                }
                if c["error"] as? Bool == true {
                    try result.waitToRead()
                    XCTFail("\(name): expected an error")
                    continue
                }
                let expected = try Fixtures.array(c["expected"]!)
                XCTAssertEqual(result.shape, expected.shape, name)
                XCTAssertEqual(result.dtype, expected.dtype, name)
                XCTAssertEqual(try result.asArray(Double.self), try expected.asArray(Double.self), name)
                if result.shape == expected.shape, result.dtype == expected.dtype,
                   try result.asArray(Double.self) == expected.asArray(Double.self) { passed += 1 }
            } catch {
                if c["error"] as? Bool == true { passed += 1 } else { XCTFail("\(name): \(error)") }
            }
        }
        XCTAssertEqual(passed, cases.count)
    }

    /// Swift ranges and the variadic subscript spell the same expressions as explicit entries.
    func testSwiftSpellings() throws {
        let a = try np.arange(24).reshaped([2, 3, 4])
        func same(_ x: NDArray, _ y: NDArray, _ message: String) throws {
            XCTAssertEqual(x.shape, y.shape, message)
            XCTAssertEqual(try x.asArray(Float.self), try y.asArray(Float.self), message)
        }
        try same(a[1, 0..<2], a.getItem([1, NDArray.Index.slice(0, 2)]), "Range")
        try same(a[0, 1...2], a.getItem([0, NDArray.Index.slice(1, 3)]), "ClosedRange")
        try same(a[..<1], a.getItem([NDArray.Index.slice(nil, 1)]), "PartialRangeUpTo")
        try same(a[...0], a.getItem([NDArray.Index.slice(nil, 1)]), "PartialRangeThrough")
        try same(a[1...], a.getItem([NDArray.Index.slice(1)]), "PartialRangeFrom")
        try same(a[.ellipsis, .newAxis, .slice(step: -1)], a.getItem([NDArray.Index.ellipsis, .newAxis, .slice(step: -1)]),
                 "markers")
        let literal: [NDArray.Index] = [1, .newAxis, .slice(1, nil, step: 2)]
        try same(a.getItem(literal), a[1, .newAxis, .slice(1, nil, step: 2)], "integer literals as Index")
        XCTAssertEqual(try a[np.greater(a, 20)].shape, [3])
    }

    /// Values read through indices carry gradients back (slice, take, gather_nd, boolean_mask).
    func testIndexingGradients() throws {
        let x = try np.arange(12).reshaped([3, 4])
        x.attachGrad()
        let y = try autograd.record { () -> NDArray in
            let basic = try x[1, .slice(step: 2)]                                    // slice
            let rows = try x[np.array([2, 2] as [Int32])]                             // take
            let points = try x[np.array([0, 1] as [Int32]), np.array([3, 0] as [Int32])]  // gather_nd
            let masked = try x[np.greater(x, 9)]                                      // boolean_mask
            return try np.add(np.add(np.sum(basic), np.sum(rows)), np.add(np.sum(points), np.sum(masked)))
        }
        try y.backward()
        // d/dx: 1 at (1,0),(1,2); 2 on row 2; 1 at (0,3),(1,0); 1 where x > 9.
        let g = try x.grad!.asArray(Float.self)
        var expected = [Float](repeating: 0, count: 12)
        for i in [4, 6] { expected[i] += 1 }
        for i in 8..<12 { expected[i] += 2 }
        for i in [3, 4] { expected[i] += 1 }
        for i in [10, 11] { expected[i] += 1 }
        XCTAssertEqual(g, expected)
    }

    /// Assignment under autograd: gradients flow to the assigned value and around the overwritten part.
    func testAssignmentGradient() throws {
        let v = try np.array([1, 2] as [Float])
        v.attachGrad()
        let y = try autograd.record { () -> NDArray in
            let base = try np.ones([2, 3])
            try base.setItem([NDArray.Index.slice(), 1], np.multiply(v, 3))
            return try np.sum(np.multiply(base, base))
        }
        try y.backward()
        // y = sum of 1s (4 of them) + sum (3 v)^2 ⇒ dy/dv = 18 v.
        XCTAssertEqual(try v.grad!.asArray(Float.self), [18, 36])
    }

    /// Indexing under deferred compute records slice/take/gather and in-place updates.
    func testDeferredComputeIndexing() throws {
        let x = try np.arange(12).reshaped([3, 4])
        let graph = try DeferredCompute.trace(inputs: ["x": x]) { v in
            let a = try v[0][.slice(step: -1), 1...]
            try a.setItem([0], 0)
            return [a, try v[0][np.array([0, 2] as [Int32]), np.array([1, 3] as [Int32])]]
        }
        let names = graph.nodes.compactMap { $0.op?.name }
        XCTAssertTrue(names.contains("_npi_slice") && names.contains("_npi_slice_assign_scalar") &&
                      names.contains("_npi_gather_nd"), "\(names)")
        let y = try np.multiply(x, 2)
        let out = try graph([y])
        let eagerA = try y[.slice(step: -1), 1...]
        try eagerA.setItem([0], 0)
        XCTAssertEqual(try out[0].asArray(Float.self), try eagerA.asArray(Float.self))
        XCTAssertEqual(try out[1].asArray(Float.self), try y[np.array([0, 2] as [Int32]), np.array([1, 3] as [Int32])].asArray(Float.self))
    }

    /// Earlier reads and copies keep their values after an assignment.
    func testAssignmentDoesNotLeakIntoCopies() throws {
        let a = try np.arange(6)
        let row = try a[1...]
        let copy = try np.copy(a)
        try a.setItem([.ellipsis], 0)
        XCTAssertEqual(try a.asArray(Float.self), [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(try row.asArray(Float.self), [1, 2, 3, 4, 5])
        XCTAssertEqual(try copy.asArray(Float.self), [0, 1, 2, 3, 4, 5])
        let leaf = try np.ones([2])
        leaf.attachGrad()
        XCTAssertThrowsError(try autograd.record { try leaf.setItem([0], 5) })
    }
}
