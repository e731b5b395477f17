import Foundation
import MXV1
import XCTest

/// Loaded models compiled for inference are fused (batch norm folded into convolutions, residual adds and ReLUs
/// in their epilogues), give the unfused outputs, and refuse training mode.
final class InferenceFusionTests: XCTestCase {
    func compile(_ name: String, fuse: Bool) throws -> (CompiledGraph, LegacyModelCase) {
        let c = try LegacyModels.load(name)
        let graph = try SymbolGraph(contentsOf: c.symbolPath)
        let parameters = try ParamsFile.load(c.paramsPath).parameters
        let run = try CompiledGraph(graph, parameters: parameters,
                                    inputs: c.inputsByName.mapValues { ($0.shape, $0.dtype) }, fuseForInference: fuse)
        return (run, c)
    }

    func opCounts(_ g: CompiledGraph) -> [String: Int] {
        var counts: [String: Int] = [:]
        for node in g.nodes { if let op = node.op { counts[op.name, default: 0] += 1 } }
        return counts
    }

    func testResNetBlocksAreFused() throws {
        let (fused, c) = try compile("resnet_tiny_gluon", fuse: true)
        let (plain, _) = try compile("resnet_tiny_gluon", fuse: false)
        let f = opCounts(fused), p = opCounts(plain)
        let afterConvolution = plain.nodes.filter {
            $0.op?.name == "_npx_batch_norm" && $0.inputs[0].node.op?.name == "Convolution"
        }.count
        XCTAssertGreaterThan(afterConvolution, 5)
        XCTAssertEqual(f["_npx_batch_norm", default: 0], p["_npx_batch_norm", default: 0] - afterConvolution,
                       "every BatchNorm after a convolution is folded: \(f)")
        XCTAssertEqual(f["_fused_convolution", default: 0] + f["Convolution", default: 0], p["Convolution", default: 0], "\(f)")
        XCTAssertLessThanOrEqual(f["Convolution", default: 0], 1, "\(f)")
        XCTAssertLessThan(f["_npi_add", default: 0], p["_npi_add", default: 0], "residual adds are absorbed: \(f)")
        let a = try fused(named: c.inputsByName), b = try plain(named: c.inputsByName)
        XCTAssertEqual(LegacyModels.mismatches(a, b, rtol: 1e-5, atol: 1e-6), [])
        XCTAssertEqual(LegacyModels.mismatches(a, c.expected, rtol: c.rtol, atol: c.atol), [])
    }

    func testFusedGraphRefusesTraining() throws {
        let (fused, c) = try compile("resnet_tiny_gluon", fuse: true)
        XCTAssertTrue(fused.isInferenceOnly)
        XCTAssertThrowsError(try autograd.trainMode { try fused(named: c.inputsByName) }) { e in
            XCTAssertTrue("\(e)".contains("compiled for inference"), "\(e)")
        }
        let (plain, _) = try compile("resnet_tiny_gluon", fuse: false)
        XCTAssertFalse(plain.isInferenceOnly)
        XCTAssertNoThrow(try autograd.trainMode { try plain(named: c.inputsByName) })
    }

    /// A graph output is never absorbed into a fused node: with the first convolution's output (before its
    /// batch norm) also a head, that value is kept while the rest of the graph is still fused.
    func testGraphOutputsAreKept() throws {
        let c = try LegacyModels.load("resnet_tiny_gluon")
        let graph = try SymbolGraph(contentsOf: c.symbolPath)
        guard let conv = graph.nodes.first(where: { $0.op?.name == "Convolution" }) else { return XCTFail("no Convolution") }
        let both = try SymbolGraph(outputs: [GraphEntry(conv)] + graph.outputs, source: "two heads")
        let parameters = try ParamsFile.load(c.paramsPath).parameters
        let shapes = c.inputsByName.mapValues { ($0.shape, $0.dtype) }
        let fused = try CompiledGraph(both, parameters: parameters, inputs: shapes)
        let plain = try CompiledGraph(both, parameters: parameters, inputs: shapes, fuseForInference: false)
        XCTAssertTrue(fused.nodes.contains { $0.op?.name == "_fused_convolution" })
        let a = try fused(named: c.inputsByName), b = try plain(named: c.inputsByName)
        XCTAssertEqual(LegacyModels.mismatches([a[0]], [b[0]], rtol: 0, atol: 0), [], "the convolution head is unchanged")
        XCTAssertEqual(LegacyModels.mismatches([a[1]], [b[1]], rtol: 1e-5, atol: 1e-6), [])
    }
}
