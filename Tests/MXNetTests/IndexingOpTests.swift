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
