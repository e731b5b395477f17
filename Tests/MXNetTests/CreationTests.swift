import MXNet
import TestSupport
import XCTest

/// Creation operators against MXNet 1.9.1 (`Tests/Fixtures/gen_creation.py`), and the np functions that forward
/// to them.
final class CreationTests: XCTestCase {
    func testCreationConformance() throws {
        let cases = try Fixtures.cases("creation")
        XCTAssertGreaterThan(cases.count, 100)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// The np functions give what their operators give for the same attributes (the operators are checked
    /// against MXNet above).
    func testNumPyFunctionsForwardToOperators() throws {
        let pairs: [(NDArray, String, [String: String])] = [
            (try np.zeros([2, 3], dtype: .int32), "_npi_zeros", ["shape": "(2, 3)", "dtype": "int32"]),
            (try np.ones([4]), "_npi_ones", ["shape": "(4,)"]),
            (try np.full([2], 1.5, dtype: .float64), "_npi_full", ["shape": "(2,)", "value": "1.5", "dtype": "float64"]),
            (try np.arange(5), "_npi_arange", ["start": "0", "stop": "5"]),
            (try np.arange(1, 2, step: 0.25, dtype: .float64), "_npi_arange",
             ["start": "1", "stop": "2", "step": "0.25", "dtype": "float64"]),
            (try np.linspace(0, 1, num: 7, endpoint: false), "_npi_linspace",
             ["start": "0", "stop": "1", "num": "7", "endpoint": "False"]),
            (try np.eye(3, 4, k: -1), "_npi_eye", ["N": "3", "M": "4", "k": "-1"]),
            (try np.identity(3, dtype: .int64), "_npi_identity", ["shape": "(3, 3)", "dtype": "int64"]),
        ]
        for (got, op, attrs) in pairs {
            let want = try Imperative.invoke(op, [], attributes: attrs)[0]
            XCTAssertEqual(got.shape, want.shape, op)
            XCTAssertEqual(got.dtype, want.dtype, op)
            XCTAssertEqual(try got.asArray(Double.self), try want.asArray(Double.self), op)
        }
    }

    /// Creation calls made under deferred compute become graph nodes, not captured constants.
    func testDeferredComputeRecordsCreation() throws {
        let x = try np.array([1, 2, 3] as [Float])
        let graph = try DeferredCompute.trace(inputs: ["x": x]) { v in
            [try np.add(v[0], np.add(np.ones([3]), np.arange(3)))]
        }
        let names = graph.nodes.compactMap { $0.op?.name }
        XCTAssertTrue(names.contains("_npi_ones"), "\(names)")
        XCTAssertTrue(names.contains("_npi_arange"), "\(names)")
        let eager = try np.add(x, np.add(np.ones([3]), np.arange(3)))
        XCTAssertEqual(try graph([x])[0].asArray(Float.self), try eager.asArray(Float.self))
    }

    func testBFloat16Creation() throws {
        let a = try np.full([3], 1.5, dtype: .bfloat16)
        XCTAssertEqual(a.dtype, .bfloat16)
        XCTAssertEqual(try a.asArray(Float.self), try np.full([3], 1.5).asArray(Float.self))
        XCTAssertEqual(try np.arange(0, 3, dtype: .bfloat16).asArray(Float.self), try np.arange(3).asArray(Float.self))
    }

    func testNegativeShapeThrowsNamingTheFunction() {
        XCTAssertThrowsError(try np.zeros([2, -1])) { e in XCTAssertTrue("\(e)".hasPrefix("zeros:"), "\(e)") }
        XCTAssertThrowsError(try np.arange(0, 1, step: 0)) { e in XCTAssertTrue("\(e)".hasPrefix("arange:"), "\(e)") }
        XCTAssertThrowsError(try np.linspace(0, 1, num: -2))
        XCTAssertThrowsError(try np.eye(-1))
        XCTAssertThrowsError(try np.arange(0, .infinity))
    }
}
