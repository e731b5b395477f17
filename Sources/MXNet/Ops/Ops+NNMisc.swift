extension Ops {
    /// The remaining npx / NN operators: reshapes, shape-like ops, embedding, selection, sequences, RNN.
    static var nnMisc: [Operator] {
        reshapes + shapeLike + [smoothL1] + embeddings + selections + sequences + recurrent
    }
}
