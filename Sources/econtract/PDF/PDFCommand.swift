import ArgumentParser

/// `econtract pdf`: PDF documents.
struct PDFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Sign and inspect PDF documents (PAdES).",
        subcommands: [PDFSignCommand.self, PDFAddFieldsCommand.self, PDFAttachCommand.self, PDFAttachmentsCommand.self, PDFVerifyCommand.self, PDFLTVCommand.self, PDFTimestampCommand.self, PDFInfoCommand.self]
    )
}
