import ArgumentParser
import Foundation
import MXNet

/// `mxv1 run`: run a 1.x model (symbol JSON + params) on `.npy` inputs and write each output as `.npy`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an MXNet 1.x model on .npy inputs; writes OUT/output_<i>.npy for each output.",
        discussion: """
            Reads PREFIX-symbol.json and PREFIX-NNNN.params as mx.model.save_checkpoint and HybridBlock.export \
            write them (a params file from ParameterDict.save, whose names lack the arg:/aux: prefixes, also \
            works), binds the parameters by name and runs one forward pass in inference mode. Every input of the \
            model that is not in the params file needs an --input; the labels of loss outputs (softmax_label ...) \
            may be left out and are bound as zeros. Parameters the graph does not use are ignored, as \
            Module.set_params does. Outputs are numbered in the order of the model's heads, as mxv1 inspect lists \
            them. Files are checked against the model from their headers before any array data is read.

            Exit status: 0 on success, 1 for an unreadable or malformed model or input file (one line on \
            standard error names the file and what is wrong), 64 for bad arguments.
            """)

    @OptionGroup var model: ModelOptions

    @Option(help: ArgumentHelp("The directory for output_<i>.npy (created if missing).", valueName: "dir"))
    var out: String

    func run() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) && !isDirectory.boolValue {
            throw MXNetError("\(out): exists and is not a directory (--out names the output directory)")
        }
        let loaded = try LoadedModel(try model.files(), inputFiles: try model.inputFiles())
        let outputs = try loaded.forward()
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
