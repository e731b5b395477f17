extension Ops {
    static var recurrent: [Operator] { [] }
}
