import ArgumentParser
import Foundation
import MXNet

/// `mxv1 run`: run a 1.x model (symbol JSON + params) on `.npy` inputs and write each output as `.npy`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an MXNet 1.x model on .npy inputs; writes DIR/output_<i>.npy for each output.")

    @OptionGroup var model: ModelOptions

    @Option(help: "The directory for output_<i>.npy (created if missing).")
    var out: String

    func run() throws {
        let files = try ModelFiles(model: model.model, epoch: model.epoch, params: model.params)
        let inputs = try model.readInputs()
        let loaded = try LoadedModel(files, inputs: inputs)
        let outputs = try loaded.compiled(named: inputs)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw MXNetError("\(out): cannot create the output directory")
        }
        for (i, o) in outputs.enumerated() {
            try o.save(npy: (out as NSString).appendingPathComponent("output_\(i).npy"))
        }
    }
}
