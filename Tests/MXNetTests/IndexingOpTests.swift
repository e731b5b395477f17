import MXNet
import TestSupport
import XCTest

/// Slicing, take, gather/scatter and boolean-mask operators against MXNet 1.9.1 (`Tests/Fixtures/gen_indexing.py`).
final class IndexingOpTests: XCTestCase {
    func testIndexingConformance() throws {
        let cases = try Fixtures.cases("indexing")
        XCTAssertGreaterThan(cases.count, 90)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// The value-dependent `boolean_mask` runs eagerly but cannot be recorded.
    func testBooleanMaskIsNotRecordable() throws {
        let x = try np.arange(6).reshaped([3, 2])
        let mask = try np.array([true, false, true])
        XCTAssertEqual(try Imperative.invoke("_npi_boolean_mask", [x, mask])[0].shape, [2, 2])
        XCTAssertThrowsError(try DeferredCompute.trace(inputs: ["x": x]) { v in
            try Imperative.invoke("_npi_boolean_mask", [v[0], mask])
        })
    }
}

/// The np/npx functions that forward to indexing operators.
final class IndexingFunctionTests: XCTestCase {
    func testForwards() throws {
        let a = try np.arange(6).reshaped([2, 3])
        let i = try np.array([2, 0] as [Int32])
        XCTAssertEqual(try np.take(a, i, axis: 1).asArray(Float.self),
                       try Imperative.invoke("_npi_take", [a, i], attributes: ["axis": "1", "mode": "raise"])[0].asArray(Float.self))
        XCTAssertEqual(try np.take(a, i).asArray(Float.self), [2, 0], "flattened when axis is nil")
        XCTAssertThrowsError(try np.take(a, np.array([-1] as [Int32]), axis: 1), "raise rejects negatives, as MXNet")
        XCTAssertEqual(try npx.slice(a, begin: [nil, 1], end: [nil, nil], step: [nil, -1]).asArray(Float.self),
                       try a[.slice(), .slice(1, nil, step: -1)].asArray(Float.self))
        let points = try np.array([0, 1, 2, 0] as [Int32], shape: [2, 2])
        XCTAssertEqual(try npx.gatherND(a, points).asArray(Float.self), try Imperative.invoke("gather_nd", [a, points])[0].asArray(Float.self))
        XCTAssertEqual(try npx.scatterND(np.array([5, 6] as [Float]), points, shape: [2, 3]).asArray(Float.self),
                       try Imperative.invoke("scatter_nd", [np.array([5, 6] as [Float]), points], attributes: ["shape": "(2, 3)"])[0].asArray(Float.self))
        XCTAssertEqual(try npx.booleanMask(a, np.array([false, true])).shape, [1, 3])
        let picked = try np.random.choice(np.array([10, 20, 30] as [Float]), size: [3], replace: false).asArray(Float.self)
        XCTAssertEqual(picked.sorted(), [10, 20, 30])
    }
}
