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

    /// Attributes from a graph file that would make sizes negative or overflow are refused, never trapped on.
    func testAbsurdAttributesThrow() throws {
        let x = try np.ones([1, 4, 2, 2])
        let bad: [(String, [NDArray], [String: String])] = [
            ("add_n", [x], ["num_args": "-1"]),
            ("Concat", [x], ["num_args": "-3"]),
            ("amp_multicast", [x], ["num_outputs": "-2"]),
            ("Crop", [x], ["num_args": "-1", "h_w": "(1, 1)"]),
            ("UpSampling", [x], ["num_args": "-1", "scale": "2", "sample_type": "nearest"]),
            ("UpSampling", [x], ["num_args": "1", "scale": "1073741824", "sample_type": "nearest"]),
            ("depth_to_space", [x], ["block_size": "1099511627776"]),
            ("space_to_depth", [x], ["block_size": "-2"]),
            ("LRN", [x], ["nsize": "9223372036854775807"]),
            ("ROIPooling", [x, try np.zeros([1, 5])], ["pooled_size": "(1099511627776, 2)", "spatial_scale": "1"]),
            ("_contrib_BilinearResize2D", [x], ["height": "100000", "width": "2"]),
            ("_contrib_BilinearResize2D", [x], ["scale_height": "1e30", "scale_width": "2"]),
            ("_contrib_BilinearResize2D", [x], ["scale_height": "2"]),
        ]
        for (op, inputs, attributes) in bad {
            XCTAssertThrowsError(try Imperative.invoke(op, inputs, attributes: attributes), "\(op) \(attributes)")
        }
    }

    /// Regions with NaN or infinite coordinates pool nothing sensible, but never trap.
    func testROIPoolingNonFiniteRegions() throws {
        let data = try np.ones([1, 2, 4, 4])
        let rois = try np.array([0, .nan, 0, 3, 3, 0, -.infinity, 0, .infinity, 3, .nan, 0, 0, 1, 1], shape: [3, 5])
        let out = try Imperative.invoke("ROIPooling", [data, rois], attributes: ["pooled_size": "(2, 2)", "spatial_scale": "1"])
        XCTAssertEqual(out[0].shape, [3, 2, 2, 2])
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
