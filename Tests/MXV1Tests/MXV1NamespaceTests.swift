import MXV1
import XCTest

/// The MXV1 module re-exports the core, so 1.x code needs one import.
final class MXV1NamespaceTests: XCTestCase {
    func testCoreIsReexported() throws {
        let a = try np.ones([2])
        XCTAssertEqual(try a.asArray(Float.self), [1, 1])
    }
}
