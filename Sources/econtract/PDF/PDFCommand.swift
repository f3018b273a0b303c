import ArgumentParser

/// `econtract pdf`: PDF documents. Signing and validation arrive with the PAdES layer.
struct PDFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Inspect PDF documents (signing and validation come with the PAdES layer).",
        subcommands: [PDFInfoCommand.self]
    )
}
