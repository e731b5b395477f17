import Foundation
import MXNet
import TestSupport
import XCTest

/// MXNet 1.x operators that legacy models use (LRN, UpSampling, ROIPooling, ...) against MXNet 1.9.1
/// (`Tests/Fixtures/gen_legacy_ops.py`).
final class LegacyOpsTests: XCTestCase {
    func testLegacyOpsConformance() throws {
        let cases = try Fixtures.cases("legacy_ops")
        XCTAssertGreaterThan(cases.count, 270)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// For `Tests/Fixtures/list_legacy_ops.py`; does nothing unless its environment variables are set.
    ///
    /// `MXNET_REGISTRY_NAMES_OUT`: writes every registry name, one a line.
    /// `MXNET_PARSE_PROBES_IN` / `MXNET_PARSE_PROBES_OUT`: reads `[[op, key, value], ...]` and writes, one a line
    /// (tab-separated), each probe whose single attribute the op's parser rejects, with the error. A missing
    /// required parameter is not a rejection, except for a probe with an empty key, which parses no attributes.
    func testWriteRegistryNames() throws {
        let env = ProcessInfo.processInfo.environment
        if let path = env["MXNET_REGISTRY_NAMES_OUT"] {
            try (OperatorRegistry.shared.allNames.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        if let input = env["MXNET_PARSE_PROBES_IN"], let output = env["MXNET_PARSE_PROBES_OUT"] {
            let probes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: input))) as? [[String]] ?? []
            var rejected: [String] = []
            for probe in probes where probe.count == 3 {
                guard let op = OperatorRegistry.shared.find(probe[0]) else { continue }
                // An empty key parses no attributes at all (every error counts, a missing required one too).
                let attributes = probe[1].isEmpty ? [:] : [probe[1]: probe[2]]
                do { _ = try op.parse(attributes) } catch let e as MXNetError {
                    if probe[1].isEmpty || !e.message.contains("is missing") {
                        rejected.append(probe.joined(separator: "\t") + "\t" + e.message)
                    }
                }
            }
            try rejected.map { $0 + "\n" }.joined().write(toFile: output, atomically: true, encoding: .utf8)
        }
    }
}
