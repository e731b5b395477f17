import Foundation
import MXNet
import TestSupport
import XCTest

/// Learning-rate schedules against MXNet 1.9.1's `mx.lr_scheduler` (`Tests/Fixtures/gen_optimizers.py`).
final class LRSchedulerTests: XCTestCase {
    func testSchedulesMatchMXNet() throws {
        let cases = try OptimizerFixtures.section("schedulers")
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        for c in cases {
            let spec = c["scheduler"] as? [String: Any] ?? [:]
            let schedule = try OptimizerFixtures.scheduler(spec)
            let expected = (c["lrs"] as? [NSNumber] ?? []).map(\.doubleValue)
            XCTAssertFalse(expected.isEmpty)
            let actual = expected.indices.map { schedule($0) }
            assertClose(actual, expected, rtol: 1e-12, atol: 1e-15, "\(spec)")
        }
    }

    func testInvalidSchedulesThrow() {
        XCTAssertThrowsError(try FactorScheduler(step: 0))
        XCTAssertThrowsError(try FactorScheduler(step: 2, factor: 1.5))
        XCTAssertThrowsError(try MultiFactorScheduler(step: [5, 5]))
        XCTAssertThrowsError(try MultiFactorScheduler(step: []))
        XCTAssertThrowsError(try PolyScheduler(maxUpdate: 0))
        XCTAssertThrowsError(try CosineScheduler(maxUpdate: 10, baseLR: 0.1, warmupBeginLR: 0.2))
        XCTAssertThrowsError(try CosineScheduler(maxUpdate: 10, warmupSteps: -1))
    }
}
