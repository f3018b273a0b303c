import ArgumentParser

extension EContractCommand {
    /// The command `arguments` name when they name a leaf (a command without subcommands, such as
    /// `pdf sign`) and parse and validate as that command on its own; `nil` otherwise.
    ///
    /// Parsing the leaf alone spares building and walking the whole command tree, which costs
    /// the Swift runtime's protocol-conformance scans at every start. Anything else — help,
    /// `--version`, completion scripts, a default subcommand, an alias, any mistake — returns
    /// `nil`, and `parseAsRoot()` parses the arguments again and answers exactly as before, with
    /// the full command path in its messages.
    static func parseLeaf(_ arguments: [String]) -> sending (any ParsableCommand)? {
        var command: any ParsableCommand.Type = EContractCommand.self
        var rest = arguments[...]
        while let name = rest.first,
              let subcommand = command.configuration.subcommands.first(where: { $0._commandName == name }) {
            command = subcommand
            rest = rest.dropFirst()
        }
        guard rest.startIndex > arguments.startIndex, command.configuration.subcommands.isEmpty,
              let parsed = try? command.parseAsRoot(Array(rest)),
              ObjectIdentifier(type(of: parsed)) == ObjectIdentifier(command)  // not the help command
        else { return nil }
        return parsed
    }
}
