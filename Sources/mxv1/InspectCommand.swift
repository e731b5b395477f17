import ArgumentParser
import MXNet

/// `mxv1 inspect`: what a model file holds, or (`--ops`) which MXNet operators this build supports.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model, or list the supported MXNet operator names (--ops).")

    @Flag(help: "List every supported MXNet operator name (1.x and 2.0 spellings) and the count.")
    var ops = false

    func validate() throws {
        guard ops else { throw ValidationError("give --ops (model inspection comes with the legacy-model loader)") }
    }

    func run() throws {
        let names = OperatorRegistry.shared.allNames.filter { !$0.hasPrefix("_backward_") }
        for name in names { print(name) }
        print("\(names.count) operator names (\(OperatorRegistry.shared.operators.count) operators)")
    }
}
