import Foundation
import MXNet
import TestSupport
import XCTest

/// `NDArray.description` against `repr(mx.np.array(...))` from MXNet 1.9.1 (`Tests/Fixtures/gen_printing.py`).
final class PrintingTests: XCTestCase {
    func testReprMatchesMXNet() throws {
        let url = Fixtures.directory.appendingPathComponent("printing.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = doc?["cases"] as? [[String: Any]] ?? []
        XCTAssertGreaterThan(cases.count, 40)
        var passed = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let x = try Fixtures.array(c["input"]!)
            let expected = c["expected"] as? String ?? ""
            XCTAssertEqual(x.description, expected, name)
            if x.description == expected { passed += 1 }
        }
        XCTAssertEqual(passed, cases.count)
    }

    func testPendingAndBFloat16() throws {
        let x = try np.array([1, 2] as [Float])
        let graph = try DeferredCompute.trace(inputs: ["x": x]) { v in
            let y = try np.add(v[0], 1)
            XCTAssertTrue(y.isPending)
            XCTAssertEqual(y.description, try np.add(x, 1).description, "printing computes a pending array")
            return [y]
        }
        _ = graph
        let b = try np.astype(np.array([1.5, -2] as [Float]), .bfloat16)
        XCTAssertEqual(b.description, try np.array([1.5, -2] as [Float]).description.dropLast() + ", dtype=bfloat16)")
    }
}
